import { describe, expect, it } from 'vitest';
import {
  identifyCaller,
  JOB_PORT_ACCESS,
  MESSAGE_ACCESS,
  mayFollowJob,
  mayOpenJobPort,
  mayUse,
  type AccessRule,
  type Caller,
  type MessageName,
  type SenderRole,
} from '@/utils/messaging/access-table';

const EXTENSION_ID = 'lifeline-id';
const page = (path: string): string => `chrome-extension://${EXTENSION_ID}/${path}`;

const NAMES = Object.keys(MESSAGE_ACCESS) as MessageName[];
const rule = (name: MessageName): AccessRule => MESSAGE_ACCESS[name];
const handledBy = (handler: AccessRule['handledBy']): MessageName[] => NAMES.filter((name) => rule(name).handledBy === handler);

const SETTINGS_PAGE: Caller = { role: 'settings-page' };
const CHAT_PAGE: Caller = { role: 'chat-page' };
const PANEL_IN_TAB_3: Caller = { role: 'panel-frame', tabId: 3 };
const CONTENT_SCRIPT_IN_TAB_3: Caller = { role: 'content-script', tabId: 3 };
const BACKGROUND: Caller = { role: 'background' };
const EVERY_CALLER = [SETTINGS_PAGE, CHAT_PAGE, PANEL_IN_TAB_3, CONTENT_SCRIPT_IN_TAB_3, BACKGROUND];

/** Who of EVERY_CALLER may send `name` with `data`. */
const allowedRoles = (name: MessageName, data?: unknown): SenderRole[] => EVERY_CALLER.filter((caller) => mayUse(name, caller, data)).map((caller) => caller.role);

describe('MESSAGE_ACCESS', () => {
  it.each(NAMES)('should name at least one sender allowed to send %s', (name) => {
    expect(rule(name).from.length).toBeGreaterThan(0);
  });

  it('should let a content script send nothing to the background, not even about its own tab', () => {
    const sendable = handledBy('background').filter((name) => mayUse(name, CONTENT_SCRIPT_IN_TAB_3, { tabId: 3 }));

    expect(handledBy('background').length).toBeGreaterThan(0);
    expect(sendable).toEqual([]);
  });

  it('should let only the background talk to the page reader and announce to open pages', () => {
    const fromBackgroundOnly = [...handledBy('pages'), 'readPage', 'replaceSelectionInPage', 'showPanel'] as MessageName[];

    for (const name of fromBackgroundOnly) expect(allowedRoles(name, { tabId: 3 }), name).toEqual(['background']);
  });
});

describe('identifyCaller', () => {
  it.each<[string, Parameters<typeof identifyCaller>[0], Caller]>([
    ['the options page', { id: EXTENSION_ID, url: page('options.html') }, { role: 'settings-page' }],
    ['the popup', { id: EXTENSION_ID, url: page('popup.html') }, { role: 'chat-page' }],
    ['the popup opened as a window for a tab', { id: EXTENSION_ID, url: page('popup.html?tabId=12') }, { role: 'chat-page' }],
    ['the side panel', { id: EXTENSION_ID, url: page('sidepanel.html') }, { role: 'chat-page' }],
    ['the options page opened in a tab', { id: EXTENSION_ID, url: page('options.html'), tab: { id: 8 } }, { role: 'settings-page', tabId: 8 }],
    ['the panel frame in a tab', { id: EXTENSION_ID, url: page('panel.html?tabId=3&intent=%7B%7D'), tab: { id: 3 }, frameId: 5 }, { role: 'panel-frame', tabId: 3 }],
    ['the service worker', { id: EXTENSION_ID, url: page('background.js') }, { role: 'background' }],
    ["Firefox's background page", { id: EXTENSION_ID, url: `moz-extension://a-uuid/_generated_background_page.html` }, { role: 'background' }],
    ['a content script', { id: EXTENSION_ID, url: 'https://example.com/article', tab: { id: 3 }, frameId: 0 }, { role: 'content-script', tabId: 3 }],
  ])('should identify %s', (_name, sender, caller) => {
    expect(identifyCaller(sender, EXTENSION_ID)).toEqual(caller);
  });

  it.each<[string, Parameters<typeof identifyCaller>[0]]>([
    ['no sender', undefined],
    ['another extension', { id: 'someone-else', url: `chrome-extension://someone-else/popup.html` }],
    ["another extension's content script", { id: 'someone-else', url: 'https://example.com/', tab: { id: 3 } }],
    ['a sender without an address', { id: EXTENSION_ID, tab: { id: 3 } }],
    ['an address that is not one', { id: EXTENSION_ID, url: 'not a url' }],
    ['an unknown page of the extension', { id: EXTENSION_ID, url: page('evil.html') }],
    ['a page script address', { id: EXTENSION_ID, url: page('page-reader.js') }],
    ['a web address without a tab', { id: EXTENSION_ID, url: 'https://example.com/' }],
  ])('should refuse %s', (_name, sender) => {
    expect(identifyCaller(sender, EXTENSION_ID)).toBeUndefined();
  });

  it('should identify a panel frame the browser names no tab for, without a tab', () => {
    const caller = identifyCaller({ id: EXTENSION_ID, url: page('panel.html') }, EXTENSION_ID);

    expect(caller).toEqual({ role: 'panel-frame' });
  });
});

