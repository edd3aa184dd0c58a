// The one typed request/response protocol between the extension's contexts.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PanelTaskKind } from '../jobs/task';
import type { EntryHealthView } from '../llm/health/health-view';
import type { ProviderDraft, ProviderView, SaveProvidersResult } from '../storage/provider-settings';

export interface RouterPreferences {
  hedging: boolean;
}

export interface ProtocolMap {
  /** Options page -> background. Never answers a content script. */
  getProviders(): ProviderView[];
  /** Options page -> background. Never answers a content script. */
  saveProviders(drafts: ProviderDraft[]): SaveProvidersResult;
  /** Options page -> background: health, usage and notices per provider. */
  getHealth(): EntryHealthView[];
  /** Options page -> background: the user fixed a provider; try it again at once. */
  resetEntryHealth(providerId: string): void;
  getRouterPreferences(): RouterPreferences;
  saveRouterPreferences(preferences: RouterPreferences): RouterPreferences;
  /** Background -> in-page panel: open and run a task on this page. */
  showPanel(task: { kind: PanelTaskKind }): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
