import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown, safeUrl } from '@/components/SafeMarkdown';

const render = (text: string): string => renderToStaticMarkup(<SafeMarkdown text={text} />);

describe('SafeMarkdown', () => {
  it('should render lists, tables and code', () => {
    const html = render('- one\n- two\n\n`code`\n\n```\nblock\n```');

    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>code</code>');
  });

  it('should render tables and strikethrough', () => {
    const html = render('| Plan | Price |\n|---|---|\n| Pro | 20 |\n\n~~old~~');

    expect(html).toContain('<table>');
    expect(html).toContain('<td>Pro</td>');
    expect(html).toContain('<del>old</del>');
  });

  it('should not turn bare javascript: text into a link', () => {
    expect(render('see javascript:alert(1) and www.example.com')).not.toMatch(/href="javascript:/i);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '<script'],
    ['an event handler attribute', '<img src=x onerror="alert(1)">', 'onerror'],
    ['raw HTML', '<div style="position:fixed">overlay</div>', '<div'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', '<iframe'],
  ])('should not render %s', (_label, input, forbidden) => {
    expect(render(input)).not.toContain(forbidden);
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['data:', '[click](data:text/html,<script>alert(1)</script>)'],
    ['vbscript:', '[click](vbscript:msgbox)'],
  ])('should drop %s links', (_label, input) => {
    const html = render(input);

    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
  });

  it('should open safe links in a new tab without an opener', () => {
    expect(render('[site](https://example.com)')).toBe(
      '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a></p>',
    );
  });

  it('should not load remote images', () => {
    const html = render('![tracker](https://evil.example/pixel.png)');

    expect(html).not.toContain('<img');
    expect(html).toContain('[image: tracker');
  });

  it('should accept only http, https and mailto addresses', () => {
    expect(['https://a.b', 'http://a.b', 'mailto:x@y.z', 'javascript:x', 'JaVaScRiPt:x', '//evil', 'ftp://x'].map(safeUrl)).toEqual([
      'https://a.b',
      'http://a.b',
      'mailto:x@y.z',
      '',
      '',
      '',
      '',
    ]);
  });
});
