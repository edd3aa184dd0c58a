// The one typed request/response protocol between the extension's contexts.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PanelTask } from '../jobs/task';
import type { EntryHealthView } from '../llm/health/health-view';
import type { LlmErrorKind } from '../llm/errors';
import type { EntryLabel } from '../llm/types';
import type { ChatAction, Conversation, ConversationSummary, HistoryNotice, HistoryPreferences } from '../history/conversation';
import type { ChatTurnRequest, ChatTurnResult, ChatView } from '../chat/chat-turn';
import type { PageSnapshot, ReplaceOutcome } from '../page/page-snapshot';
import type { LocalServerFinding } from '../providers/detect-local-servers';
import type { ImportPreview } from '../settings-transfer/import-preview';
import type { PanelPosition } from '../storage/panel-position';
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
  /** Any Lifeline surface: whether keys are locked by a passphrase. Content scripts may ask (no secret in the answer). */
  getLockState(): LockStatus;
  /** Options page / popup only: passphrases are never typed in the in-page panel. */
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
  /** In-page panel -> background: open Lifeline's settings (content scripts cannot open extension pages themselves). */
  openSettings(): void;
  /** In-page panel -> background: where the user last put the panel (content scripts cannot read storage); null: never moved. */
  getPanelPosition(): PanelPosition | null;
  /** In-page panel -> background: remember where the user put the panel. */
  savePanelPosition(position: PanelPosition): void;
  /** In-page panel -> background: the enabled providers in order, for "Retry with…": id, name and model only, never keys. */
  getProviderLabels(): EntryLabel[];
  /** Background -> in-page panel: open and run a task on this page. */
  showPanel(task: PanelTask): void;
  /** In-page panel -> background: continue this finished job in the chat about the page (opens the popup). */
  askFollowUp(request: { jobId: string; action: ChatAction }): { ok: boolean };
  /** Background -> side panel: Lifeline was just let into this tab (toolbar button, menu or shortcut). */
  tabAccessChanged(request: { tabId: number }): void;

  /** Background -> page bridge (injected on demand): the page's text (when asked) and the selection as they are now. */
  readPageForChat(request: { includePage: boolean }): PageSnapshot;
  /** Background -> page bridge: put this text in place of the editable selection the last readPageForChat saw. */
  replaceSelectionInPage(request: { text: string }): ReplaceOutcome;

  /** Popup / side panel -> background: the page of this tab and its latest conversation. */
  getChat(request: { tabId: number }): ChatView;
  /** Popup / side panel -> background: reads the page as the turn needs, records the turn and starts its job. */
  startChatTurn(request: ChatTurnRequest): ChatTurnResult;
  /** Popup / side panel -> background: a fresh conversation about this tab's page. */
  newConversation(request: { tabId: number }): ChatView;
  /** Popup / side panel -> background: send a rewrite back into the tab's editable selection. */
  replaceInTab(request: { tabId: number; text: string }): ReplaceOutcome;
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
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
