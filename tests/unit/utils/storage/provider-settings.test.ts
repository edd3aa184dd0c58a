import { describe, expect, it } from 'vitest';
import type { ProviderKeys } from '../../../../utils/storage/key-vault';
import {
  applyDrafts,
  buildChain,
  toProviderViews,
  validateDrafts,
  type ProviderDraft,
  splitKeyPool,
  changedProviderIds,
} from '../../../../utils/storage/provider-settings';
import type { Settings } from '../../../../utils/storage/settings';

const settings: Settings = {
  providers: [
    { id: 'a', preset: 'anthropic', enabled: true, kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5' },
    { id: 'b', preset: 'openai', enabled: true, kind: 'openai-compatible', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  ],
  hedging: true,
  neverSendSites: [],
  consentedProviderIds: [],
};
const keys: ProviderKeys = { a: 'sk-ant-secret-1234abcd', b: 'sk-openai-secret-9876wxyz' };

function draftOf(id: string, apiKey?: string): ProviderDraft {
  const provider = settings.providers.find((p) => p.id === id);
  if (!provider) throw new Error(`no provider ${id}`);
  return { ...provider, ...(apiKey === undefined ? {} : { apiKey }) };
}

function idSequence(): () => string {
  let next = 0;
  return () => `new-${++next}`;
}

describe('applyDrafts', () => {
  it('should replace the stored key when a new key is typed', () => {
    const drafts = [draftOf('a', '  sk-ant-new-key-5678  '), draftOf('b')];

    const result = applyDrafts(drafts, keys, idSequence());

    expect(result.keys).toEqual({ a: 'sk-ant-new-key-5678', b: keys.b });
  });

  it.each([undefined, '', '   '])('should keep the stored key when the key field is %j', (apiKey) => {
    const drafts = [draftOf('a', apiKey), draftOf('b')];

    const result = applyDrafts(drafts, keys, idSequence());

    expect(result.keys).toEqual(keys);
  });

  it('should drop the key of a removed provider', () => {
    const drafts = [draftOf('b')];

    const result = applyDrafts(drafts, keys, idSequence());

    expect(result.keys).toEqual({ b: keys.b });
    expect(result.providers.map((p) => p.id)).toEqual(['b']);
  });

  it('should keep the order of the drafts', () => {
    const drafts = [draftOf('b'), draftOf('a')];

    const result = applyDrafts(drafts, keys, idSequence());

    expect(result.providers.map((p) => p.id)).toEqual(['b', 'a']);
    expect(result.keys).toEqual(keys);
  });

  it('should give a new provider a fresh id and store its key under it', () => {
    const added: ProviderDraft = {
      kind: 'openai-compatible',
      name: ' Ollama ',
      baseURL: 'http://127.0.0.1:11434/v1/',
      model: ' llama3.2 ',
      apiKey: 'ollama-key',
    };

    const result = applyDrafts([draftOf('a'), added], keys, idSequence());

    expect(result.providers[1]).toEqual({
      id: 'new-1',
      preset: 'custom',
      enabled: true,
      kind: 'openai-compatible',
      name: 'Ollama',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
    });
    expect(result.keys).toEqual({ a: keys.a, 'new-1': 'ollama-key' });
  });

  it('should store no key for a new provider without one', () => {
    const added: ProviderDraft = { kind: 'openai-compatible', name: 'Local', baseURL: 'http://localhost:1234/v1', model: 'm' };

    const result = applyDrafts([added], {}, idSequence());

    expect(result.keys).toEqual({});
  });
});

describe('toProviderViews', () => {
  it('should show only the last four characters of a key', () => {
    const views = toProviderViews(settings, keys);

    expect(views.map((view) => [view.hasKey, view.keyHint])).toEqual([
      [true, 'abcd'],
      [true, 'wxyz'],
    ]);
    expect(JSON.stringify(views)).not.toContain('secret');
  });

  it('should give no hint for a short key and report a missing key', () => {
    const views = toProviderViews(settings, { a: 'short' });

    expect(views[0]).toMatchObject({ id: 'a', hasKey: true });
    expect(views[0]).not.toHaveProperty('keyHint');
    expect(views[1]).toMatchObject({ id: 'b', hasKey: false });
    expect(views[1]).not.toHaveProperty('keyHint');
  });

  it('should carry no key at all', () => {
    const views = toProviderViews(settings, keys);

    expect(views.every((view) => !('apiKey' in view))).toBe(true);
  });
});

describe('validateDrafts', () => {
  it('should accept valid drafts', () => {
    const problems = validateDrafts([draftOf('a'), draftOf('b'), { ...draftOf('b'), baseURL: 'http://localhost:11434/v1' }]);

    expect(problems).toEqual([]);
  });

  it('should report each problem with its index and field', () => {
    const drafts: ProviderDraft[] = [
      draftOf('a'),
      { ...draftOf('b'), name: '  ', model: '', baseURL: 'ftp://example.com' },
      { ...draftOf('b'), baseURL: 'not a url' },
    ];

    const problems = validateDrafts(drafts);

    expect(problems.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: 'name' },
      { index: 1, field: 'baseURL' },
      { index: 1, field: 'model' },
      { index: 2, field: 'baseURL' },
    ]);
    expect(problems.every((problem) => problem.message.length > 0)).toBe(true);
  });

  it('should report an unknown provider type', () => {
    const drafts = [{ ...draftOf('a'), kind: 'gemini' } as unknown as ProviderDraft];

    const problems = validateDrafts(drafts);

    expect(problems).toEqual([{ index: 0, field: 'kind', message: 'Choose a provider type.' }]);
  });
});

