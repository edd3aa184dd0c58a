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

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <Markdown skipHtml remarkPlugins={[remarkGfm]} urlTransform={safeUrl} components={components}>
      {text}
    </Markdown>
  );
}
