// The one typed request/response protocol between the extension's contexts. Who may send each message is in
// access-table.ts; every handler answers with one reply shape (`Reply`), and `sendMessage` unwraps it.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { JobIntent, StartJobRequest, StartJobResult } from '../jobs/job-api';
import type { EntryHealthView } from '../llm/health/health-view';
import type { LlmErrorKind } from '../llm/errors';
import type { EntryLabel } from '../llm/types';
import type { Conversation, ConversationSummary, HistoryNotice, HistoryPreferences } from '../history/conversation';
import type { ChatView } from '../chat/chat-view';
import type { PageSnapshot, ReadPageRequest, ReplaceOutcome } from '../page/page-snapshot';
import type { SelectionState } from '../page/selection-state';
import type { MessageName } from './access-table';
import type { LocalServerFinding } from '../providers/detect-local-servers';
import type { PanelPosition, PanelShape } from '../panel/panel-geometry';
import type { ImportPreview } from '../settings-transfer/import-preview';
import type { ProviderDraft, ProviderView, SaveProvidersResult } from '../storage/provider-settings';
import type { TaskChains } from '../storage/task-chains';

export interface RouterPreferences {
  hedging: boolean;
  /** Set by the administrator's policy: shown, not changeable. */
  locked?: boolean;
  /** Which providers each task may use; absent or empty for a task means all of them. */
  taskChains?: TaskChains;
  /** Pages estimated above this many tokens are summarized only after the user confirms. */
  confirmAboveTokens?: number;
}

export type ProviderTestResult =
  | { ok: true; latencyMs: number }
  /** `message` is plain words with the next step, e.g. "Key rejected (401): check the key in your provider's console". */
  | { ok: false; kind: LlmErrorKind; message: string };

export type ModelListResult = { ok: true; models: string[] } | { ok: false; message: string };

/** none: keys stored as they are; locked: encrypted and not usable until unlocked; unlocked: encrypted, usable this session. */
export type LockStatus = 'none' | 'locked' | 'unlocked';

export type LockResult = { ok: true; status: LockStatus } | { ok: false; message: string };

export type ExportResult = { ok: true; json: string; fileName: string } | { ok: false; message: string };

/** `done`: what the import did, one sentence each (keys kept, replaced or removed). */
export type ImportResult = { ok: true; summary: string; done: string[] } | { ok: false; problems: string[] };

/** What an import would change, shown before the user decides; nothing is written. */
export type ImportPreviewResult = ({ ok: true } & ImportPreview) | { ok: false; problems: string[] };

export interface PrivacySettings {
  /** Host names never sent to any provider (each also covers its subdomains). */
  neverSendSites: string[];
  /** Sites the administrator's policy adds to the list (not editable). */
  managedSites?: string[];
  /** The policy locks the list. */
  locked?: boolean;
}

export interface ProtocolMap {
  /** Options page -> background. Never answers a content script. */
  getProviders(): ProviderView[];
  /** Options page -> background. Never answers a content script. */
  saveProviders(drafts: ProviderDraft[]): SaveProvidersResult;
  /** Options page -> background: a one-token chat request with the draft's settings (stored keys when none typed). */
  testProvider(draft: ProviderDraft): ProviderTestResult;
  /** Options page -> background: the provider's models endpoint, when it has one. */
  listModels(draft: ProviderDraft): ModelListResult;
  /** Options page -> background: which local servers (Ollama, LM Studio) answer on this computer. */
  detectLocalServers(): LocalServerFinding[];
  /** Options page -> background: one stored key, on the user's explicit "Reveal". */
  revealKey(request: { providerId: string; index: number }): string;
  /** Options page -> background: health, usage and notices per provider. */
  getHealth(): EntryHealthView[];
  /** Options page -> background: the user fixed a provider; try it again at once. */
  resetEntryHealth(providerId: string): void;
  getRouterPreferences(): RouterPreferences;
  /** Changes only what it names: `hedging`, `taskChains`, or both. */
  saveRouterPreferences(preferences: Omit<Partial<RouterPreferences>, 'locked'>): RouterPreferences;
  /** Any Lifeline page: whether keys are locked by a passphrase (no secret in the answer). */
  getLockState(): LockStatus;
  /** Options page only: passphrases are never typed in the in-page panel. */
  enableLock(request: { passphrase: string }): LockResult;
  unlock(request: { passphrase: string }): LockResult;
  lockNow(): LockResult;
  disableLock(request: { passphrase: string }): LockResult;
  exportSettings(request: { includeKeys: boolean; passphrase?: string }): ExportResult;
  /** Options page -> background: what importing this file would change, and every stored key it would delete. */
  previewSettingsImport(request: { json: string; passphrase?: string }): ImportPreviewResult;
  /** `removeKeysOf`: stored provider ids whose keys the user agreed to lose; any other key the import would delete stops it. */
  importSettings(request: { json: string; passphrase?: string; removeKeysOf?: string[] }): ImportResult;
  getPrivacy(): PrivacySettings;
  savePrivacy(settings: PrivacySettings): PrivacySettings;
  /** Chat surfaces -> background: the enabled providers in order, for "Retry with…": id, name and model only, never keys. */
  getProviderLabels(): EntryLabel[];

