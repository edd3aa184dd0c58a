// The administrator's policy (chrome.storage.managed): read and parsed defensively, provider entries through the settings schema.
import * as v from 'valibot';
import { inferPreset, PRESETS } from '../providers/presets';
import { describeIssue, providerConfigSchema, TIMEOUT_KEYS, type ProviderConfig } from './settings-schema';

/** Settings an administrator can lock. */
export const LOCKABLE_SETTINGS = ['hedging', 'neverSendSites'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** A provider the policy sets (checked by the same provider schema as stored and imported ones): always enabled, never editable by the user. */
export interface ManagedProvider extends Omit<ProviderConfig, 'enabled'> {
  /** Key (or comma/newline separated pool) from the policy; without it the user's own key for this id is used. */
  apiKey?: string;
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

const POLICY_KEYS = ['providers', 'allowUserProviders', 'hedging', 'lockedSettings', 'neverSendSites'];
const PROVIDER_KEYS = ['id', 'preset', 'kind', 'name', 'baseURL', 'model', 'apiKey', 'contextWindow', 'timeouts'];
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

/** One provider entry, or undefined (with the reasons in `problems`) when it cannot be used. */
function parseProvider(entry: unknown, where: string, problems: string[]): ManagedProvider | undefined {
  if (!isObject(entry)) {
    problems.push(`${where} is ${typeName(entry)}, not an object: ignored.`);
    return undefined;
  }
  const id = typeof entry.id === 'string' ? entry.id.trim() : '';
  if (!id) {
    problems.push(`${where} has no "id": ignored (every managed provider needs a stable id).`);
    return undefined;
  }
  const label = `${where} ("${id}")`;
  for (const key of Object.keys(entry)) {
    if (!PROVIDER_KEYS.includes(key)) problems.push(`${label}: unknown field "${key}" ignored.`);
  }
  if (isObject(entry.timeouts)) {
    for (const key of Object.keys(entry.timeouts)) {
      if (!(TIMEOUT_KEYS as readonly string[]).includes(key)) problems.push(`${label}: unknown timeout "${key}" ignored.`);
    }
  }

  // Policy rule: a known preset fills in whatever the entry leaves out (blank text counts as left out).
  const given = (field: string): unknown => {
    const value = entry[field];
    return typeof value === 'string' && !value.trim() ? undefined : value;
  };
  const presetId = given('preset');
  const preset = PRESETS.find((candidate) => candidate.id === presetId);
  if (presetId !== undefined && !preset) problems.push(`${label}: unknown preset "${String(presetId)}"; the preset is inferred from the base URL.`);
  const kind = given('kind') ?? preset?.kind;
  if (kind === undefined) {
    problems.push(`${label}: give "kind" ("anthropic" or "openai-compatible") or a known "preset": ignored.`);
    return undefined;
  }
  if (preset && kind !== preset.kind) {
    problems.push(`${label}: the preset "${preset.id}" speaks "${preset.kind}", not "${String(kind)}": ignored.`);
    return undefined;
  }
  const provider = checkProvider(
    {
      id,
      preset: preset?.id ?? 'custom',
      kind,
      name: given('name') ?? preset?.label ?? id,
      baseURL: given('baseURL') ?? (preset?.baseURL || undefined),
      model: given('model') ?? (preset?.suggestedModel || undefined),
      enabled: true,
      contextWindow: entry.contextWindow,
      timeouts: isObject(entry.timeouts) ? { ...preset?.timeouts, ...entry.timeouts } : (entry.timeouts ?? preset?.timeouts),
    },
    preset?.timeouts ?? {},
    label,
    problems,
  );
  if (!provider) return undefined;

  let apiKey: string | undefined;
  if (entry.apiKey !== undefined) {
    // Never echo the value: it is a secret.
    if (typeof entry.apiKey === 'string') apiKey = entry.apiKey.trim() || undefined;
    else problems.push(`${label}: "apiKey" is ${typeName(entry.apiKey)}, not text: ignored.`);
  }
  const { enabled: _enabled, timeouts, ...rest } = provider;
  return {
    ...rest,
    preset: preset?.id ?? inferPreset(rest.kind, rest.baseURL),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(timeouts && Object.keys(timeouts).length > 0 ? { timeouts } : {}),
  };
}

const withoutUndefined = (record: Json): Json => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/** Values a policy may get wrong without losing the provider: the wrong value is dropped (a timeout falls back to the preset's). */
const IGNORABLE_FIELDS: readonly unknown[] = ['contextWindow', 'timeouts'];

/** The entry through the provider schema every settings source uses; each issue is reported in the schema's words. */
function checkProvider(candidate: Json, presetTimeouts: Json, label: string, problems: string[]): ProviderConfig | undefined {
  const checked = v.safeParse(providerConfigSchema, candidate);
  if (checked.success) return checked.output;
  const fatal = checked.issues.some((issue) => !IGNORABLE_FIELDS.includes(issue.path?.[0]?.key));
  for (const issue of checked.issues) {
    problems.push(`${label}: ${describeIssue(issue)}; ${fatal ? 'the provider is ignored' : 'this value is ignored'}.`);
  }
  if (fatal) return undefined;
  const repaired: Json = { ...candidate, timeouts: isObject(candidate.timeouts) ? { ...candidate.timeouts } : { ...presetTimeouts } };
  for (const issue of checked.issues) {
    const [field, timeout] = (issue.path ?? []).map((item): unknown => item.key);
    if (field === 'contextWindow') delete repaired.contextWindow;
    else if (typeof timeout === 'string' && isObject(repaired.timeouts)) repaired.timeouts = withoutUndefined({ ...repaired.timeouts, [timeout]: presetTimeouts[timeout] });
    else repaired.timeouts = { ...presetTimeouts };
  }
  const kept = v.safeParse(providerConfigSchema, repaired);
  return kept.success ? kept.output : undefined;
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
