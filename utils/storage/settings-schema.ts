// One schema per settings shape (a provider, the settings of each version) and the one migration chain between versions.
import * as v from 'valibot';
import { isHttpUrl } from '../llm/provider-origins';
import type { ProviderKind } from '../llm/types';
import { toSiteHost } from '../privacy/never-send';
import { inferPreset, PRESETS } from '../providers/presets';

/** The version `local:settings` and settings files are written in. */
export const SETTINGS_VERSION = 3;

/** Every timeout of a provider (headers, first token, stall) lies within these bounds, wherever it comes from. */
export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 600_000;
export const TIMEOUT_KEYS = ['headersMs', 'firstTokenMs', 'stallMs'] as const;

const PROVIDER_KINDS = ['anthropic', 'openai-compatible'] as const satisfies readonly ProviderKind[];
const PRESET_IDS = PRESETS.map((preset) => preset.id);

/** The instructions a person reads when a value is wrong: each says what to enter, not what went wrong inside. */
export const SCHEMA_MESSAGES = {
  kind: 'choose "anthropic" or "openai-compatible"',
  preset: `choose one of ${PRESET_IDS.join(', ')}`,
  name: 'give the provider a name',
  baseURL: 'enter a URL starting with https:// (or http:// for a local server)',
  model: 'enter a model name',
  enabled: 'enter true or false',
  contextWindow: 'enter a whole number of tokens above zero',
  timeout: `enter a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`,
  timeouts: 'enter the timeouts as { "headersMs", "firstTokenMs", "stallMs" }',
  provider: 'enter each provider as an object with its fields',
  providers: 'enter a list of providers',
  site: 'enter a host name such as example.com',
  settings: 'enter the settings',
} as const;

/**
 * An object whose missing fields get the same instruction as wrong ones ("enter a model name"), where valibot would
 * say "Invalid key"; a value that is not an object at all gets `message`. Unknown fields are dropped.
 */
export function fields<const T extends v.ObjectEntries>(entries: T, message: string) {
  return v.object(entries, (issue) => {
    const key = /^"(.+)"$/.exec(issue.expected ?? '')?.[1];
    if (key === undefined || issue.received !== 'undefined') return message;
    const entry: unknown = entries[key];
    const entryMessage = typeof entry === 'object' && entry !== null && 'message' in entry ? entry.message : undefined;
    return typeof entryMessage === 'string' ? entryMessage : 'this field is missing';
  });
}

const requiredText = (message: string) => v.pipe(v.string(message), v.trim(), v.nonEmpty(message));

const kindSchema = v.picklist(PROVIDER_KINDS, SCHEMA_MESSAGES.kind);

const baseUrlSchema = v.pipe(
  v.string(SCHEMA_MESSAGES.baseURL),
  v.trim(),
  v.check(isHttpUrl, SCHEMA_MESSAGES.baseURL),
  v.transform((url) => url.replace(/\/+$/, '')),
);

/** One timeout in milliseconds: the only place its bounds are checked (one rule, so one message per wrong value). */
export const timeoutMsSchema = v.pipe(
  v.number(SCHEMA_MESSAGES.timeout),
  v.check((ms) => Number.isInteger(ms) && ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS, SCHEMA_MESSAGES.timeout),
);

const timeoutsSchema = fields(
  {
    headersMs: v.optional(timeoutMsSchema),
    firstTokenMs: v.optional(timeoutMsSchema),
    stallMs: v.optional(timeoutMsSchema),
  },
  SCHEMA_MESSAGES.timeouts,
);

const contextWindowSchema = v.pipe(
  v.number(SCHEMA_MESSAGES.contextWindow),
  v.check((tokens) => Number.isInteger(tokens) && tokens > 0, SCHEMA_MESSAGES.contextWindow),
);

/** What every version knows of a provider. */
const providerBasics = {
  kind: kindSchema,
  name: requiredText(SCHEMA_MESSAGES.name),
  baseURL: baseUrlSchema,
  model: requiredText(SCHEMA_MESSAGES.model),
  /** Context window in tokens, when known. */
  contextWindow: v.optional(contextWindowSchema),
  /** Overrides of the default timeouts, e.g. longer for reasoning or local models. */
  timeouts: v.optional(timeoutsSchema),
};

/** A provider as the current version stores it, exports it and takes it from a policy. */
export const providerConfigSchema = fields(
  {
    id: requiredText('give the provider an id'),
    preset: v.picklist(PRESET_IDS, SCHEMA_MESSAGES.preset),
    ...providerBasics,
    /** Switched off by the user: kept in the list, never called. */
    enabled: v.boolean(SCHEMA_MESSAGES.enabled),
  },
  SCHEMA_MESSAGES.provider,
);

/** Versions 1 and 2: no preset, no enabled switch; files could leave the id out. */
const legacyProviderSchema = fields(
  { id: v.optional(requiredText('give the provider an id, or leave the id out')), ...providerBasics },
  SCHEMA_MESSAGES.provider,
);

const hedgingSchema = v.boolean(SCHEMA_MESSAGES.enabled);

const siteSchema = v.pipe(
  v.string(SCHEMA_MESSAGES.site),
  v.check((site) => toSiteHost(site) !== undefined, SCHEMA_MESSAGES.site),
  v.transform((site) => toSiteHost(site) ?? site),
);

