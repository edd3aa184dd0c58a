// How long and in what shape a summary should be: "TL;DR", "Key points" (the default) or "Detailed".
export const SUMMARY_STYLES = ['tldr', 'key-points', 'detailed'] as const;

export type SummaryStyle = (typeof SUMMARY_STYLES)[number];

export const DEFAULT_SUMMARY_STYLE: SummaryStyle = 'key-points';

export const SUMMARY_STYLE_LABELS: Record<SummaryStyle, string> = {
  tldr: 'TL;DR',
  'key-points': 'Key points',
  detailed: 'Detailed',
};

export function isSummaryStyle(value: unknown): value is SummaryStyle {
  return typeof value === 'string' && (SUMMARY_STYLES as readonly string[]).includes(value);
}

/** The style to use: anything unknown (an old or tampered message) falls back to the default. */
export function summaryStyleOrDefault(value: unknown): SummaryStyle {
  return isSummaryStyle(value) ? value : DEFAULT_SUMMARY_STYLE;
}

export interface SummaryStyleInstructions {
  /** The answer's shape, for the system prompt. */
  format: string;
  /** The closing request after the delimited text. */
  ask: string;
  maxOutputTokens: number;
}

/** `subject` names what is summarized: "page" or "selected text"; `keyPoints` bounds the bullet list of the default style. */
export function summaryStyleInstructions(style: SummaryStyle, subject: 'page' | 'selected text', keyPoints: string): SummaryStyleInstructions {
  const the = `the ${subject}`;
  switch (style) {
    case 'tldr':
      return {
        format: `Style: TL;DR. Answer in Markdown with exactly one line that starts with "**TL;DR:**" followed by one or two plain sentences with the gist of ${the}. No bullet points, no headings, nothing else.`,
        ask: `Give a TL;DR of ${the}.`,
        maxOutputTokens: 256,
      };
    case 'key-points':
      return {
        format: `Style: key points. Answer in Markdown: one short sentence with the gist, then ${keyPoints} bullet points with the key facts.`,
        ask: `Summarize ${the}.`,
        maxOutputTokens: 1024,
      };
    case 'detailed':
      return {
        format:
          `Style: detailed. Answer in Markdown: a short paragraph with the gist, then one section per main part of ${the}, in its order, ` +
          'each with a short "###" heading and the important facts, figures, names, arguments and conclusions as paragraphs or bullets. ' +
          'Be thorough but never invent anything that is not in the text.',
        ask: `Write a detailed summary of ${the}.`,
        maxOutputTokens: 2048,
      };
  }
}