describe('buildChain', () => {
  it('should give every entry its key in the stored order', () => {
    const chain = buildChain(settings, keys);

    expect(chain.map(({ id, apiKey }) => ({ id, apiKey }))).toEqual([
      { id: 'a', apiKey: keys.a },
      { id: 'b', apiKey: keys.b },
    ]);
    expect(chain[0]).toMatchObject({ kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5' });
  });

  it('should leave switched-off providers out of the chain', () => {
    const withOneOff: Settings = { ...settings, providers: [{ ...settings.providers[0]!, enabled: false }, settings.providers[1]!] };

    expect(buildChain(withOneOff, keys).map((entry) => entry.id)).toEqual(['b']);
  });

  it('should edit a key pool by keeping stored keys by position and adding typed ones', () => {
    const pooled = { a: 'k1\nk2\nk3' };

    const { keys: next } = applyDrafts([{ ...draftOf('a'), keyChanges: [{ keep: 2 }, { value: ' k4 ' }, { keep: 0 }] }], pooled, idSequence());

    expect(next.a).toBe('k3\nk4\nk1');
  });

  it('should hint at every key of a pool without revealing it', () => {
    const views = toProviderViews(settings, { a: 'sk-first-aaaa1111\nsk-second-bbbb2222', b: 'short' });

    expect(views[0]).toMatchObject({ hasKey: true, keyHints: ['1111', '2222'], keyHint: '1111' });
    expect(views[1]).toMatchObject({ hasKey: true, keyHints: [''] });
    expect(JSON.stringify(views)).not.toContain('sk-first');
  });

  it('should give an empty key to a provider without one', () => {
    const chain = buildChain(settings, { a: keys.a ?? '' });

    expect(chain[1]?.apiKey).toBe('');
  });
});

describe('key pools and changes', () => {
  it('should split a key pool written one per line or with commas', () => {
    expect(splitKeyPool(' k1\nk2, k3 ,,')).toEqual(['k1', 'k2', 'k3']);
  });

  it('should give a pooled provider all its keys and use the first one', () => {
    const chain = buildChain(settings, { a: 'k1\nk2' });

    expect(chain[0]).toMatchObject({ apiKey: 'k1', apiKeys: ['k1', 'k2'] });
  });

  it('should carry the context window and timeouts into the chain', () => {
    const withLimits: Settings = { ...settings, providers: [{ ...settings.providers[0]!, contextWindow: 200_000, timeouts: { firstTokenMs: 60_000 } }] };

    expect(buildChain(withLimits, keys)[0]).toMatchObject({ contextWindow: 200_000, timeouts: { firstTokenMs: 60_000 } });
  });

  it('should name the providers whose configuration or key changed', () => {
    const after = [{ ...settings.providers[0]!, model: 'claude-other' }, settings.providers[1]!];

    expect(changedProviderIds(settings, keys, after, keys)).toEqual(['a']);
    expect(changedProviderIds(settings, keys, settings.providers, { ...keys, b: 'sk-new' })).toEqual(['b']);
    expect(changedProviderIds(settings, keys, [settings.providers[0]!], keys)).toEqual(['b']);
  });

  it('should report a context window or timeout that makes no sense', () => {
    const problems = validateDrafts([{ kind: 'anthropic', name: 'C', baseURL: 'https://api.anthropic.com', model: 'm', contextWindow: -1, timeouts: { stallMs: 10 } }]);

    expect(problems.map((problem) => problem.field)).toEqual(['contextWindow', 'timeouts']);
  });
});