const providerIdsSchema = v.optional(v.array(v.string('enter provider ids'), 'enter a list of provider ids'));

/** Everything of the current settings but consent, which is given per browser: what a settings file carries. */
const portableEntries = {
  /** Providers in fail-over order: the first healthy one answers. */
  providers: v.array(providerConfigSchema, SCHEMA_MESSAGES.providers),
  /** Race the next provider when one stays silent longer than usual (costs an extra prompt, rarely). */
  hedging: hedgingSchema,
  /** Host names whose pages are never sent to any provider (a name also covers its subdomains). */
  neverSendSites: v.array(siteSchema, 'enter a list of host names'),
  /** Optional: which providers each task may use (e.g. a cheaper model for rewriting). */
  taskChains: v.optional(
    v.object({ summarize: providerIdsSchema, rewrite: providerIdsSchema, chat: providerIdsSchema }, 'enter the providers chosen per task'),
  ),
  /** Optional: ask before summarizing a page estimated above this many input tokens (50,000 when absent). */
  confirmAboveTokens: v.optional(
    v.pipe(v.number('enter a number of tokens'), v.check((tokens) => Number.isInteger(tokens) && tokens >= 1_000, 'enter a whole number of at least 1000')),
  ),
};

export const portableSettingsSchema = fields(portableEntries, SCHEMA_MESSAGES.settings);

/** The settings as stored in `local:settings`, version 3. */
export const settingsSchema = fields(
  {
    ...portableEntries,
    /** Providers the user agreed to send page text to, after being told which provider gets what. */
    consentedProviderIds: v.array(v.string('enter provider ids'), 'enter a list of provider ids'),
  },
  SCHEMA_MESSAGES.settings,
);

/** Version 1 had no router preferences. */
export const settingsV1Schema = fields({ providers: v.array(legacyProviderSchema, SCHEMA_MESSAGES.providers) }, SCHEMA_MESSAGES.settings);

/** Version 2 had no presets, no enabled switch and no privacy settings. */
export const settingsV2Schema = fields(
  { providers: v.array(legacyProviderSchema, SCHEMA_MESSAGES.providers), hedging: hedgingSchema },
  SCHEMA_MESSAGES.settings,
);

export type ProviderConfig = v.InferOutput<typeof providerConfigSchema>;
export type Settings = v.InferOutput<typeof settingsSchema>;
export type PortableSettings = v.InferOutput<typeof portableSettingsSchema>;
export type SettingsV1 = v.InferOutput<typeof settingsV1Schema>;
export type SettingsV2 = v.InferOutput<typeof settingsV2Schema>;

/** Settings of a known version, as a settings file or an older `local:settings` holds them. */
export type VersionedSettings =
  | { version: 1; settings: SettingsV1 }
  | { version: 2; settings: SettingsV2 }
  | { version: 3; settings: PortableSettings & Partial<Pick<Settings, 'consentedProviderIds'>> };

export function isTimeoutInBounds(ms: number): boolean {
  return v.is(timeoutMsSchema, ms);
}

/** Step 1 -> 2: hedged requests on. Tolerates what an old, damaged store may hold instead of a list. */
export function migrateSettingsV1(old: SettingsV1): SettingsV2 {
  return { providers: Array.isArray(old?.providers) ? old.providers : [], hedging: true };
}

/** Step 2 -> 3: presets inferred, everything enabled, consent for the providers the user had already chosen. */
export function migrateSettingsV2(old: SettingsV2, newId: () => string = () => crypto.randomUUID()): Settings {
  const providers = (Array.isArray(old?.providers) ? old.providers : []).map(({ id, ...provider }) => ({
    ...provider,
    id: id ?? newId(),
    preset: inferPreset(provider.kind, provider.baseURL),
    enabled: true,
  }));
  return {
    providers,
    hedging: old?.hedging !== false,
    neverSendSites: [],
    // Providers set up before consent existed were chosen by the user for this purpose already.
    consentedProviderIds: providers.map((provider) => provider.id),
  };
}

/** `defineItem` migrations: the steps, keyed by the version each one produces. */
export const settingsMigrations = { 2: migrateSettingsV1, 3: (old: SettingsV2) => migrateSettingsV2(old) } as const;

/** Any known version brought to the current one through the same steps storage runs; `newId` fills missing ids. */
export function migrateToCurrent(versioned: VersionedSettings, newId: () => string): Settings {
  switch (versioned.version) {
    case 1:
      return migrateSettingsV2(migrateSettingsV1(versioned.settings), newId);
    case 2:
      return migrateSettingsV2(versioned.settings, newId);
    case 3:
      return { ...versioned.settings, consentedProviderIds: versioned.settings.consentedProviderIds ?? [] };
    default: {
      const unknown: never = versioned;
      throw new Error(`Unknown settings version: ${JSON.stringify(unknown)}`);
    }
  }
}

/** "providers[1].baseURL: enter a URL …": where the value is, then what to enter instead. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).reduce<string>((text, item) => {
    const key: unknown = item.key;
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
  return path ? `${path}: ${issue.message}` : issue.message;
}
