import { describe, expect, it } from 'vitest';
import { PATIENT_TIMEOUTS } from '../../../../utils/llm/types';
import {
  DEFAULT_NEW_PRESET,
  dropTarget,
  draftFromForm,
  errorText,
  formFromDraft,
  formFromPreset,
  isPresetId,
  keyChangesOf,
  msToSeconds,
  originOf,
  parseContextWindow,
  reorderByDrag,
  secondsToMs,
  serviceNameOf,
  switchPreset,
  testResultText,
  timeoutsFromSeconds,
  timeoutsToSeconds,
  typedKeysOf,
  withoutKeyRow,
  withoutKeys,
  type KeyRow,
} from '../../../../utils/providers/provider-form';
import { validateDrafts, type ProviderDraft } from '../../../../utils/storage/provider-settings';

const row = (change: Partial<KeyRow>, rowId = 1): KeyRow => ({ rowId, value: '', ...change });

describe('formFromPreset', () => {
  it('should prefill name, endpoint, type and a model from the preset', () => {
    const form = formFromPreset('anthropic');

    expect(form).toMatchObject({
      preset: 'anthropic',
      kind: 'anthropic',
      name: 'Anthropic',
      baseURL: 'https://api.anthropic.com',
      model: 'claude-sonnet-4-5',
      enabled: true,
      contextWindow: '',
      timeouts: { headersMs: '', firstTokenMs: '', stallMs: '' },
    });
    expect(form.keys).toHaveLength(1);
    expect(form.keys[0]?.value).toBe('');
  });

  it('should fill in patient timeouts, in seconds, for a local server', () => {
    const form = formFromPreset('ollama');

    expect(form.timeouts).toEqual({
      headersMs: String(PATIENT_TIMEOUTS.headersMs / 1000),
      firstTokenMs: String(PATIENT_TIMEOUTS.firstTokenMs / 1000),
      stallMs: String(PATIENT_TIMEOUTS.stallMs / 1000),
    });
  });

  it('should leave the name and base URL empty for a custom endpoint', () => {
    const form = formFromPreset(DEFAULT_NEW_PRESET);

    expect(form).toMatchObject({ preset: 'custom', kind: 'openai-compatible', name: '', baseURL: '', model: '' });
  });
});

describe('serviceNameOf', () => {
  it.each([
    ['Ollama (this computer)', 'Ollama'],
    ['Google Gemini', 'Google Gemini'],
  ])('should name %j as %j', (label, expected) => {
    const name = serviceNameOf({ label });

    expect(name).toBe(expected);
  });
});

describe('formFromDraft', () => {
  const stored: ProviderDraft = {
    id: 'p1',
    preset: 'openai',
    enabled: false,
    kind: 'openai-compatible',
    name: 'Work GPT',
    baseURL: 'https://api.openai.com/v1',
    model: 'gpt-4o',
    contextWindow: 128000,
    timeouts: { firstTokenMs: 2500 },
  };

  it('should show one masked row per saved key and never a key', () => {
    const form = formFromDraft(stored, ['abcd', '']);

    expect(form.keys.map(({ savedIndex, hint, value }) => ({ savedIndex, hint, value }))).toEqual([
      { savedIndex: 0, hint: 'abcd', value: '' },
      { savedIndex: 1, hint: '', value: '' },
    ]);
  });

  it('should give a provider without keys one empty key row', () => {
    const form = formFromDraft(stored, []);

    expect(form.keys).toHaveLength(1);
    expect(form.keys[0]?.savedIndex).toBeUndefined();
  });

  it('should show numbers as text and keep the switch', () => {
    const form = formFromDraft(stored, []);

    expect(form).toMatchObject({ enabled: false, contextWindow: '128000', timeouts: { headersMs: '', firstTokenMs: '2.5', stallMs: '' } });
  });
});

