import { describe, expect, it } from 'vitest';
import {
  PBKDF2_ITERATIONS,
  openWithPassphrase,
  sealWithKey,
  sealWithPassphrase,
  type SealedBox,
} from '@/utils/security/passphrase-crypto';

// Most tests use a low count through the explicit parameter, so the suite stays fast; one checks the real default.
const FAST = 1_000;

async function seal(plaintext: string, passphrase: string, iterations = FAST): Promise<SealedBox> {
  const result = await sealWithPassphrase(plaintext, passphrase, iterations);
  if (!result.ok) throw new Error(result.message);
  return result.box;
}

function withFlippedCiphertextByte(box: SealedBox): SealedBox {
  const bytes = Uint8Array.from(atob(box.ciphertext), (char) => char.charCodeAt(0));
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return { ...box, ciphertext: btoa(String.fromCharCode(...bytes)) };
}

describe('passphrase crypto', () => {
  it('should round-trip UTF-8 text with the right passphrase', async () => {
    const box = await seal('{"p1":"sk-ünïcødé-🔑"}', 'correct horse battery');

    const opened = await openWithPassphrase(box, 'correct horse battery');

    expect(opened).toMatchObject({ ok: true, plaintext: '{"p1":"sk-ünïcødé-🔑"}' });
  });

  it('should answer wrong-passphrase instead of throwing', async () => {
    const box = await seal('secret', 'correct horse battery');

    const opened = await openWithPassphrase(box, 'wrong horse battery');

    expect(opened).toEqual({ ok: false, reason: 'wrong-passphrase', message: 'That passphrase does not unlock your keys.' });
  });

  it('should record at least 600,000 iterations by default, with the KDF and JSON-safe fields', async () => {
    const result = await sealWithPassphrase('secret', 'correct horse battery');

    const box = result.ok ? result.box : undefined;
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(box).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS });
    expect(JSON.parse(JSON.stringify(box))).toEqual(box);
  });

  it('should use a fresh 16-byte salt and 12-byte IV for every seal', async () => {
    const first = await seal('same text', 'correct horse battery');
    const second = await seal('same text', 'correct horse battery');

    expect(first.salt).not.toBe(second.salt);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(atob(first.salt)).toHaveLength(16);
    expect(atob(first.iv)).toHaveLength(12);
  });

  it('should reject a tampered ciphertext', async () => {
    const box = await seal('secret', 'correct horse battery');

    const opened = await openWithPassphrase(withFlippedCiphertextByte(box), 'correct horse battery');

    expect(opened).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
  });

  it('should report a malformed box as damaged', async () => {
    const box = await seal('secret', 'correct horse battery');

    const opened = await openWithPassphrase({ ...box, iv: 'not base64!' }, 'correct horse battery');

    expect(opened).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('should refuse a passphrase shorter than 8 characters with a message', async () => {
    const result = await sealWithPassphrase('secret', 'short', FAST);

    expect(result).toEqual({ ok: false, reason: 'weak-passphrase', message: 'Use a passphrase of at least 8 characters.' });
  });

  it('should seal again with the derived key so the same passphrase still opens it, with a new IV', async () => {
    const sealed = await sealWithPassphrase('first', 'correct horse battery', FAST);
    if (!sealed.ok) throw new Error(sealed.message);

    const resealed = await sealWithKey('second', sealed.sealingKey);

    expect(resealed.salt).toBe(sealed.box.salt);
    expect(resealed.iv).not.toBe(sealed.box.iv);
    expect(await openWithPassphrase(resealed, 'correct horse battery')).toMatchObject({ ok: true, plaintext: 'second' });
  });
});
