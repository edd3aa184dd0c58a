// The real background wiring (entrypoints/background/index.ts) on the fake browser: which messages it answers, and
// whether it checks who sends them and what they carry. Messages are delivered as @webext-core/messaging sends them.
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MESSAGE_ACCESS, type AccessRule, type MessageName, type SenderLike } from '@/utils/messaging/access-table';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import type { Reply } from '@/utils/messaging/protocol';

const NAMES = Object.keys(MESSAGE_ACCESS) as MessageName[];
const rule = (name: MessageName): AccessRule => MESSAGE_ACCESS[name];

const extensionPage = (path: string): string => `chrome-extension://${fakeBrowser.runtime.id}/${path}`;
const senders = {
  settingsPage: (): SenderLike => ({ id: fakeBrowser.runtime.id, url: extensionPage('options.html') }),
  chatPage: (): SenderLike => ({ id: fakeBrowser.runtime.id, url: extensionPage('sidepanel.html') }),
  panelFrameInTab3: (): SenderLike => ({ id: fakeBrowser.runtime.id, url: extensionPage('panel.html?tabId=3'), tab: { id: 3 }, frameId: 5 }),
  contentScript: (): SenderLike => ({ id: fakeBrowser.runtime.id, url: 'https://example.com/article', tab: { id: 3 }, frameId: 0 }),
};

/** An event the background may listen to; the fake browser does not implement these. */
const silentEvent = () => {
  const listeners: unknown[] = [];
  return { addListener: (listener: unknown) => void listeners.push(listener), removeListener: () => undefined, hasListener: () => false, listeners };
};

let nextId = 1;

/** Delivers a message as another context's sendMessage would; `answered` is false when no handler took it. */
async function deliver(name: string, data: unknown, sender: SenderLike): Promise<{ answered: boolean; reply?: Reply<unknown> }> {
  let respond!: (response: unknown) => void;
  const response = new Promise<unknown>((resolve) => (respond = resolve));
  const onMessage = fakeBrowser.runtime.onMessage as unknown as { trigger(...args: unknown[]): Promise<unknown[]> };
  const results = await onMessage.trigger({ id: nextId++, type: name, data, timestamp: Date.now() }, sender, respond);
  if (!results.some((result) => result === true)) return { answered: false };
  const { res } = (await response) as { res: Reply<unknown> };
  return { answered: true, reply: res };
}

const onConnect = silentEvent();

/** Opens a port to the background as runtime.connect would; says whether the background closed it at once. */
function connect(name: string, sender: SenderLike): { closed: boolean } {
  const port = {
    name,
    sender,
    closed: false,
    postMessage: () => undefined,
    onMessage: silentEvent(),
    onDisconnect: silentEvent(),
    disconnect() {
      port.closed = true;
    },
  };
  for (const listener of onConnect.listeners) (listener as (opened: typeof port) => void)(port);
  return port;
}

beforeAll(() => {
  fakeBrowser.reset();
  // What the worker touches at start-up that the fake browser leaves unimplemented.
  Object.assign(fakeBrowser, { contextMenus: { onClicked: silentEvent() }, commands: { onCommand: silentEvent() } });
  Object.assign(fakeBrowser.runtime, { onConnect });
  for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session]) Object.assign(area, { setAccessLevel: async () => undefined });

  background.main();
});

describe('background wiring', () => {
  const inBackground = NAMES.filter((name) => rule(name).handledBy === 'background');
  const elsewhere = NAMES.filter((name) => rule(name).handledBy !== 'background');

  it.each(inBackground)('should answer %s, and refuse it to a content script', async (name) => {
    const { answered, reply } = await deliver(name, { tabId: 3 }, senders.contentScript());

    expect(answered).toBe(true);
    expect(reply).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it.each(elsewhere)('should leave %s to the context that handles it', async (name) => {
    const [allowed] = rule(name).from;
    const sender = allowed === 'background' ? { id: fakeBrowser.runtime.id, url: extensionPage('background.js') } : senders.chatPage();

    const { answered } = await deliver(name, { tabId: 3 }, sender);

    expect(answered).toBe(false);
  });

  const fromChatSurfaces = inBackground.filter((name) => rule(name).from.some((role) => role === 'chat-page' || role === 'panel-frame'));

  it.each(fromChatSurfaces)('should check what %s carries before acting on it', async (name) => {
    const sender = rule(name).from.includes('chat-page') ? senders.chatPage() : senders.settingsPage();

    const { reply } = await deliver(name, 42, sender);

    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('should answer an allowed, well-formed request', async () => {
    const { reply } = await deliver('listConversations', {}, senders.chatPage());

    expect(reply).toEqual({ ok: true, value: [] });
  });

  it("should tell a panel frame whether its own tab has a selection, and refuse to tell it about another tab", async () => {
    const own = await deliver('getSelectionState', { tabId: 3 }, senders.panelFrameInTab3());
    const other = await deliver('getSelectionState', { tabId: 4 }, senders.panelFrameInTab3());

    // The fake browser cannot script a tab: the answer is that Lifeline may not read it.
    expect(own.reply).toEqual({ ok: true, value: { access: 'no-access' } });
    expect(other.reply).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('should serve the job port to chat surfaces and close it on anything else', () => {
    const fromChatPage = connect(JOB_PORT_NAME, senders.chatPage());
    const fromContentScript = connect(JOB_PORT_NAME, senders.contentScript());
    const otherPort = connect('someone-elses-port', senders.contentScript());

    expect(onConnect.listeners).toHaveLength(1);
    expect(fromChatPage.closed).toBe(false);
    expect(fromContentScript.closed).toBe(true);
    expect(otherPort.closed).toBe(false);
  });
});
