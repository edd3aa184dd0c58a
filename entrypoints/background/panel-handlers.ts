// Messages the in-page panel may send: its remembered position and the providers' names for "Retry with…" (never keys).
import { browser } from 'wxt/browser';
import type { EntryLabel } from '@/utils/llm/types';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtension } from '@/utils/messaging/trusted-sender';
import { panelPositionItem, toPanelPosition } from '@/utils/storage/panel-position';
import type { Settings } from '@/utils/storage/settings';
import type { EffectiveSettings } from './effective-settings';

/** The enabled providers in chain order, as names and models only. */
export function providerLabels(settings: Pick<Settings, 'providers'>): EntryLabel[] {
  return settings.providers.filter((provider) => provider.enabled).map(({ id, name, model }) => ({ id, name, model }));
}

export function registerPanelHandlers(effective: EffectiveSettings): void {
  const assertOwn = (sender: { id?: string }): void => {
    if (!isOwnExtension(sender, browser.runtime.id)) throw new Error('Only Lifeline may ask this.');
  };

  onMessage('getPanelPosition', async ({ sender }) => {
    assertOwn(sender);
    return toPanelPosition(await panelPositionItem.getValue()) ?? null;
  });

  onMessage('savePanelPosition', async ({ sender, data }) => {
    assertOwn(sender);
    const position = toPanelPosition(data);
    if (position) await panelPositionItem.setValue(position);
  });

  onMessage('getProviderLabels', async ({ sender }) => {
    assertOwn(sender);
    const merged = await effective.loadSettings();
    return providerLabels(merged.settings);
  });
}