describe('a panel frame the browser names no tab for', () => {
  const NO_TAB: Caller = { role: 'panel-frame' };

  it("should follow no tab's jobs", () => {
    expect(mayFollowJob(NO_TAB, 3)).toBe(false);
    expect(mayFollowJob(NO_TAB, undefined)).toBe(false);
  });

  it('should act for no tab its message names', () => {
    expect(mayUse('startJob', NO_TAB, { tabId: 3 })).toBe(false);
  });

  // identifyCaller says: "Without a tab, no tab-scoped rule can pass." A payload that names no tab matches a caller
  // without one (undefined === undefined), so only the schema stands between it and the handler.
  it('should be refused tab-scoped messages whose payload names no tab', () => {
    const payloads = [undefined, {}, { tabId: undefined }];

    const passing = payloads.flatMap((data) => NAMES.filter((name) => rule(name).ownTab && mayUse(name, NO_TAB, data)));

    expect(passing).toEqual([]);
  });
});

describe('mayUse', () => {
  it('should keep settings to the options page', () => {
    const settings: MessageName[] = ['saveProviders', 'revealKey', 'exportSettings', 'unlock', 'deleteAllHistory'];

    for (const name of settings) expect(allowedRoles(name), name).toEqual(['settings-page']);
  });

  it('should let every Lifeline page, and nothing in a web page, read the lock state and the history', () => {
    const chat: MessageName[] = ['getLockState', 'getProviderLabels', 'listConversations', 'getConversation', 'deleteConversation', 'exportConversations'];

    for (const name of chat) expect(allowedRoles(name, { id: 'c' }), name).toEqual(['settings-page', 'chat-page', 'panel-frame']);
  });

  it('should let the popup and side panel act for any tab, a panel frame only for its own, and no other sender', () => {
    const forTab: MessageName[] = ['startJob', 'getChat', 'newConversation', 'replaceInTab', 'getSelectionState'];

    for (const name of forTab) {
      expect(allowedRoles(name, { tabId: 3 }), name).toEqual(['chat-page', 'panel-frame']);
      expect(allowedRoles(name, { tabId: 4 }), name).toEqual(['chat-page']);
    }
  });

  it("should refuse a panel frame whose message names no tab, or names it in another form", () => {
    expect(mayUse('startJob', PANEL_IN_TAB_3, undefined)).toBe(false);
    expect(mayUse('startJob', PANEL_IN_TAB_3, { tabId: '3' })).toBe(false);
    expect(mayUse('replaceInTab', PANEL_IN_TAB_3, { text: 'x' })).toBe(false);
    expect(mayUse('getChat', PANEL_IN_TAB_3, null)).toBe(false);
  });

  it('should let only the panel frame steer its loader, and the background close it too', () => {
    expect(allowedRoles('movePanel')).toEqual(['panel-frame']);
    expect(allowedRoles('focusPanel')).toEqual(['panel-frame']);
    expect(allowedRoles('closePanel')).toEqual(['panel-frame', 'background']);
  });

  it('should refuse a sender that could not be identified', () => {
    const usable = NAMES.filter((name) => mayUse(name, undefined, { tabId: 3 }));

    expect(usable).toEqual([]);
  });
});

describe('the job port', () => {
  it('should open only to chat surfaces', () => {
    const opened = EVERY_CALLER.filter((caller) => mayOpenJobPort(caller)).map((caller) => caller.role);

    expect(opened).toEqual(['chat-page', 'panel-frame']);
    expect(opened).toEqual([...JOB_PORT_ACCESS.from]);
    expect(mayOpenJobPort(undefined)).toBe(false);
  });

  it("should let a panel frame follow only its own tab's jobs, and a chat page any job", () => {
    expect(mayFollowJob(PANEL_IN_TAB_3, 3)).toBe(true);
    expect(mayFollowJob(PANEL_IN_TAB_3, 4)).toBe(false);
    expect(mayFollowJob(PANEL_IN_TAB_3, undefined)).toBe(false);
    expect(mayFollowJob(CHAT_PAGE, 4)).toBe(true);
    expect(mayFollowJob(CHAT_PAGE, undefined)).toBe(true);
  });
});
