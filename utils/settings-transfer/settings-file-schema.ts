// The settings file, version by version (docs/settings.md): valibot schemas whose messages read as plain instructions.
import { isHttpUrl } from '../llm/provider-origins';
import * as v from 'valibot';
import { toSiteHost } from '../privacy/never-send';
import { PRESETS } from '../providers/presets';

export const SETTINGS_FILE_FORMAT = 'lifeline-settings';
export const SETTINGS_FILE_VERSION = 3;
export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 600_000;

const URL_MESSAGE = 'enter a URL starting with https:// (or http:// for a local server)';
const TIMEOUT_MESSAGE = `enter a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`;
const CONTEXT_WINDOW_MESSAGE = 'enter a whole number of tokens above zero';
const SITE_MESSAGE = 'enter a host name such as example.com';
const PROVIDER_MESSAGE = 'enter each provider as an object with its fields';
const BOX_MESSAGE = 'the encrypted keys are damaged';
const UNKNOWN_BOX_MESSAGE = "this file's keys use an encryption Lifeline does not know";
const FILE_MESSAGE = 'this is not a Lifeline settings file';

/**
 * An object whose missing fields get the same instruction as wrong ones ("enter a model name"), where valibot would
 * say "Invalid key"; a value that is not an object at all gets `message`.
 */
function fields<const T extends v.ObjectEntries>(entries: T, message: string) {
  return v.object(entries, (issue) => {
    const key = /^"(.+)"$/.exec(issue.expected ?? '')?.[1];
    if (key === undefined || issue.received !== 'undefined') return message;
    const entry: unknown = entries[key];
    const entryMessage = typeof entry === 'object' && entry !== null && 'message' in entry ? entry.message : undefined;
    return typeof entryMessage === 'string' ? entryMessage : 'this field is missing';
  });
}

const kindSchema = v.picklist(['anthropic', 'openai-compatible'], 'choose "anthropic" or "openai-compatible"');

const requiredText = (message: string) => v.pipe(v.string(message), v.trim(), v.nonEmpty(message));

const baseUrlSchema = v.pipe(
  v.string(URL_MESSAGE),
  v.trim(),
  v.check(isHttpUrl, URL_MESSAGE),
  v.transform((url) => url.replace(/\/+$/, '')),
);

const timeoutSchema = v.optional(
  v.pipe(
    v.number(TIMEOUT_MESSAGE),
    v.integer(TIMEOUT_MESSAGE),
    v.minValue(MIN_TIMEOUT_MS, TIMEOUT_MESSAGE),
    v.maxValue(MAX_TIMEOUT_MS, TIMEOUT_MESSAGE),
  ),
);

const contextWindowSchema = v.optional(
  v.pipe(v.number(CONTEXT_WINDOW_MESSAGE), v.integer(CONTEXT_WINDOW_MESSAGE), v.minValue(1, CONTEXT_WINDOW_MESSAGE)),
);

/** Versions 1 and 2: no presets, no enabled switch; an id was optional. */
const providerV1Schema = fields({
  id: v.optional(requiredText('give the provider an id, or leave the id out')),
  kind: kindSchema,
  name: requiredText('give the provider a name'),
  baseURL: baseUrlSchema,
  model: requiredText('enter a model name'),
}, PROVIDER_MESSAGE);

const providerV3Schema = fields({
  id: requiredText('give the provider an id'),
  preset: v.picklist(
    PRESETS.map((preset) => preset.id),
    `choose one of ${PRESETS.map((preset) => preset.id).join(', ')}`,
  ),
  kind: kindSchema,
  name: requiredText('give the provider a name'),
  baseURL: baseUrlSchema,
  model: requiredText('enter a model name'),
  enabled: v.boolean('enter true or false'),
  contextWindow: contextWindowSchema,
  timeouts: v.optional(
    fields(
      { headersMs: timeoutSchema, firstTokenMs: timeoutSchema, stallMs: timeoutSchema },
      'enter the timeouts as { "headersMs", "firstTokenMs", "stallMs" }',
    ),
  ),
}, PROVIDER_MESSAGE);

const siteSchema = v.pipe(
  v.string(SITE_MESSAGE),
  v.check((site) => toSiteHost(site) !== undefined, SITE_MESSAGE),
  v.transform((site) => toSiteHost(site) ?? site),
);

/** A sealed box as written by passphrase-crypto.ts; the crypto module checks the bytes themselves. */
export const sealedBoxSchema = fields(
  {
    v: v.literal(1, UNKNOWN_BOX_MESSAGE),
    kdf: v.literal('PBKDF2-SHA256', UNKNOWN_BOX_MESSAGE),
    iterations: v.pipe(v.number(BOX_MESSAGE), v.integer(BOX_MESSAGE), v.minValue(1, BOX_MESSAGE)),
    salt: v.string(BOX_MESSAGE),
    iv: v.string(BOX_MESSAGE),
    ciphertext: v.string(BOX_MESSAGE),
  },
  BOX_MESSAGE,
);

const providersSchema = <T extends v.GenericSchema>(provider: T) => v.array(provider, 'enter a list of providers');
const hedgingSchema = v.boolean('enter true or false');

export const settingsFileV1Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(1),
  settings: fields({ providers: providersSchema(providerV1Schema) }, 'enter the settings'),
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

export const settingsFileV2Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(2),
  settings: fields({ providers: providersSchema(providerV1Schema), hedging: hedgingSchema }, 'enter the settings'),
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

export const settingsFileV3Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(SETTINGS_FILE_VERSION),
  exportedAt: v.optional(v.string('enter the export time as an ISO date')),
  settings: fields(
    {
      providers: providersSchema(providerV3Schema),
      hedging: hedgingSchema,
      neverSendSites: v.array(siteSchema, 'enter a list of host names'),
      taskChains: v.optional(
        v.object(
          {
            summarize: v.optional(v.array(v.string('enter provider ids'))),
            rewrite: v.optional(v.array(v.string('enter provider ids'))),
            chat: v.optional(v.array(v.string('enter provider ids'))),
          },
          'enter the providers chosen per task',
        ),
      ),
      confirmAboveTokens: v.optional(v.pipe(v.number('enter a number of tokens'), v.integer('enter a whole number'), v.minValue(1_000, 'enter at least 1000'))),
    },
    'enter the settings',
  ),
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

/** What export-settings.ts writes. */
export type SettingsFileV3 = v.InferInput<typeof settingsFileV3Schema>;

export const settingsFileSchemas = { 1: settingsFileV1Schema, 2: settingsFileV2Schema, 3: settingsFileV3Schema } as const;
