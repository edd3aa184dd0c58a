import { describe, expect, it } from 'vitest';
import { providerLabels } from '@/entrypoints/background/job-handlers';

describe('providerLabels', () => {
  it('should list the enabled providers in order with name and model only, never keys', () => {
    const providers = [
      { id: 'a', name: 'A', model: 'a-1', enabled: true, kind: 'openai-compatible', baseURL: 'https://a.example', preset: 'custom', apiKey: 'sk-secret' },
      { id: 'b', name: 'B', model: 'b-1', enabled: false, kind: 'openai-compatible', baseURL: 'https://b.example', preset: 'custom' },
      { id: 'c', name: 'C', model: 'c-1', enabled: true, kind: 'anthropic', baseURL: 'https://c.example', preset: 'custom' },
    ];

    const labels = providerLabels({ providers } as unknown as Parameters<typeof providerLabels>[0]);

    expect(labels).toEqual([
      { id: 'a', name: 'A', model: 'a-1' },
      { id: 'c', name: 'C', model: 'c-1' },
    ]);
    expect(JSON.stringify(labels)).not.toContain('sk-secret');
  });
});