  /** Chat surfaces -> background: the job API. Reads the tab, files the turn in the page's conversation, starts the job. */
  startJob(request: StartJobRequest): StartJobResult;
  /** Chat surfaces -> background: the page of this tab and its latest conversation. */
  getChat(request: { tabId: number }): ChatView;
  /** Chat surfaces -> background: a fresh conversation about this tab's page. */
  newConversation(request: { tabId: number }): ChatView;
  /** Chat surfaces -> background: whether the tab has a selection now (the facts only, never the text). */
  getSelectionState(request: { tabId: number }): SelectionState;
  /** Chat surfaces -> background: put a rewrite in place of the tab's editable selection, or below it (the page reader does it). */
  replaceInTab(request: { tabId: number; text: string; placement?: 'replace' | 'below' }): ReplaceOutcome;
  /** History view -> background. */
  listConversations(request: { query?: string }): ConversationSummary[];
  getConversation(request: { id: string }): Conversation | null;
  deleteConversation(request: { id: string }): void;
  /** Settings -> background: every conversation (kept and this session's) and every kept page summary. */
  deleteAllHistory(): { deleted: number };
  /** Markdown of the named conversations (all when `ids` is absent). */
  exportConversations(request: { ids?: string[] }): { markdown: string; fileName: string };
  getHistoryNotice(): HistoryNotice | null;
  dismissHistoryNotice(): void;
  getHistoryPreferences(): HistoryPreferences;
  saveHistoryPreferences(preferences: HistoryPreferences): HistoryPreferences;

  /** Background -> panel loader: show the panel frame for this tab; it starts `intent` (a menu item or shortcut). */
  showPanel(request: PanelRequest): void;
  /** Panel frame -> panel loader: move the panel by this much (arrow keys on "Move panel"); answers where it is now. */
  movePanel(request: { dx: number; dy: number }): PanelPosition;
  /**
   * Panel frame -> panel loader: the header was pressed at this point of the frame; the loader follows the pointer in
   * the page until it is released and answers where the panel ended up.
   */
  dragPanel(request: { x: number; y: number }): PanelPosition;
  /** Panel frame -> panel loader: show the whole chat, the rewrite popover or the small note after Replace. */
  reshapePanel(request: { shape: PanelShape }): void;
  /** Panel frame -> panel loader: the chat app is drawn; the frame takes the placeholder's place. */
  panelReady(): void;
  /** Panel frame -> panel loader: take keyboard focus (once the page's selection has been read). */
  focusPanel(): void;
  /** Panel frame or background -> panel loader: remove the panel (the job goes on and lands in History). */
  closePanel(): void;

  /** Background -> page reader (injected on demand): the page's text (when asked) and the selection as they are now. */
  readPage(request: ReadPageRequest): PageSnapshot;
  /** Background -> page reader: put this text in place of (or below) the editable selection the last readPage saw. */
  replaceSelectionInPage(request: { text: string; placement?: 'replace' | 'below' }): ReplaceOutcome;

  /** Background -> open chat pages: Lifeline was just let into this tab (toolbar button, menu or shortcut). */
  tabAccessChanged(request: { tabId: number }): void;
  /** Background -> open chat pages: a job started for this tab (e.g. from the panel): show it. */
  jobStarted(request: { tabId: number; jobId: string; conversationId: string }): void;
}

export interface PanelRequest {
  tabId: number;
  intent: JobIntent;
  /** The selection as the menu reported it (see StartJobRequest.selectionFallback). */
  selectionFallback?: string;
  /** Where the user last put the panel; the default corner when absent. */
  position?: PanelPosition;
  /** `selection`: show it next to the selection (a rewrite). */
  anchor?: 'selection';
}

/** Every answer, success or failure, has this shape; a refusal or a failure carries plain words, never a stack trace. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: 'refused' | 'invalid' | 'failed'; message: string } };

type DataOf<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type ValueOf<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** What travels: each message answered with a Reply. */
type TransportMap = { [K in keyof ProtocolMap]: (data: DataOf<K>) => Reply<ValueOf<K>> };

// The access table must name every message of the protocol, and nothing else.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const everyMessageHasARule: Exactly<MessageName, keyof ProtocolMap> = true;
void everyMessageHasARule;

export const transport = defineExtensionMessaging<TransportMap>();

/** A request Lifeline refused or could not answer: `message` is meant for the user. */
export class MessageFailed extends Error {
  constructor(
    readonly code: 'refused' | 'invalid' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MessageFailed';
  }
}

type Target = number | { tabId: number; frameId?: number };

/** Sends a message and unwraps its reply: the value, or a MessageFailed with plain words. */
export async function sendMessage<K extends keyof ProtocolMap>(
  type: K,
  ...args: DataOf<K> extends undefined ? [data?: undefined, target?: Target] : [data: DataOf<K>, target?: Target]
): Promise<ValueOf<K>> {
  const [data, target] = args;
  const send = transport.sendMessage as unknown as (type: K, data: unknown, target?: Target) => Promise<Reply<ValueOf<K>> | undefined>;
  const reply = await send(type, data, target);
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new MessageFailed('failed', 'Lifeline did not answer. Try again.');
  if (!reply.ok) throw new MessageFailed(reply.error.code, reply.error.message);
  return reply.value;
}
