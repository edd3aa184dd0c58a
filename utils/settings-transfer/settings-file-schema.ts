// The settings file, version by version (docs/settings.md): the settings schemas of storage in a file's envelope.
import * as v from 'valibot';
import { fields, portableSettingsSchema, SETTINGS_VERSION, settingsV1Schema, settingsV2Schema } from '../storage/settings-schema';

export const SETTINGS_FILE_FORMAT = 'lifeline-settings';
export const SETTINGS_FILE_VERSION = SETTINGS_VERSION;

const BOX_MESSAGE = 'the encrypted keys are damaged';
const UNKNOWN_BOX_MESSAGE = "this file's keys use an encryption Lifeline does not know";
const FILE_MESSAGE = 'this is not a Lifeline settings file';

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

export const settingsFileV1Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(1),
  settings: settingsV1Schema,
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

export const settingsFileV2Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(2),
  settings: settingsV2Schema,
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

export const settingsFileV3Schema = fields({
  format: v.literal(SETTINGS_FILE_FORMAT),
  version: v.literal(SETTINGS_FILE_VERSION),
  exportedAt: v.optional(v.string('enter the export time as an ISO date')),
  settings: portableSettingsSchema,
  keys: v.optional(sealedBoxSchema),
}, FILE_MESSAGE);

/** What export-settings.ts writes. */
export type SettingsFileV3 = v.InferInput<typeof settingsFileV3Schema>;

export const settingsFileSchemas = { 1: settingsFileV1Schema, 2: settingsFileV2Schema, 3: settingsFileV3Schema } as const;
