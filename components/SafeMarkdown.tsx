// Renders untrusted model output as Markdown (GitHub tables and lists): no raw HTML, no remote images, only http(s) and mailto links.
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url, 'https://invalid.invalid/');
    return SAFE_PROTOCOLS.has(parsed.protocol) && !url.startsWith('/') && !url.startsWith('.') ? url : '';
  } catch {
    return '';
  }
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Images would load from the network when shown: show the description and the address instead.
  img: ({ alt, src }) => <span className="ll-image-placeholder">[image: {alt || 'untitled'}{typeof src === 'string' && src ? ` (${src})` : ''}]</span>,
};

const remarkPlugins = [remarkGfm];

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <Markdown skipHtml remarkPlugins={remarkPlugins} urlTransform={safeUrl} components={components}>
      {text}
    </Markdown>
  );
}

/**
 * Samples of every construct answers use, parsed one per idle moment after the renderer loads: the parser's code is
 * compiled then, not in the first frame of the first answer (where it would cost a long task on a slow machine).
 */
export const WARM_UP_SAMPLES = [
  'A paragraph with **bold**, _emphasis_, `code` and a [link](https://example.com).',
  '# Heading\n\n## Section\n\n- one\n- two\n  - nested\n\n1. first\n2. second',
  '> A quote\n\n```js\nconst code = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~struck~~ https://example.com - [ ] task',
];

/** Parses a sample as an answer would be parsed, without rendering it. */
export function warmUpMarkdown(sample: string): void {
  Markdown({ children: sample, skipHtml: true, remarkPlugins, urlTransform: safeUrl, components });
}
