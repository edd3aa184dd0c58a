// Privileged settings messages: only the extension's own pages may read or change providers and preferences.
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import { applyDrafts, changedProviderIds, toProviderViews, validateDrafts, type ProviderDraft, type ProviderView } from '@/utils/storage/provider-settings';
import type { Settings } from '@/utils/storage/settings';
import { cleanTaskChains } from '@/utils/storage/task-chains';
import { DEFAULT_CONFIRM_ABOVE_TOKENS } from '@/utils/jobs/route-task';
import type { EffectiveSettings } from './effective-settings';
import type { RouterContextService } from './router-context';
import { serve } from './serve';

/** A whole number of tokens of at least 1,000, or nothing (the default applies). */
const confirmThreshold = (value: unknown): { confirmAboveTokens?: number } =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1_000 ? { confirmAboveTokens: value } : {};

/** Whether a save would change any key (typed keys, or a pool edited by position). */
const changesKeys = (drafts: readonly ProviderDraft[]): boolean => drafts.some((draft) => Boolean(draft.apiKey?.trim()) || draft.keyChanges !== undefined);

async function hasPermission(baseURL: string): Promise<boolean> {
  if (isOriginCovered(baseURL)) return true;
  try {
    return await browser.permissions.contains({ origins: [originPatternFor(baseURL)] });
  } catch {
    return false;
  }
}

export function registerProviderHandlers(effective: EffectiveSettings, routerContext: RouterContextService): void {
  const currentViews = async (): Promise<ProviderView[]> => {
    const { merged, keys, keysLocked } = await effective.load();
    const views = toProviderViews(merged.settings, keys ?? {});
    return Promise.all(
      views.map(async (view) => ({ ...view, hasPermission: await hasPermission(view.baseURL), ...(keysLocked ? { keysLocked: true } : {}) })),
    );
  };

  serve('getProviders', async (data) => {
    return currentViews();
  });

  serve('saveProviders', async (data) => {
    const problems = validateDrafts(data);
    if (problems.length > 0) return { ok: false, problems };
    const { merged, keys, keysLocked } = await effective.load();
    if (keysLocked && changesKeys(data)) {
      return { ok: false, problems: [{ index: 0, field: 'keys', message: 'Unlock Lifeline (Passphrase for your keys) before changing keys.' }] };
    }
    const before: Settings = merged.settings;
    const { providers, keys: nextKeys } = applyDrafts(data, keys ?? {}, () => crypto.randomUUID());
    try {
      // Managed providers, policy keys and locked settings are never stored: the policy stays in charge of them.
      await effective.save((current) => ({ ...current.settings, providers }), keysLocked ? undefined : nextKeys);
    } catch (error) {
      return { ok: false, problems: [{ index: 0, field: 'keys', message: error instanceof Error ? error.message : String(error) }] };
    }
    // The user acted on these providers: a disabled key or model gets a fresh chance.
    await routerContext.resetHealth(changedProviderIds(before, keys ?? {}, providers, nextKeys));
    return { ok: true, providers: await currentViews() };
  });

  serve('getHealth', async (data) => {
    return routerContext.healthViews();
  });

  serve('resetEntryHealth', async (data) => {
    await routerContext.resetHealth([data]);
  });

  const preferences = async () => {
    const merged = await effective.loadSettings();
    const ids = merged.settings.providers.map((provider) => provider.id);
    return {
      hedging: merged.settings.hedging,
      taskChains: cleanTaskChains(merged.settings.taskChains, ids),
      confirmAboveTokens: merged.settings.confirmAboveTokens ?? DEFAULT_CONFIRM_ABOVE_TOKENS,
      ...(merged.locked.has('hedging') ? { locked: true } : {}),
    };
  };

  serve('getRouterPreferences', async (data) => {
    return preferences();
  });

  serve('saveRouterPreferences', async (data) => {
    await effective.save((merged) => {
      const ids = merged.settings.providers.map((provider) => provider.id);
      return {
        ...merged.settings,
        hedging: merged.locked.has('hedging') || data.hedging === undefined ? merged.settings.hedging : data.hedging === true,
        taskChains: data.taskChains ? cleanTaskChains(data.taskChains, ids) : (merged.settings.taskChains ?? {}),
        ...confirmThreshold(data.confirmAboveTokens ?? merged.settings.confirmAboveTokens),
      };
    }, undefined);
    return preferences();
  });
}
