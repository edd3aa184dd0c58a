import { describe, expect, it } from 'vitest';
import { enableOnDevice, onDeviceStatus } from '@/utils/on-device/on-device-status';
import { createFakeBuiltInAi } from './fake-built-in-ai';

async function enable(fake: ReturnType<typeof createFakeBuiltInAi>, signal?: AbortSignal) {
  const progress: number[] = [];
  const result = await enableOnDevice(fake.ai, (fraction) => progress.push(fraction), signal);
  return { result, progress };
}

const isRising = (values: readonly number[]): boolean => values.every((value, i) => i === 0 || value > values[i - 1]!);

describe('onDeviceStatus', () => {
  it('should report each API as the browser offers it, and missing ones as missing', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { availability: 'downloadable' }, languageModel: { availability: 'available' }, rewriter: false });

    expect(await onDeviceStatus(fake.ai)).toEqual({ summarizer: 'downloadable', languageModel: 'available', rewriter: 'missing' });
    expect(fake.calls.map((call) => call.method)).toEqual(['availability', 'availability']);
    expect(fake.callsOf('summarizer')[0]!.options).toMatchObject({ expectedInputLanguages: ['en'], outputLanguage: 'en' });
  });

  it('should count an API whose availability() fails as unavailable', async () => {
    const fake = createFakeBuiltInAi();
    fake.ai.Rewriter = { availability: () => Promise.reject(new DOMException('blocked', 'NotAllowedError')), create: () => Promise.reject(new Error('no')) };

    expect((await onDeviceStatus(fake.ai)).rewriter).toBe('unavailable');
  });

  it('should report a browser without built-in AI', async () => {
    expect(await onDeviceStatus({})).toEqual({ summarizer: 'missing', languageModel: 'missing', rewriter: 'missing' });
  });
});

describe('enableOnDevice', () => {
  it('should download the model after a click, report rising progress up to 1 and destroy the session', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { availability: 'available' }, languageModel: { availability: 'downloadable' }, rewriter: false, userActivation: true });

    const { result, progress } = await enable(fake);

    expect(result).toEqual({ ok: true });
    expect(progress).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(fake.stateOf('languageModel')).toBe('available');
    expect(fake.callsOf('summarizer', 'create')).toEqual([]);
    expect(fake.sessions.map((session) => [session.api, session.destroyed])).toEqual([['languageModel', true]]);
  });

  it('should combine the progress of several downloads', async () => {
    const fake = createFakeBuiltInAi({
      summarizer: { availability: 'downloadable', downloadProgress: [0, 1] },
      languageModel: { availability: 'downloadable', downloadProgress: [0, 0.5, 1] },
      rewriter: { availability: 'downloading', downloadProgress: [0.5, 1] },
      userActivation: true,
    });

    const { result, progress } = await enable(fake);

    expect(result).toEqual({ ok: true });
    expect(isRising(progress)).toBe(true);
    expect(progress[0]).toBe(0);
    expect(progress).toContain(1 / 6);
    expect(progress).toContain(1 / 3);
    expect(progress.at(-1)).toBe(1);
    expect(['summarizer', 'languageModel', 'rewriter'].map((api) => fake.stateOf(api as 'summarizer'))).toEqual(['available', 'available', 'available']);
    expect(fake.sessions.every((session) => session.destroyed)).toBe(true);
  });

  it('should explain in plain words that a click is needed when there is no user gesture', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { availability: 'downloadable' }, summarizer: false, rewriter: false, userActivation: false });

    const { result, progress } = await enable(fake);

    expect(result).toEqual({
      ok: false,
      message: 'The browser starts this download only right after a click on “Enable on-device AI” in Lifeline settings. Click it again.',
    });
    expect(progress).toEqual([0]);
    expect(fake.stateOf('languageModel')).toBe('downloadable');
  });

  it('should join a download already under way without a gesture', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { availability: 'downloading' }, summarizer: false, rewriter: false });

    const { result, progress } = await enable(fake);

    expect(result).toEqual({ ok: true });
    expect(progress.at(-1)).toBe(1);
  });

  it('should ask for another click when the browser used up the gesture on the first download', async () => {
    const fake = createFakeBuiltInAi({
      languageModel: { availability: 'downloadable' },
      summarizer: { availability: 'downloadable' },
      rewriter: false,
      userActivation: true,
      consumeActivation: true,
    });

    const { result } = await enable(fake);

    expect(result).toEqual({ ok: false, message: 'Part of on-device AI is ready. Click “Enable on-device AI” again to download the rest.' });
    expect(fake.stateOf('languageModel')).toBe('available');
    expect(fake.stateOf('summarizer')).toBe('downloadable');

    fake.userActivation = true;
    expect((await enable(fake)).result).toEqual({ ok: true });
    expect(fake.stateOf('summarizer')).toBe('available');
  });

  it('should skip a download another one already brought', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { availability: 'downloadable' }, summarizer: { availability: 'downloadable' }, rewriter: false, userActivation: true });
    const ai = fake.ai;
    // One shared model: when the Prompt API's download ends, the Summarizer is ready too.
    const create = ai.LanguageModel!.create.bind(ai.LanguageModel);
    ai.LanguageModel!.create = async (options) => {
      const session = await create(options);
      fake.setState('summarizer', 'available');
      return session;
    };

    const { result, progress } = await enable(fake);

    expect(result).toEqual({ ok: true });
    expect(fake.callsOf('summarizer', 'create')).toEqual([]);
    expect(progress.at(-1)).toBe(1);
  });

  it('should say when a download fails', async () => {
    const fake = createFakeBuiltInAi({
      languageModel: { availability: 'downloadable', downloadError: new DOMException('failed', 'NetworkError') },
      summarizer: false,
      rewriter: false,
      userActivation: true,
    });

    const { result } = await enable(fake);

    expect(result).toEqual({
      ok: false,
      message: 'The download failed. Check the connection (the browser downloads its model only on an unmetered connection) and try again.',
    });
  });

  it('should stop when the signal aborts', async () => {
    const controller = new AbortController();
    const fake = createFakeBuiltInAi({
      languageModel: { availability: 'downloadable', beforeProgress: (loaded) => void (loaded === 0.5 && controller.abort()) },
      summarizer: false,
      rewriter: false,
      userActivation: true,
    });

    const { result } = await enable(fake, controller.signal);

    expect(result).toEqual({ ok: false, message: 'The download was stopped. Click “Enable on-device AI” to continue it.' });
  });

  it('should succeed at once when everything is ready, and say so when nothing can be', async () => {
    expect((await enable(createFakeBuiltInAi())).result).toEqual({ ok: true });
    expect((await enable(createFakeBuiltInAi({ summarizer: false, languageModel: false, rewriter: false }))).result).toEqual({
      ok: false,
      message: 'This browser has no on-device AI.',
    });
    expect(
      (await enable(createFakeBuiltInAi({ summarizer: { availability: 'unavailable' }, languageModel: { availability: 'unavailable' }, rewriter: false }))).result,
    ).toEqual({ ok: false, message: 'On-device AI is not available on this device or browser.' });
  });
});
