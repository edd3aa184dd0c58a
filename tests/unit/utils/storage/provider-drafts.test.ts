import { describe, expect, it } from 'vitest';
import {
  baseURLAfterKindChange,
  draftsFromViews,
  isProviderKind,
  keyStatusText,
  managedCount,
  managedFirst,
  moveItem,
  problemsForDraft,
  withDraftAt,
  withEnabledAt,
  withoutItemAt,
} from '../../../../utils/storage/provider-drafts';
import { DEFAULT_BASE_URLS, type ProviderDraft, type ProviderView } from '../../../../utils/storage/provider-settings';

const claude: ProviderView = {
  id: 'a',
  preset: 'anthropic',
  enabled: true,
  keyHints: ['abcd'],
  kind: 'anthropic',
  name: 'Claude',
  baseURL: 'https://api.anthropic.com',
  model: 'claude-sonnet-4-5',
  hasKey: true,
  keyHint: 'abcd',
};
const local: ProviderView = {
  id: 'b',
  preset: 'ollama',
  enabled: true,
  keyHints: [],
  kind: 'openai-compatible',
  name: 'Ollama',
  baseURL: 'http://127.0.0.1:11434/v1',
  model: 'llama3.2',
  hasKey: false,
};

describe('draftsFromViews', () => {
  it('should keep ids and order and carry no key or key hint', () => {
    const drafts = draftsFromViews([claude, local]);

    expect(drafts).toEqual([
      { id: 'a', preset: 'anthropic', enabled: true, kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5' },
      { id: 'b', preset: 'ollama', enabled: true, kind: 'openai-compatible', name: 'Ollama', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.2' },
    ]);
    expect(drafts.some((draft) => 'apiKey' in draft || 'keyHint' in draft || 'keyHints' in draft || 'hasKey' in draft)).toBe(false);
  });
});

describe('withDraftAt', () => {
  const drafts = draftsFromViews([claude, local]);
  const edited: ProviderDraft = { id: 'b', kind: 'openai-compatible', name: 'Ollama (laptop)', baseURL: DEFAULT_BASE_URLS['openai-compatible'], model: 'qwen3' };

  it('should replace the draft at the index', () => {
    const result = withDraftAt(drafts, 1, edited);

    expect(result).toEqual([drafts[0], edited]);
  });

  it('should append a new draft when the index is null', () => {
    const added: ProviderDraft = { kind: 'anthropic', name: 'Claude', baseURL: DEFAULT_BASE_URLS.anthropic, model: 'claude-haiku-4-5' };

    const result = withDraftAt(drafts, null, added);

    expect(result).toEqual([...drafts, added]);
  });

  it('should not change the input list', () => {
    withDraftAt(drafts, 0, edited);

    expect(drafts[0]?.name).toBe('Claude');
  });
});

describe('withoutItemAt', () => {
  it('should remove only the item at the index', () => {
    const result = withoutItemAt(['a', 'b', 'c'], 1);

    expect(result).toEqual(['a', 'c']);
  });
});

describe('moveItem', () => {
  it('should move an item up', () => {
    const result = moveItem(['a', 'b', 'c'], 2, -1);

    expect(result).toEqual(['a', 'c', 'b']);
  });

  it('should move an item down', () => {
    const result = moveItem(['a', 'b', 'c'], 0, 1);

    expect(result).toEqual(['b', 'a', 'c']);
  });

  it.each([
    [0, -1],
    [2, 1],
    [5, -1],
  ] as const)('should leave the order unchanged when moving index %i by %i leaves the list', (index, direction) => {
    const items = ['a', 'b', 'c'];

    const result = moveItem(items, index, direction);

    expect(result).toEqual(['a', 'b', 'c']);
    expect(result).not.toBe(items);
  });
});

describe('baseURLAfterKindChange', () => {
  it('should switch to the new default when the field still holds a default', () => {
    const result = baseURLAfterKindChange(DEFAULT_BASE_URLS.anthropic, 'openai-compatible', false);

    expect(result).toBe(DEFAULT_BASE_URLS['openai-compatible']);
  });

  it('should fill an empty field with the new default', () => {
    const result = baseURLAfterKindChange('', 'anthropic', false);

    expect(result).toBe(DEFAULT_BASE_URLS.anthropic);
  });

  it('should keep a URL the user typed', () => {
    const result = baseURLAfterKindChange('https://llm.example.com/v1', 'anthropic', true);

    expect(result).toBe('https://llm.example.com/v1');
  });

  it('should keep a URL the user typed even when it equals a default', () => {
    const result = baseURLAfterKindChange(DEFAULT_BASE_URLS.anthropic, 'openai-compatible', true);

    expect(result).toBe(DEFAULT_BASE_URLS.anthropic);
  });

  it('should keep a stored custom URL of the provider being edited', () => {
    const result = baseURLAfterKindChange('https://openrouter.ai/api/v1', 'anthropic', false);

    expect(result).toBe('https://openrouter.ai/api/v1');
  });
});

describe('keyStatusText', () => {
  it('should show the key hint when a key is saved', () => {
    const text = keyStatusText({ hasKey: true, keyHint: 'abcd' });

    expect(text).toBe('Key saved (…abcd)');
  });

  it('should say a key is saved when the key is too short for a hint', () => {
    const text = keyStatusText({ hasKey: true });

    expect(text).toBe('Key saved');
  });

  it('should say when there is no key', () => {
    const text = keyStatusText({ hasKey: false });

    expect(text).toBe('No key');
  });

  it('should count the keys of a pool and show the end of each', () => {
    const text = keyStatusText({ hasKey: true, keyHint: 'abcd', keyHints: ['abcd', 'wxyz', ''] });

    expect(text).toBe('3 keys saved (…abcd, …wxyz)');
  });
});

describe('withEnabledAt', () => {
  it('should switch only the provider at the index and keep the rest of its draft', () => {
    const drafts = draftsFromViews([claude, local]);

    const result = withEnabledAt(drafts, 1, false);

    expect(result).toEqual([drafts[0], { ...drafts[1], enabled: false }]);
    expect(drafts[1]?.enabled).toBe(true);
  });
});

describe('managedFirst', () => {
  it('should put managed providers first, keeping the order within each group', () => {
    const views = [{ id: 'a' }, { id: 'm1', managed: true }, { id: 'b' }, { id: 'm2', managed: true }];

    const result = managedFirst(views);

    expect(result.map((view) => view.id)).toEqual(['m1', 'm2', 'a', 'b']);
  });
});

describe('managedCount', () => {
  it.each([
    [[{ managed: true }, { managed: true }, {}], 2],
    [[{}, { managed: true }], 0],
    [[{ managed: true }], 1],
    [[], 0],
  ])('should count the managed providers at the top of %j', (views, expected) => {
    const count = managedCount(views);

    expect(count).toBe(expected);
  });
});

describe('problemsForDraft', () => {
  it('should keep only the problems of the given draft, the first per field', () => {
    const problems = [
      { index: 0, field: 'name', message: 'Give the provider a name.' },
      { index: 1, field: 'model', message: 'Enter a model name.' },
      { index: 1, field: 'model', message: 'second message' },
      { index: 1, field: 'baseURL', message: 'Enter a base URL.' },
    ] as const;

    const byField = problemsForDraft(problems, 1);

    expect(byField).toEqual({ model: 'Enter a model name.', baseURL: 'Enter a base URL.' });
  });
});

describe('isProviderKind', () => {
  it.each([
    ['anthropic', true],
    ['openai-compatible', true],
    ['gemini', false],
    ['toString', false],
  ])('should tell whether %s is a provider kind', (value, expected) => {
    const result = isProviderKind(value);

    expect(result).toBe(expected);
  });
});
