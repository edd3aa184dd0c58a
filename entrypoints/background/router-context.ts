// The router's inputs as the background holds them: chain from settings + keys, health kept in storage.session.
import { browser } from 'wxt/browser';
import { createHealthTracker, type HealthTracker } from '@/utils/llm/health/health-tracker';
import { badgeForHealth, toHealthView, type EntryHealthView } from '@/utils/llm/health/health-view';
import { DEFAULT_HEDGING } from '@/utils/llm/router/failover-router';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import type { ChainEntry, TokenUsage } from '@/utils/llm/types';
import type { RouteContext } from '@/utils/jobs/route-task';
import { healthItem } from '@/utils/storage/health';
import type { ProviderKeys } from '@/utils/storage/key-vault';
import { buildChain } from '@/utils/storage/provider-settings';
import type { EffectiveSettings } from './effective-settings';
import { addUsage, currentUsage, usageItem } from '@/utils/storage/usage';

export interface RouterContextService {
  load(): Promise<RouteContext>;
  healthViews(): Promise<EntryHealthView[]>;
  resetHealth(providerIds: readonly string[]): Promise<void>;
  recordUsage(entryId: string, usage: TokenUsage): void;
  isPermitted(entry: ChainEntry): Promise<boolean>;
}

/** Where keys come from: locked when a passphrase protects them and this session has not unlocked them. */
export interface KeySource {
  read(): Promise<{ status: 'ok'; keys: ProviderKeys } | { status: 'locked' }>;
}

export function createRouterContextService(effective: EffectiveSettings): RouterContextService {
  let writes: Promise<unknown> = Promise.resolve();
  const serialized = (work: () => Promise<unknown>): void => {
    writes = writes.then(work).catch(() => undefined);
  };
  // Loaded once per worker: a restarted worker picks up breakers and rest periods where the last one left them.
  const tracker: Promise<HealthTracker> = healthItem.getValue().then((initial) =>
    createHealthTracker({
      initial,
      onChange: (map) =>
        serialized(async () => {
          await healthItem.setValue(map);
          await refreshBadge();
        }),
    }),
  );

  const healthViews = async (): Promise<EntryHealthView[]> => {
    const [merged, health, usage] = await Promise.all([effective.loadSettings(), tracker, usageItem.getValue()]);
    const settings = merged.settings;
    const map = health.snapshot();
    const now = Date.now();
    return settings.providers.map((provider) => toHealthView(provider.id, map[provider.id], currentUsage(usage[provider.id], now), now));
  };

  const refreshBadge = async (): Promise<void> => {
    const badge = badgeForHealth(await healthViews());
    const button = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await button.setBadgeBackgroundColor({ color: badge.color });
    await button.setBadgeText({ text: badge.text });
  };

  return {
    async load() {
      const [{ merged, keys }, health] = await Promise.all([effective.load(), tracker]);
      if (!keys) return { status: 'locked' };
      const settings = merged.settings;
      return {
        status: 'ready',
        chain: buildChain(settings, keys),
        health,
        hedging: { ...DEFAULT_HEDGING, enabled: settings.hedging },
        neverSendSites: settings.neverSendSites,
        consentedProviderIds: settings.consentedProviderIds,
        ...(settings.taskChains ? { taskChains: settings.taskChains } : {}),
        ...(settings.confirmAboveTokens !== undefined ? { confirmAboveTokens: settings.confirmAboveTokens } : {}),
      };
    },
    healthViews,
    async resetHealth(providerIds) {
      const health = await tracker;
      for (const id of providerIds) health.reset(id);
    },
    recordUsage(entryId, usage) {
      serialized(async () => usageItem.setValue(addUsage(await usageItem.getValue(), entryId, usage, Date.now())));
    },
    async isPermitted(entry) {
      if (isOriginCovered(entry.baseURL)) return true;
      return browser.permissions.contains({ origins: [originPatternFor(entry.baseURL)] });
    },
  };
}
