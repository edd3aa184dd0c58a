// The administrator's policy (chrome.storage.managed): parsed defensively, then merged over the user's own settings.
import { isHttpUrl } from '../llm/provider-origins';
import type { EntryTimeouts, ProviderKind } from '../llm/types';
import { inferPreset, PRESETS, type PresetId } from '../providers/presets';
import type { ProviderKeys } from './key-vault';
import type { ProviderConfig, Settings } from './settings';

/** Settings an administrator can lock. */
export const LOCKABLE_SETTINGS = ['hedging', 'neverSendSites'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** A provider the policy sets: always enabled, never editable by the user. */
export interface ManagedProvider {
  id: string;
  preset: PresetId;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
  /** Key (or comma/newline separated pool) from the policy; without it the user's own key for this id is used. */
  apiKey?: string;
  contextWindow?: number;
  timeouts?: Partial<EntryTimeouts>;
}

export interface ManagedPolicy {
  /** In policy order: tried before any provider of the user. */
  providers: ManagedProvider[];
  /** When false, the user's own providers are hidden and not used, and the user cannot add any. Default true. */
  allowUserProviders: boolean;
  /** Set by the policy: enforced (and so locked). */
  hedging?: boolean;
  lockedSettings: LockableSetting[];
  /** Host names added to the user's list. */
  neverSendSites: string[];
  /** What was ignored and why, in plain words (for the console and an administrator's eyes); never contains a key. */
  problems: string[];
}

export const EMPTY_POLICY: ManagedPolicy = Object.freeze({
  providers: [],
  allowUserProviders: true,
  lockedSettings: [],
  neverSendSites: [],
  problems: [],
}) as ManagedPolicy;

/** Whether the policy changes anything at all. */
export function isPolicyActive(policy: ManagedPolicy): boolean {
  return (
    policy.providers.length > 0 ||
    !policy.allowUserProviders ||
    policy.hedging !== undefined ||
    policy.lockedSettings.length > 0 ||
    policy.neverSendSites.length > 0
  );
}

const POLICY_KEYS = ['providers', 'allowUserProviders', 'hedging', 'lockedSettings', 'neverSendSites'];
const PROVIDER_KEYS = ['id', 'preset', 'kind', 'name', 'baseURL', 'model', 'apiKey', 'contextWindow', 'timeouts'];
const TIMEOUT_KEYS = ['headersMs', 'firstTokenMs', 'stallMs'] as const;
const MAX_PROVIDERS = 50;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const typeName = (value: unknown): string => (Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`);

/** Reads whatever the browser's managed storage holds. Never throws: anything unusable is left out and reported. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (raw === undefined || raw === null) return { ...EMPTY_POLICY, problems: [] };
  const problems: string[] = [];
  if (!isObject(raw)) {
    return { ...EMPTY_POLICY, problems: [`The policy is ${typeName(raw)}, not an object: ignored.`] };
  }
  for (const key of Object.keys(raw)) {
    if (!POLICY_KEYS.includes(key)) problems.push(`Unknown policy "${key}": ignored.`);
  }

  const providers: ManagedProvider[] = [];
  if (raw.providers !== undefined) {
    if (!Array.isArray(raw.providers)) {
      problems.push(`"providers" is ${typeName(raw.providers)}, not a list: ignored.`);
    } else {
      const seen = new Set<string>();
      raw.providers.forEach((entry: unknown, index: number) => {
        const provider = parseProvider(entry, `providers[${index}]`, problems);
        if (!provider) return;
        if (seen.has(provider.id)) {
          problems.push(`providers[${index}]: the id "${provider.id}" is used twice; only the first is kept.`);
        } else if (providers.length >= MAX_PROVIDERS) {
          problems.push(`providers[${index}]: more than ${MAX_PROVIDERS} providers; ignored.`);
        } else {
          seen.add(provider.id);
          providers.push(provider);
        }
      });
    }
  }

  let allowUserProviders = true;
  if (raw.allowUserProviders !== undefined) {
    if (typeof raw.allowUserProviders === 'boolean') allowUserProviders = raw.allowUserProviders;
    else problems.push(`"allowUserProviders" is ${typeName(raw.allowUserProviders)}, not true or false: ignored (users may add providers).`);
  }

  let hedging: boolean | undefined;
  if (raw.hedging !== undefined) {
    if (typeof raw.hedging === 'boolean') hedging = raw.hedging;
    else problems.push(`"hedging" is ${typeName(raw.hedging)}, not true or false: ignored.`);
  }

  const lockedSettings: LockableSetting[] = [];
  for (const name of stringList(raw.lockedSettings, 'lockedSettings', problems)) {
    if (!(LOCKABLE_SETTINGS as readonly string[]).includes(name)) {
      problems.push(`lockedSettings: "${name}" is not a setting that can be locked (${LOCKABLE_SETTINGS.join(', ')}): ignored.`);
    } else if (!lockedSettings.includes(name as LockableSetting)) {
      lockedSettings.push(name as LockableSetting);
    }
  }

  const neverSendSites: string[] = [];
  for (const site of stringList(raw.neverSendSites, 'neverSendSites', problems)) {
    const host = normalizeHostName(site);
    if (!host) problems.push(`neverSendSites: "${site}" is not a host name: ignored.`);
    else if (!neverSendSites.includes(host)) neverSendSites.push(host);
  }

  return {
    providers,
    allowUserProviders,
    ...(hedging !== undefined ? { hedging } : {}),
    lockedSettings,
    neverSendSites,
    problems,
  };
}

function stringList(value: unknown, field: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`"${field}" is ${typeName(value)}, not a list: ignored.`);
    return [];
  }
  return value.filter((item: unknown, index): item is string => {
    if (typeof item === 'string') return true;
    problems.push(`${field}[${index}] is ${typeName(item)}, not text: ignored.`);
    return false;
  });
}

/** One provider entry, or undefined (with the reason in `problems`) when it cannot be used. */
function parseProvider(entry: unknown, where: string, problems: string[]): ManagedProvider | undefined {
  if (!isObject(entry)) {
    problems.push(`${where} is ${typeName(entry)}, not an object: ignored.`);
    return undefined;
  }
  const text = (field: string): string | undefined => {
    const value = entry[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push(`${where}: "${field}" is ${typeName(value)}, not text.`);
      return undefined;
    }
    return value.trim() || undefined;
  };

  const id = text('id');
  if (!id) {
    problems.push(`${where} has no "id": ignored (every managed provider needs a stable id).`);
    return undefined;
  }
  const label = `${where} ("${id}")`;
  for (const key of Object.keys(entry)) {
    if (!PROVIDER_KEYS.includes(key)) problems.push(`${label}: unknown field "${key}" ignored.`);
  }

  const presetText = text('preset');
  const preset = presetText === undefined ? undefined : PRESETS.find((candidate) => candidate.id === presetText);
  if (presetText !== undefined && !preset) problems.push(`${label}: unknown preset "${presetText}"; the preset is inferred from the base URL.`);

  const kindText = text('kind');
  if (kindText !== undefined && kindText !== 'anthropic' && kindText !== 'openai-compatible') {
    problems.push(`${label}: "kind" must be "anthropic" or "openai-compatible", not "${kindText}": ignored.`);
    return undefined;
  }
  const kind: ProviderKind | undefined = kindText ?? preset?.kind;
  if (!kind) {
    problems.push(`${label}: give "kind" ("anthropic" or "openai-compatible") or a known "preset": ignored.`);
    return undefined;
  }
  if (preset && preset.kind !== kind) {
    problems.push(`${label}: the preset "${preset.id}" speaks "${preset.kind}", not "${kind}": ignored.`);
    return undefined;
  }

  const baseURL = (text('baseURL') ?? preset?.baseURL ?? '').replace(/\/+$/, '');
  if (!isHttpUrl(baseURL)) {
    problems.push(`${label}: "baseURL" must be an http:// or https:// address: ignored.`);
    return undefined;
  }
  const model = text('model') ?? (preset?.suggestedModel || undefined);
  if (!model) {
    problems.push(`${label}: no "model": ignored.`);
    return undefined;
  }
  const name = text('name') ?? preset?.label ?? id;

  let apiKey: string | undefined;
  if (entry.apiKey !== undefined) {
    // Never echo the value: it is a secret.
    if (typeof entry.apiKey === 'string') apiKey = entry.apiKey.trim() || undefined;
    else problems.push(`${label}: "apiKey" is ${typeName(entry.apiKey)}, not text: ignored.`);
  }

  let contextWindow: number | undefined;
  if (entry.contextWindow !== undefined) {
    if (typeof entry.contextWindow === 'number' && Number.isInteger(entry.contextWindow) && entry.contextWindow > 0) {
      contextWindow = entry.contextWindow;
    } else {
      problems.push(`${label}: "contextWindow" must be a whole number of tokens above zero: ignored.`);
    }
  }

  let timeouts: Partial<EntryTimeouts> | undefined = preset?.timeouts ? { ...preset.timeouts } : undefined;
  if (entry.timeouts !== undefined) {
    if (!isObject(entry.timeouts)) {
      problems.push(`${label}: "timeouts" is ${typeName(entry.timeouts)}, not an object: ignored.`);
    } else {
      for (const key of Object.keys(entry.timeouts)) {
        if (!(TIMEOUT_KEYS as readonly string[]).includes(key)) problems.push(`${label}: unknown timeout "${key}" ignored.`);
      }
      for (const key of TIMEOUT_KEYS) {
        const ms = entry.timeouts[key];
        if (ms === undefined) continue;
        if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 500 && ms <= 600_000) {
          timeouts = { ...timeouts, [key]: ms };
        } else {
          problems.push(`${label}: timeouts.${key} must be between 500 and 600000 milliseconds: ignored.`);
        }
      }
    }
  }

  return {
    id,
    preset: preset?.id ?? inferPreset(kind, baseURL),
    kind,
    name,
    baseURL,
    model,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(timeouts && Object.keys(timeouts).length > 0 ? { timeouts } : {}),
  };
}

