// Model output shaped to freeze a Markdown renderer (issue 12, point 11), for the end-to-end test and the bench. Each
// output is asked for by name ("hostile:<name>" in the question); `answerHostile` answers a chat request with it.

export const END_OF_ANSWER = 'END-OF-ANSWER';

/** About 750 kB of ordinary Markdown: headings, emphasis, links, code and nested lists, over and over. */
function longMarkdown(): string {
  const part = (index: number): string =>
    `## Part ${index}\n\nSome **bold** text with a [link](https://example.com/${index}) and \`code\`.\n\n- one\n- two\n  - nested\n\n`;
  let text = '';
  for (let index = 0; text.length < 750_000; index += 1) text += part(index);
  return text;
}

export const HOSTILE_OUTPUTS = {
  /** 5,000 nested list levels on one line. */
  'nested-lists': `${'- '.repeat(5_000)}deepest ${END_OF_ANSWER}`,
  /** 300 list items, each indented one level deeper than the last (90 kB). */
  'deep-indentation': `${Array.from({ length: 300 }, (_, level) => `${'  '.repeat(level)}- level ${level}`).join('\n')}\n\n${END_OF_ANSWER}`,
  /** 50,000 "](" pairs (100 kB). */
  'link-brackets': `${END_OF_ANSWER} ${']('.repeat(50_000)}`,
  /** A 750 kB answer. */
  'long-answer': longMarkdown(),
} as const;

export type HostileOutputName = keyof typeof HOSTILE_OUTPUTS;

/** The answer to a chat request's last question (earlier questions come along as the conversation's history). */
export function answerHostile(body: unknown): string {
  const messages = (body as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  const asked = JSON.stringify(messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');
  return Object.entries(HOSTILE_OUTPUTS).find(([name]) => asked.includes(`hostile:${name}`))?.[1] ?? 'Nothing hostile was asked for.';
}

/** How many "## Part" headings of the long answer start within the first `chars` characters (what is rendered of it). */
export const longAnswerPartsWithin = (chars: number): number => HOSTILE_OUTPUTS['long-answer'].slice(0, chars).match(/## Part \d+/g)?.length ?? 0;
