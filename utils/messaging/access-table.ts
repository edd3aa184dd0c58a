// Who may use which message or port: every sender is identified once (identifyCaller) and checked against one table.
// Kept free of schemas and browser APIs so the tiny panel loader can carry it.

/**
 * Who sent a message, from what the browser says about the sender (never from the message itself):
 * - `background`: the service worker (Firefox: the background page);
 * - `settings-page`: options.html;
 * - `chat-page`: the toolbar popup (also opened as a small window) and the side panel;
 * - `panel-frame`: panel.html shown inside a web page's tab (the in-page panel);
 * - `content-script`: the panel loader or the page reader, running in a web page.
 */
export type SenderRole = 'background' | 'settings-page' | 'chat-page' | 'panel-frame' | 'content-script';

export interface Caller {
  role: SenderRole;
  /** The tab a panel frame or a content script runs in (and the tab of an extension page opened as a tab), when told. */
  tabId?: number;
}

/** The part of `runtime.MessageSender` that identifies a caller. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
  frameId?: number;
}

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:']);

const PAGE_ROLES: Readonly<Record<string, SenderRole>> = {
  '/options.html': 'settings-page',
  '/popup.html': 'chat-page',
  '/sidepanel.html': 'chat-page',
  '/panel.html': 'panel-frame',
  '/background.js': 'background',
  '/_generated_background_page.html': 'background',
  '/background.html': 'background',
};

/** The caller a sender stands for, or undefined for anything that is not one of Lifeline's own contexts. */
export function identifyCaller(sender: SenderLike | undefined, extensionId: string): Caller | undefined {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  const tabId = sender.tab?.id;
  // Content scripts report the page's address; only Lifeline's own pages have an extension address with its id.
  if (!EXTENSION_SCHEMES.has(url.protocol)) return tabId === undefined ? undefined : { role: 'content-script', tabId };
  const role = PAGE_ROLES[url.pathname];
  if (!role) return undefined;
  // A panel frame's tab is known to the background; a content script the frame talks to is not told it (and needs
  // not: it only ever acts on its own page). Without a tab, no tab-scoped rule can pass.
  return tabId === undefined ? { role } : { role, tabId };
}

/** Where a message is handled: the service worker, a content script in the tab, or Lifeline's open pages. */
export type Handler = 'background' | 'content-script' | 'pages';

export interface AccessRule {
  handledBy: Handler;
  from: readonly SenderRole[];
  /** The message names a tab (`data.tabId`): a panel frame or content script may only name its own. */
  ownTab?: true;
}

const SETTINGS: AccessRule = { handledBy: 'background', from: ['settings-page'] };
const CHAT: AccessRule = { handledBy: 'background', from: ['chat-page', 'panel-frame', 'settings-page'] };
const CHAT_FOR_TAB: AccessRule = { handledBy: 'background', from: ['chat-page', 'panel-frame'], ownTab: true };

/** Every message of the protocol (utils/messaging/protocol.ts) and who may send it. */
export const MESSAGE_ACCESS = {
  // Settings: providers, keys, health, preferences, privacy, settings files. Only the options page.
  getProviders: SETTINGS,
  saveProviders: SETTINGS,
  testProvider: SETTINGS,
  listModels: SETTINGS,
  detectLocalServers: SETTINGS,
  revealKey: SETTINGS,
  getHealth: SETTINGS,
  resetEntryHealth: SETTINGS,
  getRouterPreferences: SETTINGS,
  saveRouterPreferences: SETTINGS,
  enableLock: SETTINGS,
  unlock: SETTINGS,
  lockNow: SETTINGS,
  disableLock: SETTINGS,
  exportSettings: SETTINGS,
  previewSettingsImport: SETTINGS,
  importSettings: SETTINGS,
  getPrivacy: SETTINGS,
  savePrivacy: SETTINGS,
  getHistoryPreferences: SETTINGS,
  saveHistoryPreferences: SETTINGS,
  deleteAllHistory: SETTINGS,
  // Any Lifeline page: no secret in the answers.
  getLockState: { handledBy: 'background', from: ['settings-page', 'chat-page', 'panel-frame'] },
  getProviderLabels: CHAT,
  // The job API and the chat about a tab: the popup and side panel for any tab, a panel frame for its own tab.
  startJob: CHAT_FOR_TAB,
  getChat: CHAT_FOR_TAB,
  newConversation: CHAT_FOR_TAB,
  replaceInTab: CHAT_FOR_TAB,
  getSelectionState: CHAT_FOR_TAB,
  // History: every chat surface (the panel is the same chat app).
  listConversations: CHAT,
  getConversation: CHAT,
  deleteConversation: CHAT,
  exportConversations: CHAT,
  getHistoryNotice: CHAT,
  dismissHistoryNotice: CHAT,
  // Background -> panel loader; panel frame -> panel loader of its tab (extension messaging, never the page's window).
  showPanel: { handledBy: 'content-script', from: ['background'] },
  movePanel: { handledBy: 'content-script', from: ['panel-frame'] },
  dragPanel: { handledBy: 'content-script', from: ['panel-frame'] },
  panelReady: { handledBy: 'content-script', from: ['panel-frame'] },
  reshapePanel: { handledBy: 'content-script', from: ['panel-frame'] },
  focusPanel: { handledBy: 'content-script', from: ['panel-frame'] },
  closePanel: { handledBy: 'content-script', from: ['panel-frame', 'background'] },
  // Background -> page reader.
  readPage: { handledBy: 'content-script', from: ['background'] },
  replaceSelectionInPage: { handledBy: 'content-script', from: ['background'] },
  // Background -> open chat pages.
  tabAccessChanged: { handledBy: 'pages', from: ['background'] },
  jobStarted: { handledBy: 'pages', from: ['background'] },
} as const satisfies Record<string, AccessRule>;

export type MessageName = keyof typeof MESSAGE_ACCESS;

/** The job port: only chat surfaces attach to jobs; a panel frame only to jobs of its own tab (checked per job). */
export const JOB_PORT_ACCESS = { from: ['chat-page', 'panel-frame'] } as const satisfies Pick<AccessRule, 'from'>;

/** Plain words for a refusal: never a stack trace, never what the background holds. */
export const REFUSED = 'Lifeline refused this request: it did not come from a Lifeline page allowed to make it.';

function namedTab(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const tabId = (data as { tabId?: unknown }).tabId;
  return typeof tabId === 'number' ? tabId : undefined;
}

/** Whether `caller` may send message `name` with `data`. */
export function mayUse(name: MessageName, caller: Caller | undefined, data?: unknown): boolean {
  const rule: AccessRule = MESSAGE_ACCESS[name];
  if (!caller || !rule.from.includes(caller.role)) return false;
  if (rule.ownTab && (caller.role === 'panel-frame' || caller.role === 'content-script')) {
    return caller.tabId !== undefined && namedTab(data) === caller.tabId;
  }
  return true;
}

/** Whether `caller` may open the job port. */
export function mayOpenJobPort(caller: Caller | undefined): caller is Caller {
  return caller !== undefined && (JOB_PORT_ACCESS.from as readonly SenderRole[]).includes(caller.role);
}

/** Whether `caller` may see and steer a job of `jobTabId` (a panel frame: only jobs of its own tab). */
export function mayFollowJob(caller: Caller, jobTabId: number | undefined): boolean {
  return caller.role !== 'panel-frame' || (jobTabId !== undefined && jobTabId === caller.tabId);
}
