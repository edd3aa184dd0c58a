// What an import does to each stored key, decided before anything is written: stays, replaced by the file, kept, or lost.
import type { ProviderKeys } from '../storage/key-vault';
import { keyHintOf, splitKeyPool } from '../storage/provider-settings';
import type { ProviderConfig, Settings } from '../storage/settings-schema';
import { mergeImportedSettings } from './import-settings';

export interface ImportSides {
  current: { settings: Settings; keys: ProviderKeys };
  imported: { settings: Settings; keys?: ProviderKeys };
}

/** A stored provider and the provider of the file that takes its place (same id, else the same endpoint). */
export interface ProviderPair {
  stored: ProviderConfig;
  imported: ProviderConfig;
  by: 'id' | 'endpoint';
}

/**
 * What happens to one stored key. `keepable`: the file lists the same endpoint under another id (an old file without
 * ids, or a file from another browser) and brings no key for it, so the stored key can go with it. `lost`: the file
 * removes the provider, or sends its id to another address (a key never follows a provider to a new address).
 */
export type KeyFate =
  | { fate: 'stays' | 'replaced'; stored: ProviderConfig }
  | { fate: 'keepable'; stored: ProviderConfig; to: ProviderConfig }
  | { fate: 'lost'; stored: ProviderConfig; reason: 'removed' | 'moved'; to?: ProviderConfig };

/** A stored key the import would delete unless the user chooses otherwise; shown before anything is written. */
export interface KeyAtRisk {
  /** The stored provider whose key it is: what the import request names to agree to its removal. */
  providerId: string;
  /** Plain words: whose key, and why the import would delete it. */
  text: string;
  /** "Import and keep my keys" keeps it (for the file's provider at the same endpoint). */
  keepable: boolean;
}

export const sameEndpoint = (a: ProviderConfig, b: ProviderConfig): boolean =>
  a.kind === b.kind && a.baseURL.replace(/\/+$/, '') === b.baseURL.replace(/\/+$/, '');

/** Pairs by id first; then each unpaired stored provider with an unpaired one of the file at its endpoint (same model first). */
export function pairProviders({ current, imported }: ImportSides): ProviderPair[] {
  const pairs: ProviderPair[] = [];
  const taken = new Set<string>();
  for (const stored of current.settings.providers) {
    const match = imported.settings.providers.find((provider) => provider.id === stored.id);
    if (match) {
      pairs.push({ stored, imported: match, by: 'id' });
      taken.add(match.id);
    }
  }
  const free = (provider: ProviderConfig): boolean => !taken.has(provider.id);
  for (const stored of current.settings.providers) {
    if (pairs.some((pair) => pair.stored === stored)) continue;
    const candidates = imported.settings.providers.filter((provider) => free(provider) && sameEndpoint(provider, stored));
    const match = candidates.find((provider) => provider.model === stored.model) ?? candidates[0];
    if (match) {
      pairs.push({ stored, imported: match, by: 'endpoint' });
      taken.add(match.id);
    }
  }
  return pairs;
}

export function keyFates(sides: ImportSides, pairs: readonly ProviderPair[] = pairProviders(sides)): KeyFate[] {
  const fileKeys = sides.imported.keys ?? {};
  return sides.current.settings.providers
    .filter((stored) => splitKeyPool(sides.current.keys[stored.id]).length > 0)
    .map((stored): KeyFate => {
      const pair = pairs.find((candidate) => candidate.stored === stored);
      if (!pair) return { fate: 'lost', stored, reason: 'removed' };
      if (!sameEndpoint(pair.stored, pair.imported)) return { fate: 'lost', stored, reason: 'moved', to: pair.imported };
      if (fileKeys[pair.imported.id]) return { fate: 'replaced', stored };
      return pair.by === 'id' ? { fate: 'stays', stored } : { fate: 'keepable', stored, to: pair.imported };
    });
}

export function keysAtRisk(sides: ImportSides, fates: readonly KeyFate[] = keyFates(sides)): KeyAtRisk[] {
  return fates.flatMap((fate): KeyAtRisk[] => {
    const whose = `${quoted(fate.stored)} (${describeKey(sides.current.keys[fate.stored.id])})`;
    if (fate.fate === 'keepable') {
      return [{ providerId: fate.stored.id, keepable: true, text: `${whose}: the file lists the same endpoint as ${quoted(fate.to)} but without a key; you can keep your key for it.` }];
    }
    if (fate.fate !== 'lost') return [];
    const text =
      fate.reason === 'removed'
        ? `${whose}: the file does not list this provider, so it is removed with its key.`
        : `${whose}: the file points this provider at ${fate.to?.baseURL ?? 'another address'}, and a key never follows a provider to a new address.`;
    return [{ providerId: fate.stored.id, keepable: false, text }];
  });
}

export type AppliedImport =
  | { ok: true; settings: Settings; keys: ProviderKeys; done: string[] }
  | { ok: false; problems: string[] };

/**
 * The settings and keys after the import, keeping every stored key the user did not agree to remove (`removeKeysOf`,
 * stored provider ids). A key that would be lost without that agreement stops the import: nothing is written.
 */
export function applyImport(sides: ImportSides, removeKeysOf: readonly string[]): AppliedImport {
  const fates = keyFates(sides);
  const remove = new Set(removeKeysOf);
  const unagreed = keysAtRisk(sides, fates).filter((risk) => !risk.keepable && !remove.has(risk.providerId));
  if (unagreed.length > 0) {
    return {
      ok: false,
      problems: [
        ...unagreed.map((risk) => `This import would delete a key you did not agree to lose: ${risk.text}`),
        'Nothing was changed. Check the file again to see what it would change.',
      ],
    };
  }
  const merged = mergeImportedSettings(sides.current, sides.imported);
  const keys = { ...merged.keys };
  const done: string[] = [];
  for (const fate of fates) {
    const name = quoted(fate.stored);
    if (fate.fate === 'replaced') done.push(`Replaced your key for ${name} with the key from the file.`);
    if (fate.fate === 'lost') done.push(`Removed your key for ${name}.`);
    if (fate.fate !== 'keepable') continue;
    if (remove.has(fate.stored.id)) {
      done.push(`Removed your key for ${name}.`);
    } else {
      keys[fate.to.id] = sides.current.keys[fate.stored.id] ?? '';
      done.push(`Kept your key for ${name}${fate.to.name === fate.stored.name ? '' : ` (now ${quoted(fate.to)})`}.`);
    }
  }
  return { ok: true, settings: merged.settings, keys, done };
}

export const quoted = (provider: Pick<ProviderConfig, 'name'>): string => `"${provider.name}"`;

/** "key …abcd", "3 keys", or "key" when it is too short to hint at; never the key itself. */
function describeKey(keyText: string | undefined): string {
  const pool = splitKeyPool(keyText);
  if (pool.length > 1) return `${pool.length} keys`;
  const hint = keyHintOf(pool[0] ?? '');
  return hint ? `key …${hint}` : 'key';
}
