// Unit tests: answers are cut into blocks a parser can take in a frame; hostile shapes are shown as plain text or code
// instead of being parsed; nothing shown is lost or reordered, and only the rendering is capped (never the answer).
import { describe, expect, it } from 'vitest';
import { planAnswerBlocks, RENDER_LIMITS } from '@/utils/rendering/answer-blocks';

const joined = (text: string): string =>
  planAnswerBlocks(text)
    .blocks.map((block) => block.text)
    .join('');
/** The blocks before short ones are grouped: where the answer may be cut. */
const UNGROUPED = { ...RENDER_LIMITS, groupChars: 0 };

describe('planAnswerBlocks', () => {
  it('should keep an ordinary answer as Markdown blocks that add up to the whole text', () => {
    const answer = '## Summary\n\nThe page says **three** things:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const plan = planAnswerBlocks(answer, UNGROUPED);

    expect(plan.blocks.map((block) => block.format)).toEqual(['markdown', 'markdown', 'markdown', 'markdown']);
    expect(plan.blocks[0]!.text).toBe('## Summary\n\n');
    expect(joined(answer)).toBe(answer);
    expect(plan.cut).toBe(false);
    expect(plan.shownChars).toBe(answer.length);
  });

  it('should keep an indented continuation with its list item and a fence with its blank lines', () => {
    const listItem = '1. Step one\n\n   More about step one.\n';
    const fence = '```js\nconst a = 1;\n\nconst b = 2;\n```\n';
    const plan = planAnswerBlocks(`${listItem}\n${fence}`, UNGROUPED);

    expect(plan.blocks.map((block) => block.text)).toEqual([`${listItem}\n`, fence]);
  });

  it('should start a block at a fence opened at the left margin and after it closes', () => {
    const plan = planAnswerBlocks('Here is the code:\n```\nx\n```\nThat was it.', UNGROUPED);

    expect(plan.blocks.map((block) => block.text)).toEqual(['Here is the code:\n', '```\nx\n```\n', 'That was it.']);
  });

  it('should show 5,000 nested list levels on one line as plain text', () => {
    const answer = `${'- '.repeat(5_000)}deep`;
    const plan = planAnswerBlocks(answer);

    expect(plan.blocks.every((block) => block.format === 'plain')).toBe(true);
    expect(joined(answer)).toBe(answer);
  });

  it('should show lines nested ever deeper as plain text once they pass the depth limit', () => {
    const answer = Array.from({ length: 300 }, (_, level) => `${'  '.repeat(level)}- level ${level}`).join('\n');
    const plan = planAnswerBlocks(answer);

    expect(plan.blocks.every((block) => block.format === 'plain')).toBe(true);
    expect(joined(answer)).toBe(answer);
  });

  it('should parse a short list nested a few levels as Markdown', () => {
    const answer = ['- a', '  - b', '    - c', '      - d'].join('\n');

    expect(planAnswerBlocks(answer).blocks.map((block) => block.format)).toEqual(['markdown']);
  });

  it('should show 50,000 "](" pairs as plain text', () => {
    const plan = planAnswerBlocks(`[x${'](y'.repeat(50_000)}`);

    expect(plan.blocks.every((block) => block.format === 'plain')).toBe(true);
  });

  it('should show a paragraph full of links and emphasis as Markdown while it stays within the limits', () => {
    const answer = Array.from({ length: 40 }, (_, index) => `**[link ${index}](https://example.com/${index})**`).join(' ');

    expect(planAnswerBlocks(answer).blocks.map((block) => block.format)).toEqual(['markdown']);
  });

  it('should render only the first 100 kB of a 750 kB answer and say it was cut', () => {
    const paragraph = 'A sentence of an answer that goes on and on.\n\n';
    const answer = paragraph.repeat(Math.ceil(750_000 / paragraph.length));
    const plan = planAnswerBlocks(answer);

    expect(plan.cut).toBe(true);
    expect(plan.totalChars).toBe(answer.length);
    expect(plan.shownChars).toBe(RENDER_LIMITS.maxChars);
    expect(joined(answer)).toBe(answer.slice(0, RENDER_LIMITS.maxChars));
  });

  it('should cut a long list into shorter Markdown lists at its top-level items', () => {
    const answer = Array.from({ length: 400 }, (_, index) => `- item number ${index} with a few words after it`).join('\n');
    const plan = planAnswerBlocks(answer);

    expect(plan.blocks.length).toBeGreaterThan(1);
    expect(plan.blocks.every((block) => block.format === 'markdown' && block.text.length <= RENDER_LIMITS.maxBlockChars)).toBe(true);
    expect(joined(answer)).toBe(answer);
  });

  it('should show one long fenced block as code with its language and without its fences', () => {
    const body = Array.from({ length: 500 }, (_, index) => `print("line ${index}")`).join('\n');
    const plan = planAnswerBlocks(`\`\`\`python\n${body}\n\`\`\`\n`);

    expect(plan.blocks).toEqual([{ text: body, format: 'code', language: 'python' }]);
  });

  it('should show a long block that is neither list nor code as plain text in short pieces, all of it', () => {
    const answer = 'word '.repeat(3_000);
    const plan = planAnswerBlocks(answer);

    expect(plan.blocks.every((block) => block.format === 'plain' && block.text.length <= RENDER_LIMITS.maxBlockChars)).toBe(true);
    expect(joined(answer)).toBe(answer);
  });

  it('should parse short Markdown blocks in a row together, up to the group size, and keep earlier groups while it grows', () => {
    const part = (index: number): string => `## Part ${index}\n\nA short paragraph about part ${index}.\n\n`;
    const answer = Array.from({ length: 100 }, (_, index) => part(index)).join('');
    const plan = planAnswerBlocks(answer);
    const longer = planAnswerBlocks(`${answer}## Part 100\n\nMore.`);

    expect(plan.blocks.length).toBeLessThan(10);
    expect(plan.blocks.every((block) => block.format === 'markdown' && block.text.length <= RENDER_LIMITS.groupChars)).toBe(true);
    expect(joined(answer)).toBe(answer);
    expect(longer.blocks.slice(0, -1).map((block) => block.text)).toEqual(plan.blocks.slice(0, -1).map((block) => block.text));
  });

  it('should never group plain text with Markdown', () => {
    const plan = planAnswerBlocks(`Intro.\n\n${'- '.repeat(100)}deep\n\nOutro.`);

    expect(plan.blocks.map((block) => block.format)).toEqual(['markdown', 'plain', 'markdown']);
  });

  it('should plan an empty answer as one empty block', () => {
    expect(planAnswerBlocks('').blocks).toEqual([{ text: '', format: 'markdown' }]);
  });
});
