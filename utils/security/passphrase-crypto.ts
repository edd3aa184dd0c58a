// Passphrase encryption with WebCrypto only (service worker, extension pages and Node alike): PBKDF2 -> AES-GCM.

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. Production callers never pass another count. */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;
/** Opening a box stored or imported with an absurd count would freeze the worker: refuse it as damaged. */
const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** AES-GCM appends a 16-byte authentication tag: no valid ciphertext is shorter. */
const TAG_BYTES = 16;

/** What encrypted text looks like at rest and in files: JSON-safe, self-describing. */
export interface SealedBox {
  v: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** Base64. */
  salt: string;
  /** Base64. */
  iv: string;
  /** Base64, authentication tag included. */
  ciphertext: string;
}

/** The derived AES-256 key (raw, base64) and what derived it: enough to seal again without asking for the passphrase. */
export interface SealingKey {
  key: string;
  salt: string;
  iterations: number;
}

export type SealResult =
  | { ok: true; box: SealedBox; sealingKey: SealingKey }
  | { ok: false; reason: 'weak-passphrase'; message: string };

export type OpenResult =
  | { ok: true; plaintext: string; sealingKey: SealingKey }
  | { ok: false; reason: 'wrong-passphrase' | 'damaged'; message: string };

/** A plain-words reason to refuse a passphrase for sealing, or undefined when it will do. */
export function passphraseProblem(passphrase: string): string | undefined {
  return passphrase.length < MIN_PASSPHRASE_LENGTH
    ? `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`
    : undefined;
}

/** Seals UTF-8 text under a new random salt and IV. `iterations` is lowered only by this module's own unit tests. */
export async function sealWithPassphrase(plaintext: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<SealResult> {
  const problem = passphraseProblem(passphrase);
  if (problem) return { ok: false, reason: 'weak-passphrase', message: problem };
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const sealingKey: SealingKey = {
    key: toBase64(await deriveKeyBytes(passphrase, salt, iterations)),
    salt: toBase64(salt),
    iterations,
  };
  return { ok: true, box: await sealWithKey(plaintext, sealingKey), sealingKey };
}

/** Seals again with an already derived key (same salt and count, new IV): no passphrase, no slow derivation. */
export async function sealWithKey(plaintext: string, sealingKey: SealingKey): Promise<SealedBox> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await importAesKey(fromBase64(sealingKey.key));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plaintext));
  return {
    v: 1,
    kdf: 'PBKDF2-SHA256',
    iterations: sealingKey.iterations,
    salt: sealingKey.salt,
    iv: toBase64(iv),
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
}

/** Opens a box; a wrong passphrase or altered ciphertext is a result, never an exception. */
export async function openWithPassphrase(box: SealedBox, passphrase: string): Promise<OpenResult> {
  const parts = decodeBox(box);
  if (!parts) return { ok: false, reason: 'damaged', message: 'The encrypted keys are damaged and cannot be opened.' };
  const keyBytes = await deriveKeyBytes(passphrase, parts.salt, box.iterations);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: parts.iv }, await importAesKey(keyBytes), parts.ciphertext);
  } catch (cause) {
    // AES-GCM cannot tell a wrong key from altered bytes: both fail the authentication tag.
    if (isOperationError(cause)) {
      return { ok: false, reason: 'wrong-passphrase', message: 'That passphrase does not unlock your keys.' };
    }
    throw cause;
  }
  return {
    ok: true,
    plaintext: new TextDecoder().decode(plaintext),
    sealingKey: { key: toBase64(keyBytes), salt: box.salt, iterations: box.iterations },
  };
}

async function deriveKeyBytes(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

function importAesKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function decodeBox(box: SealedBox): { salt: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> } | undefined {
  const valid =
    box.v === 1 &&
    box.kdf === 'PBKDF2-SHA256' &&
    Number.isInteger(box.iterations) &&
    box.iterations >= 1 &&
    box.iterations <= MAX_ITERATIONS;
  const salt = valid ? tryFromBase64(box.salt) : undefined;
  const iv = valid ? tryFromBase64(box.iv) : undefined;
  const ciphertext = valid ? tryFromBase64(box.ciphertext) : undefined;
  if (salt?.length !== SALT_BYTES || iv?.length !== IV_BYTES || !ciphertext || ciphertext.length < TAG_BYTES) return undefined;
  return { salt, iv, ciphertext };
}

/** Errors from WebCrypto are DOMExceptions: identify them by name, not class. */
function isOperationError(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && 'name' in cause && cause.name === 'OperationError';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function tryFromBase64(text: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}