describe('switchPreset', () => {
  it('should replace every default of the previous preset', () => {
    const form = formFromPreset('openai');

    const next = switchPreset(form, 'ollama');

    expect(next).toMatchObject({
      preset: 'ollama',
      kind: 'openai-compatible',
      name: 'Ollama',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
      timeouts: { headersMs: '30', firstTokenMs: '60', stallMs: '30' },
    });
  });

  it('should keep the name, model and timeouts the user typed', () => {
    const form = { ...formFromPreset('openai'), name: 'My GPT', model: 'gpt-4.1', timeouts: { headersMs: '5', firstTokenMs: '', stallMs: '' } };

    const next = switchPreset(form, 'anthropic');

    expect(next).toMatchObject({ kind: 'anthropic', name: 'My GPT', model: 'gpt-4.1', timeouts: { headersMs: '5', firstTokenMs: '', stallMs: '' } });
  });

  it('should keep typed keys', () => {
    const form = { ...formFromPreset('custom'), keys: [row({ value: 'sk-typed' })] };

    const next = switchPreset(form, 'groq');

    expect(next.keys).toEqual([row({ value: 'sk-typed' })]);
  });

  it('should keep a base URL typed for a custom endpoint when switching to custom again', () => {
    const form = { ...formFromPreset('custom'), baseURL: 'https://llm.example.com/v1' };

    const next = switchPreset(form, 'custom');

    expect(next.baseURL).toBe('https://llm.example.com/v1');
  });

  it('should empty the name when switching to a custom endpoint', () => {
    const form = formFromPreset('mistral');

    const next = switchPreset(form, 'custom');

    expect(next).toMatchObject({ name: '', baseURL: '', model: '' });
  });
});

describe('keyChangesOf', () => {
  it('should keep saved keys left empty, by their stored position', () => {
    const rows = [row({ savedIndex: 1, hint: 'wxyz' }, 1), row({ savedIndex: 0, hint: 'abcd' }, 2)];

    const changes = keyChangesOf(rows);

    expect(changes).toEqual([{ keep: 1 }, { keep: 0 }]);
  });

  it('should send typed keys as values and drop empty typed rows', () => {
    const rows = [row({ value: '  sk-new-1 ' }, 1), row({}, 2), row({ value: 'sk-new-2' }, 3)];

    const changes = keyChangesOf(rows);

    expect(changes).toEqual([{ value: 'sk-new-1' }, { value: 'sk-new-2' }]);
  });

  it('should keep a revealed key the user did not change', () => {
    const rows = [row({ savedIndex: 0, hint: 'abcd', value: 'sk-secret-abcd', revealed: 'sk-secret-abcd' })];

    const changes = keyChangesOf(rows);

    expect(changes).toEqual([{ keep: 0 }]);
  });

  it('should replace a saved key the user typed over', () => {
    const rows = [row({ savedIndex: 0, hint: 'abcd', value: 'sk-replacement', revealed: 'sk-secret-abcd' })];

    const changes = keyChangesOf(rows);

    expect(changes).toEqual([{ value: 'sk-replacement' }]);
  });

  it('should leave out removed saved keys', () => {
    const rows = withoutKeyRow([row({ savedIndex: 0 }, 1), row({ savedIndex: 1 }, 2)], 0);

    const changes = keyChangesOf(rows);

    expect(changes).toEqual([{ keep: 1 }]);
  });
});

describe('withoutKeyRow', () => {
  it('should leave one empty row when the last one is removed', () => {
    const rows = withoutKeyRow([row({ savedIndex: 0 }, 7)], 0);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: '' });
    expect(rows[0]?.savedIndex).toBeUndefined();
  });
});

describe('typedKeysOf', () => {
  it('should list only non-empty values', () => {
    const keys = typedKeysOf([row({ value: ' sk-a ' }, 1), row({ savedIndex: 0 }, 2)]);

    expect(keys).toEqual(['sk-a']);
  });
});

