// The one typed request/response protocol between the extension's contexts.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PanelTaskKind } from '../jobs/task';
import type { ProviderDraft, ProviderView, SaveProvidersResult } from '../storage/provider-settings';

export interface ProtocolMap {
  /** Options page -> background. Never answers a content script. */
  getProviders(): ProviderView[];
  /** Options page -> background. Never answers a content script. */
  saveProviders(drafts: ProviderDraft[]): SaveProvidersResult;
  /** Background -> in-page panel: open and run a task on this page. */
  showPanel(task: { kind: PanelTaskKind }): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