/** A host name as the never-send list keeps it: lower case, no scheme, path, port, "*." or trailing dot. */
export function normalizeHostName(value: string): string | undefined {
  let host = value.trim().toLowerCase();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return undefined;
    }
  }
  host = host.replace(/^\*\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) || /^\[[0-9a-f:.]+\]$/.test(host) ? host : undefined;
}

/** A provider as the rest of the extension sees it, flagged when it comes from the policy (flows into ProviderView.managed). */
export type MergedProviderConfig = ProviderConfig & { managed?: true };

export interface MergedSettings {
  /** Managed providers first (policy order, `managed: true`), then the user's (unless the policy forbids them). */
  settings: Omit<Settings, 'providers'> & { providers: MergedProviderConfig[] };
  /** Keys for every listed provider: the policy's for managed ids that have one, the user's otherwise. */
  keys: ProviderKeys;
  /** Settings the user cannot change. */
  locked: Set<LockableSetting>;
  managedIds: Set<string>;
}

/** What the router and the options page work with: the policy laid over the user's settings. Pure. */
export function mergeManaged(settings: Settings, userKeys: ProviderKeys, policy: ManagedPolicy): MergedSettings {
  const managedIds = new Set(policy.providers.map((provider) => provider.id));
  const managed: MergedProviderConfig[] = policy.providers.map(({ apiKey: _key, ...provider }) => ({
    ...provider,
    enabled: true,
    managed: true,
  }));
  // A user provider whose id the policy took is replaced by the managed one.
  const own = policy.allowUserProviders ? settings.providers.filter((provider) => !managedIds.has(provider.id)) : [];
  const providers = [...managed, ...own];

  const keys: ProviderKeys = {};
  for (const provider of providers) {
    const key = policy.providers.find((entry) => entry.id === provider.id)?.apiKey ?? userKeys[provider.id];
    if (key) keys[provider.id] = key;
  }

  const locked = new Set<LockableSetting>(policy.lockedSettings);
  if (policy.hedging !== undefined) locked.add('hedging');

  return {
    settings: {
      ...settings,
      providers,
      hedging: policy.hedging ?? settings.hedging,
      neverSendSites: [...new Set([...settings.neverSendSites, ...policy.neverSendSites])],
    },
    keys,
    locked,
    managedIds,
  };
}

