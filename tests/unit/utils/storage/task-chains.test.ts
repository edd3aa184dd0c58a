import { describe, expect, it } from 'vitest';
import { chainForTask, cleanTaskChains } from '@/utils/storage/task-chains';
import { entry } from '../llm/fake-adapter';

describe('task chains', () => {
  const chain = [entry('big'), entry('cheap'), entry('local')];

  it('should use every provider for a task without a choice', () => {
    expect(chainForTask(chain, { rewrite: ['cheap'] }, 'summarize').map((e) => e.id)).toEqual(['big', 'cheap', 'local']);
  });

  it('should keep only the chosen providers, in the main order', () => {
    expect(chainForTask(chain, { rewrite: ['local', 'cheap'] }, 'rewrite').map((e) => e.id)).toEqual(['cheap', 'local']);
  });

  it('should forget removed providers and empty choices', () => {
    expect(cleanTaskChains({ rewrite: ['gone'], summarize: ['big', 'gone'], chat: [] }, ['big', 'cheap'])).toEqual({ summarize: ['big'] });
  });
});