describe('secondsToMs', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['10', 10_000],
    ['2.5', 2_500],
    ['2,5', 2_500],
    ['.5', 500],
    ['3.', 3_000],
  ])('should read %j as %s ms', (text, expected) => {
    const ms = secondsToMs(text);

    expect(ms).toBe(expected);
  });

  it.each(['ten', '-1', '1e3', '5s'])('should read %j as not a number', (text) => {
    const ms = secondsToMs(text);

    expect(ms).toBeNaN();
  });
});

describe('msToSeconds', () => {
  it.each([
    [undefined, ''],
    [10_000, '10'],
    [2_500, '2.5'],
    [1_234, '1.2'],
  ])('should show %s ms as %j', (ms, expected) => {
    const text = msToSeconds(ms);

    expect(text).toBe(expected);
  });
});

describe('timeoutsFromSeconds', () => {
  it('should send only the timeouts that are set, in milliseconds', () => {
    const timeouts = timeoutsFromSeconds({ headersMs: '', firstTokenMs: '45', stallMs: '' });

    expect(timeouts).toEqual({ firstTokenMs: 45_000 });
  });

  it('should send nothing when every field is empty', () => {
    const timeouts = timeoutsFromSeconds({ headersMs: '', firstTokenMs: ' ', stallMs: '' });

    expect(timeouts).toBeUndefined();
  });

  it('should round-trip with timeoutsToSeconds', () => {
    const timeouts = { headersMs: 30_000, firstTokenMs: 60_000, stallMs: 1_500 };

    const roundTrip = timeoutsFromSeconds(timeoutsToSeconds(timeouts));

    expect(roundTrip).toEqual(timeouts);
  });
});

describe('parseContextWindow', () => {
  it.each([
    ['', undefined],
    ['128000', 128_000],
    ['128,000', 128_000],
    ['1 000 000', 1_000_000],
  ])('should read %j as %s', (text, expected) => {
    const tokens = parseContextWindow(text);

    expect(tokens).toBe(expected);
  });

  it.each(['12.5', 'lots', '-5'])('should read %j as not a number', (text) => {
    const tokens = parseContextWindow(text);

    expect(tokens).toBeNaN();
  });
});

describe('draftFromForm', () => {
  it('should build the draft the background saves, with key changes and milliseconds', () => {
    const form = {
      ...formFromPreset('ollama'),
      name: 'Laptop',
      contextWindow: '32000',
      keys: [row({ savedIndex: 0, hint: 'abcd' }, 1), row({ value: 'sk-new' }, 2)],
    };

    const draft = draftFromForm(form, 'p9');

    expect(draft).toEqual({
      id: 'p9',
      preset: 'ollama',
      kind: 'openai-compatible',
      name: 'Laptop',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
      enabled: true,
      keyChanges: [{ keep: 0 }, { value: 'sk-new' }],
      contextWindow: 32_000,
      timeouts: PATIENT_TIMEOUTS,
    });
  });

  it('should leave out the id, context window and timeouts when there are none', () => {
    const form = formFromPreset('anthropic');

    const draft = draftFromForm(form);

    expect(draft).not.toHaveProperty('id');
    expect(draft).not.toHaveProperty('contextWindow');
    expect(draft).not.toHaveProperty('timeouts');
  });

  it('should let validation name bad numbers', () => {
    const form = { ...formFromPreset('anthropic'), contextWindow: 'lots', timeouts: { headersMs: 'x', firstTokenMs: '0.1', stallMs: '' } };

    const problems = validateDrafts([draftFromForm(form)]);

    expect(problems.map((problem) => problem.field).sort()).toEqual(['contextWindow', 'timeouts']);
  });
});

describe('isPresetId', () => {
  it.each([
    ['anthropic', true],
    ['lmstudio', true],
    ['custom', true],
    ['chatgpt', false],
  ])('should tell whether %s is a preset', (value, expected) => {
    const result = isPresetId(value);

    expect(result).toBe(expected);
  });
});

