// Unit tests: a rewrite shows its changes word by word; past the size a diff can take in a frame it shows as it is.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RewriteDiff } from '@/components/chat/RewriteDiff';

describe('RewriteDiff', () => {
  it('should strike the removed words and mark the new ones', () => {
    const html = renderToStaticMarkup(<RewriteDiff before="the quick fox" after="the slow fox" />);

    expect(html).toContain('<del>quick</del>');
    expect(html).toContain('<ins>slow</ins>');
  });

  it('should show a huge rewrite as it is, without a diff', () => {
    const after = 'word '.repeat(10_000);
    const html = renderToStaticMarkup(<RewriteDiff before={'other '.repeat(10_000)} after={after} />);

    expect(html).not.toContain('<del>');
    expect(html).not.toContain('<ins>');
    expect(html).toContain(after.slice(0, 1_000));
  });
});
