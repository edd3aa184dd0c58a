import { describe, expect, it } from 'vitest';
import { clampToViewport, toPanelPosition } from '@/utils/panel/panel-geometry';
import { providerLabels } from '@/entrypoints/background/panel-handlers';
import { withRunChoices } from '@/entrypoints/panel.content/panel-choices';

describe('panel position', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 400, height: 300 };

  it('should keep the whole panel inside the viewport', () => {
    expect(clampToViewport({ left: 900, top: 700 }, size, viewport)).toEqual({ left: 600, top: 500 });
    expect(clampToViewport({ left: -50, top: -10 }, size, viewport)).toEqual({ left: 0, top: 0 });
    expect(clampToViewport({ left: 120, top: 40 }, size, viewport)).toEqual({ left: 120, top: 40 });
  });

  it('should pin a panel larger than the viewport to its top-left corner', () => {
    expect(clampToViewport({ left: 50, top: 50 }, { width: 1200, height: 900 }, viewport)).toEqual({ left: 0, top: 0 });
  });

  it('should accept only finite coordinates, rounded and in range', () => {
    expect(toPanelPosition({ left: 10.6, top: 20.2 })).toEqual({ left: 11, top: 20 });
    expect(toPanelPosition({ left: -5, top: 1e9 })).toEqual({ left: 0, top: 100_000 });
    expect(toPanelPosition({ left: Number.NaN, top: 1 })).toBeUndefined();
    expect(toPanelPosition({ left: '1', top: 1 })).toBeUndefined();
    expect(toPanelPosition(null)).toBeUndefined();
  });
});

describe('providerLabels', () => {
  it('should list the enabled providers in order with name and model only, never keys', () => {
    const providers = [
      { id: 'a', name: 'A', model: 'a-1', enabled: true, kind: 'openai-compatible', baseURL: 'https://a.example', preset: 'custom', apiKey: 'sk-secret' },
      { id: 'b', name: 'B', model: 'b-1', enabled: false, kind: 'openai-compatible', baseURL: 'https://b.example', preset: 'custom' },
      { id: 'c', name: 'C', model: 'c-1', enabled: true, kind: 'anthropic', baseURL: 'https://c.example', preset: 'custom' },
    ];
    const labels = providerLabels({ providers } as unknown as Parameters<typeof providerLabels>[0]);

    expect(labels).toEqual([{ id: 'a', name: 'A', model: 'a-1' }, { id: 'c', name: 'C', model: 'c-1' }]);
    expect(JSON.stringify(labels)).not.toContain('sk-secret');
  });
});

describe('withRunChoices', () => {
  const page = { url: 'https://x.example', title: 'X' };

  it('should add the summary style and the preferred provider to a summary', () => {
    expect(withRunChoices({ task: { kind: 'summarize-selection', page, selection: 's' } }, { summaryStyle: 'tldr', preferProviderId: 'b' })).toEqual({
      task: { kind: 'summarize-selection', page, selection: 's', summaryStyle: 'tldr', preferProviderId: 'b' },
    });
  });

  it('should give a rewrite only the preferred provider and leave problems alone', () => {
    expect(withRunChoices({ task: { kind: 'rewrite-selection', page, selection: 's', style: 'fix' } }, { summaryStyle: 'tldr', preferProviderId: 'b' })).toEqual({
      task: { kind: 'rewrite-selection', page, selection: 's', style: 'fix', preferProviderId: 'b' },
    });
    expect(withRunChoices({ problem: 'No text.' }, { summaryStyle: 'tldr' })).toEqual({ problem: 'No text.' });
  });
});
