// The fixed id of the end-to-end build: Chromium derives an unpacked extension's id from the manifest's `key`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TEST_EXTENSION_KEY_FILE = resolve(import.meta.dirname, '../../fixtures/test-extension-key.txt');

/** The public key the e2e build carries (`LIFELINE_MANIFEST_KEY`), as base64 SPKI DER. */
export function testExtensionKey(): string {
  return readFileSync(TEST_EXTENSION_KEY_FILE, 'utf8').trim();
}

/** sha256 of the DER public key; the first 32 hex digits, each mapped 0-f to a-p. */
export function extensionIdFromKey(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

/** The id Chromium gives the build made with the test key: igoneoojondkljdipfnplmpinegmckkj. */
export const TEST_EXTENSION_ID = extensionIdFromKey(testExtensionKey());