describe('reorderByDrag', () => {
  it.each([
    [2, 0, ['c', 'a', 'b', 'd']],
    [0, 2, ['b', 'a', 'c', 'd']],
    [0, 4, ['b', 'c', 'd', 'a']],
    [3, 1, ['a', 'd', 'b', 'c']],
    [1, 1, ['a', 'b', 'c', 'd']],
    [1, 2, ['a', 'b', 'c', 'd']],
  ])('should move the item at %i before the item at %i', (from, to, expected) => {
    const result = reorderByDrag(['a', 'b', 'c', 'd'], from, to);

    expect(result).toEqual(expected);
  });

  it('should leave the list unchanged for an unknown index', () => {
    const items = ['a', 'b'];

    const result = reorderByDrag(items, 5, 0);

    expect(result).toEqual(['a', 'b']);
    expect(result).not.toBe(items);
  });
});

describe('dropTarget', () => {
  it('should allow a drop that changes the order', () => {
    const target = dropTarget(3, 1, 0, 4);

    expect(target).toBe(1);
  });

  it.each([
    [2, 2],
    [2, 3],
  ])('should ignore a drop of item %i at %i, which leaves it in place', (from, to) => {
    const target = dropTarget(from, to, 0, 4);

    expect(target).toBeNull();
  });

  it('should keep dropped items below the managed providers', () => {
    const target = dropTarget(3, 0, 2, 4);

    expect(target).toBe(2);
  });

  it('should not move a managed provider', () => {
    const target = dropTarget(0, 3, 1, 4);

    expect(target).toBeNull();
  });
});

describe('originOf', () => {
  it('should give the origin of a base URL', () => {
    const origin = originOf(' https://llm.example.com:8443/v1/ ');

    expect(origin).toBe('https://llm.example.com:8443');
  });

  it('should give the text back when it is not a URL', () => {
    const origin = originOf('llm.example.com');

    expect(origin).toBe('llm.example.com');
  });
});

describe('withoutKeys', () => {
  it('should hide a typed key wherever it appears', () => {
    const text = withoutKeys('Rejected key mykey-1234 for mykey-1234', ['mykey-1234']);

    expect(text).toBe('Rejected key [key hidden] for [key hidden]');
  });

  it('should hide key-like tokens even when they were not typed here', () => {
    const text = withoutKeys('Incorrect API key provided: sk-proj-abcdefghijklmnop1234.');

    expect(text).toBe('Incorrect API key provided: [key hidden].');
  });

  it('should leave plain words, model names and URLs alone', () => {
    const message = 'Model claude-sonnet-4-5 not found at https://api.anthropic.com/v1 (404): pick another model.';

    const text = withoutKeys(message);

    expect(text).toBe(message);
  });
});

describe('testResultText', () => {
  it('should say how fast a working provider answered', () => {
    const text = testResultText({ ok: true, latencyMs: 419.6 });

    expect(text).toBe('Working: answered in 420 ms.');
  });

  it('should show the failure in the background’s words', () => {
    const text = testResultText({ ok: false, kind: 'auth', message: 'Key rejected (401): check the key in your provider’s console.' });

    expect(text).toBe('Key rejected (401): check the key in your provider’s console.');
  });

  it('should still say what to check when the failure has no message', () => {
    const text = testResultText({ ok: false, kind: 'network', message: ' ' });

    expect(text).toContain('Check the base URL and the key');
  });
});

describe('errorText', () => {
  it.each([
    [new Error('No response'), 'No response.'],
    [{ message: 'Port closed.' }, 'Port closed.'],
    ['plain text', 'plain text.'],
    [undefined, 'an unknown error.'],
  ])('should turn %s into a sentence', (cause, expected) => {
    const text = errorText(cause);

    expect(text).toBe(expected);
  });
});
