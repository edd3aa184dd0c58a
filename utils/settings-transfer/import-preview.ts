// What an import would change, in plain words, for the settings page to show before the user decides; writes nothing.
import type { ProviderConfig, Settings } from '../storage/settings-schema';
import { keyFates, keysAtRisk, pairProviders, quoted, sameEndpoint, type ImportSides, type KeyAtRisk, type ProviderPair } from './import-plan';

export interface ImportPreview {
  /** One sentence per provider: "Adds "Groq" (llama-3.3-70b, https://api.groq.com/openai/v1)." */
  added: string[];
  changed: string[];
  removed: string[];
  /** Order, hedging, never-send sites, per-task choices, the long-page threshold, consent. */
  preferences: string[];
  /** Keys the file brings. */
  keys: string[];
  /** Every stored key the import would delete, unless the user keeps it (when `keepable`). */
  keysAtRisk: KeyAtRisk[];
}

export function previewImport(sides: ImportSides): ImportPreview {
  const pairs = pairProviders(sides);
  const fates = keyFates(sides, pairs);
  const stored = sides.current.settings.providers;
  const imported = sides.imported.settings.providers;
  const endpoint = (provider: ProviderConfig): string => `(${provider.model}, ${provider.baseURL})`;
  const replaced = new Set(fates.filter((fate) => fate.fate === 'replaced').map((fate) => fate.stored.id));
  return {
    added: imported.filter((provider) => !pairs.some((pair) => pair.imported === provider)).map((provider) => `Adds ${quoted(provider)} ${endpoint(provider)}.`),
    changed: pairs.flatMap(describeChange),
    removed: stored.filter((provider) => !pairs.some((pair) => pair.stored === provider)).map((provider) => `Removes ${quoted(provider)} ${endpoint(provider)}.`),
    preferences: [...describeOrder(sides, pairs), ...describePreferences(sides.current.settings, sides.imported.settings), ...describeConsent(sides, pairs)],
    keys: imported.flatMap((provider) => {
      if (!sides.imported.keys?.[provider.id]) return [];
      const pair = pairs.find((candidate) => candidate.imported === provider);
      return pair && replaced.has(pair.stored.id)
        ? [`Uses the key in the file for ${quoted(provider)} instead of your stored one.`]
        : [`Adds the key in the file for ${quoted(provider)}.`];
    }),
    keysAtRisk: keysAtRisk(sides, fates),
  };
}

function describeChange({ stored, imported }: ProviderPair): string[] {
  const from = (label: string, before: string | number | undefined, after: string | number | undefined): string[] => {
    if (before === after) return [];
    if (before === undefined) return [`${label} set to ${shown(after)}`];
    return after === undefined ? [`${label} no longer set`] : [`${label} from ${shown(before)} to ${shown(after)}`];
  };
  const parts = [
    ...(stored.name === imported.name ? [] : [`renamed to ${quoted(imported)}`]),
    ...from('type', stored.kind, imported.kind),
    ...from('address', stored.baseURL, imported.baseURL),
    ...from('model', stored.model, imported.model),
    ...(stored.enabled === imported.enabled ? [] : [imported.enabled ? 'switched on' : 'switched off']),
    ...from('context window', stored.contextWindow, imported.contextWindow),
    ...(JSON.stringify(stored.timeouts ?? {}) === JSON.stringify(imported.timeouts ?? {}) ? [] : ['other timeouts']),
  ];
  return parts.length > 0 ? [`Changes ${quoted(stored)}: ${parts.join('; ')}.`] : [];
}

const shown = (value: string | number | undefined): string => (typeof value === 'number' ? value.toLocaleString('en') : String(value));

function describeOrder({ current, imported }: ImportSides, pairs: readonly ProviderPair[]): string[] {
  const storedOrder = current.settings.providers.flatMap((provider) => pairs.find((pair) => pair.stored === provider)?.imported.id ?? []);
  const importedOrder = imported.settings.providers.filter((provider) => pairs.some((pair) => pair.imported === provider)).map((provider) => provider.id);
  return storedOrder.join('\n') === importedOrder.join('\n') ? [] : ['Changes the order in which your providers are tried.'];
}

function describePreferences(before: Settings, after: Settings): string[] {
  const lines: string[] = [];
  if (before.hedging !== after.hedging) lines.push(`Turns hedged requests ${after.hedging ? 'on' : 'off'}.`);
  const addedSites = after.neverSendSites.filter((site) => !before.neverSendSites.includes(site));
  const removedSites = before.neverSendSites.filter((site) => !after.neverSendSites.includes(site));
  if (addedSites.length > 0) lines.push(`Adds ${sites(addedSites)} to the never-send list.`);
  if (removedSites.length > 0) lines.push(`Removes ${sites(removedSites)} from the never-send list.`);
  if (JSON.stringify(before.taskChains ?? {}) !== JSON.stringify(after.taskChains ?? {})) {
    lines.push(Object.keys(after.taskChains ?? {}).length > 0 ? 'Changes which providers each task uses.' : 'Lets every task use every provider.');
  }
  if (before.confirmAboveTokens !== after.confirmAboveTokens) {
    lines.push(
      after.confirmAboveTokens === undefined
        ? 'Goes back to the default size above which a page is summarized only after you confirm.'
        : `Asks before summarizing a page above ${shown(after.confirmAboveTokens)} tokens.`,
    );
  }
  return lines;
}

const sites = (list: readonly string[]): string => `${list.length === 1 ? 'the site' : `${list.length} sites:`} ${list.join(', ')}`;

/** Consent stays only with a provider whose id and endpoint are unchanged: the others ask again before a page is sent. */
function describeConsent({ current }: ImportSides, pairs: readonly ProviderPair[]): string[] {
  return pairs
    .filter((pair) => current.settings.consentedProviderIds.includes(pair.stored.id))
    .filter((pair) => pair.by !== 'id' || !sameEndpoint(pair.stored, pair.imported))
    .map((pair) => `Asks again before sending a page to ${quoted(pair.imported)}.`);
}