/**
 * The inverse for saving: from settings and keys edited on top of a merge, what belongs in the user's storage.
 * Managed providers and policy keys are never stored; locked settings keep their stored value; policy sites are
 * not copied into the user's list; providers hidden by `allowUserProviders: false` are kept as they were.
 */
export function unmergeManaged(
  edited: { settings: Settings; keys: ProviderKeys },
  stored: { settings: Settings; keys: ProviderKeys },
  policy: ManagedPolicy,
): { settings: Settings; keys: ProviderKeys } {
  const managedIds = new Set(policy.providers.map((provider) => provider.id));
  const policyKeyIds = new Set(policy.providers.filter((provider) => provider.apiKey).map((provider) => provider.id));
  const locked = mergeManaged(stored.settings, {}, policy).locked;

  const providers: ProviderConfig[] = policy.allowUserProviders
    ? edited.settings.providers
        .filter((provider) => !managedIds.has(provider.id))
        .map(({ managed: _managed, ...provider }: MergedProviderConfig) => provider)
    : stored.settings.providers;

  const keys: ProviderKeys = {};
  const keep = (source: ProviderKeys, id: string): void => {
    if (source[id] && !policyKeyIds.has(id)) keys[id] = source[id];
  };
  for (const provider of providers) keep(policy.allowUserProviders ? edited.keys : stored.keys, provider.id);
  // A managed provider without a policy key runs on the user's own key.
  for (const id of managedIds) keep(edited.keys, id);

  const storedSites = new Set(stored.settings.neverSendSites);
  const policySites = new Set(policy.neverSendSites);
  return {
    settings: {
      ...edited.settings,
      providers,
      hedging: locked.has('hedging') ? stored.settings.hedging : edited.settings.hedging,
      neverSendSites: locked.has('neverSendSites')
        ? stored.settings.neverSendSites
        : edited.settings.neverSendSites.filter((site) => storedSites.has(site) || !policySites.has(site)),
    },
    keys,
  };
}

/** The slice of the browser API this module needs (WXT's `browser`, `chrome`, or a test fake). */
export interface ManagedStorageLike {
  storage?: { managed?: { get(keys?: null | string | string[]): Promise<Record<string, unknown>> } };
}

/** Messages of browsers that have no policy for this extension: not a problem, just no policy. */
const NO_POLICY = /managed storage manifest not found|storage\.managed is not (available|supported)/i;

/**
 * Reads and parses the policy. No managed area (Firefox without policy, test fakes) or "Managed storage manifest
 * not found" means an empty policy; any other failure gives an empty policy that reports it. Never throws.
 */
export async function readManagedPolicy(browserLike: ManagedStorageLike | undefined): Promise<ManagedPolicy> {
  const area = browserLike?.storage?.managed;
  if (!area || typeof area.get !== 'function') return parseManagedPolicy(undefined);
  try {
    return parseManagedPolicy(await area.get(null));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (NO_POLICY.test(message)) return parseManagedPolicy(undefined);
    return { ...EMPTY_POLICY, problems: [`The policy could not be read: ${message}`] };
  }
}
