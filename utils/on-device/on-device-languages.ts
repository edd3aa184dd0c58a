// Whether the built-in APIs can answer now in the languages a task needs, and why not in plain words when they cannot.
import { languageName } from '../prompts/language-name';
import type { BuiltInAvailability, LanguageModelOptions } from './built-in-ai';
import { failure, type OnDeviceFailure } from './on-device-errors';

/** The base language of a BCP 47 tag ("en-US" -> "en"), or undefined when there is none or it is not a tag. */
export function baseLanguage(tag: string | undefined): string | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && /^[a-z]{2,3}$/.test(base) ? base : undefined;
}

/** Why an API cannot answer now, worst news last: a download would help, the language is not supported, nothing helps. */
export type Blocker = 'downloading' | 'downloadable' | 'language' | 'unavailable' | 'missing';

const BLOCKER_ORDER: readonly Blocker[] = ['downloading', 'downloadable', 'language', 'unavailable', 'missing'];

interface AvailabilityApi<O> {
  availability(options?: O): Promise<BuiltInAvailability>;
}

/**
 * Whether `api` can answer now with `options`. An 'unavailable' answer for a language other than English is checked
 * again in English, to tell "this language is not supported" from "not available on this device".
 */
export async function probe<O>(api: AvailabilityApi<O> | undefined, options: O, inEnglish: O | undefined): Promise<Blocker | 'available'> {
  if (!api) return 'missing';
  const availability = await api.availability(options).catch((): BuiltInAvailability => 'unavailable');
  if (availability !== 'unavailable') return availability;
  if (!inEnglish) return 'unavailable';
  const english = await api.availability(inEnglish).catch((): BuiltInAvailability => 'unavailable');
  return english === 'unavailable' ? 'unavailable' : 'language';
}

/** The states of the probed APIs that are not 'available' (an API not probed at all is left out). */
export const blockersOf = (states: readonly (Blocker | 'available' | undefined)[]): Blocker[] =>
  states.filter((state): state is Blocker => state !== undefined && state !== 'available');

export function blockedFailure(blockers: readonly Blocker[], languages: readonly string[]): OnDeviceFailure {
  const worst = BLOCKER_ORDER.find((blocker) => blockers.includes(blocker)) ?? 'missing';
  switch (worst) {
    case 'downloading':
      return failure('model-not-found', 'On-device AI is still downloading. It can answer once the download is done (see Lifeline settings).');
    case 'downloadable':
      return failure('model-not-found', 'On-device AI needs a one-time download first: turn it on in Lifeline settings.');
    case 'language': {
      const names = [...new Set(languages.filter((code) => code !== 'en'))].map(languageName);
      return failure('bad-request', `On-device AI does not support ${names.join(' or ') || 'this language'} yet.`);
    }
    case 'unavailable':
      return failure('model-not-found', 'On-device AI is not available on this device or browser.');
    case 'missing':
      return failure('model-not-found', 'This browser has no on-device AI.');
  }
}

export const usesOtherThanEnglish = (languages: readonly (string | undefined)[]): boolean => languages.some((code) => code !== undefined && code !== 'en');

export function languageModelOptions(inputs: readonly string[], output: string): LanguageModelOptions {
  return {
    expectedInputs: [{ type: 'text', languages: [...new Set([...inputs, output])] }],
    expectedOutputs: [{ type: 'text', languages: [output] }],
  };
}

/** The Prompt API's options for English, to tell an unsupported language from an unavailable model. */
export function englishLanguageModelOptions(): LanguageModelOptions {
  return languageModelOptions([], 'en');
}
