// An answer as safe Markdown that untrusted output cannot freeze: the answer is cut into small blocks (utils/rendering),
// blocks are revealed a frame's worth at a time, and unchanged blocks are never parsed again while the answer streams.
// The Markdown renderer (react-markdown) loads on its own after the surface has painted; until then blocks show as
// plain text.
import { memo, startTransition, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { planAnswerBlocks, RENDER_LIMITS, shownPart, type AnswerBlock, type BlockFormat } from '@/utils/rendering/answer-blocks';
import { blocksWithinFrame, FIRST_FRAME_CHARS, nextFrameBudget } from '@/utils/rendering/frame-budget';

type MarkdownRenderer = typeof import('./SafeMarkdown').SafeMarkdown;

// The renderer, once loaded. Blocks show as plain text until then; no Suspense boundary, so an answer already on screen
// is never swapped for a fallback while the renderer loads.
let renderer: MarkdownRenderer | undefined;
let loading: Promise<void> | undefined;
const rendererListeners = new Set<() => void>();

/** One sample per idle moment (or per tenth of a second where the browser has no idle callbacks). */
function warmUp(samples: readonly string[], parse: (sample: string) => void): void {
  const [next, ...rest] = samples;
  if (next === undefined) return;
  const later = (work: () => void): void => void ('requestIdleCallback' in globalThis ? requestIdleCallback(work, { timeout: 1_000 }) : setTimeout(work, 100));
  later(() => {
    try {
      parse(next);
    } catch {
      // A warm-up only; the answer's own parse reports nothing either.
    }
    warmUp(rest, parse);
  });
}

function PlainText({ text }: { text: string }) {
  return <p className="ll-answer-plain">{text}</p>;
}

function loadRenderer(): Promise<void> {
  loading ??= import('./SafeMarkdown').then(
    (module) => {
      renderer = module.SafeMarkdown;
      for (const listener of rendererListeners) listener();
      warmUp(module.WARM_UP_SAMPLES, module.warmUpMarkdown);
    },
    () => {
      // The renderer could not load (the extension was updated underneath this page): answers show as plain text.
      renderer = PlainText;
      for (const listener of rendererListeners) listener();
    },
  );
  return loading;
}

const subscribeToRenderer = (listener: () => void): (() => void) => {
  rendererListeners.add(listener);
  return () => rendererListeners.delete(listener);
};

function useMarkdownRenderer(): MarkdownRenderer | undefined {
  const current = useSyncExternalStore(subscribeToRenderer, () => renderer);
  useEffect(() => {
    if (!current) void loadRenderer();
  }, [current]);
  return current;
}

/** Starts loading the renderer now (called once the surface has painted), so the first answer need not wait for it. */
export function preloadAnswerMarkdown(): void {
  void loadRenderer();
}

/**
 * How many of the blocks are rendered: a first frame's worth at once, then more at each animation frame, as much as
 * the last frame showed the machine can render in a short task.
 */
function useRevealedBlocks(blocks: AnswerBlock[], rendererReady: boolean): number {
  const [revealed, setRevealed] = useState(() => blocksWithinFrame(blocks, 0));
  const budget = useRef(FIRST_FRAME_CHARS);
  const revealStartedAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (revealStartedAt.current !== undefined) {
      budget.current = nextFrameBudget(budget.current, performance.now() - revealStartedAt.current);
      revealStartedAt.current = undefined;
    }
    // Until the renderer is there, only the first frame's blocks show (as plain text): they are all it will parse at once.
    if (revealed >= blocks.length || !rendererReady) return;
    // A transition: React renders the new blocks in slices, yielding to input and painting between them.
    const frame = requestAnimationFrame(() => {
      revealStartedAt.current = performance.now();
      startTransition(() => setRevealed((current) => blocksWithinFrame(blocks, current, budget.current)));
    });
    return () => cancelAnimationFrame(frame);
  }, [revealed, blocks, rendererReady]);
  return Math.min(revealed, blocks.length);
}

const BlockView = memo(function BlockView({ text, format, language }: { text: string; format: BlockFormat; language: string | undefined }) {
  const Markdown = useMarkdownRenderer();
  if (format === 'markdown')
    return Markdown ? (
      <Markdown text={text} />
    ) : (
      <p className="ll-answer-plain" data-markdown-pending="">
        {text}
      </p>
    );
  if (format === 'code')
    return (
      <pre>
        <code className={language ? `language-${language}` : undefined}>{text}</code>
      </pre>
    );
  return <p className="ll-answer-plain">{text}</p>;
});

export function AnswerMarkdown({ text }: { text: string }) {
  // Planned again only when what is shown changes: once an answer passes the cap, its growth costs nothing here.
  const shownText = shownPart(text);
  const plan = useMemo(() => planAnswerBlocks(shownText), [shownText]);
  const revealed = useRevealedBlocks(plan.blocks, useMarkdownRenderer() !== undefined);
  return (
    <>
      {plan.blocks.slice(0, revealed).map((block, index) => (
        <BlockView key={index} text={block.text} format={block.format} language={block.language} />
      ))}
      {shownText.length < text.length && <AnswerCutNote totalChars={text.length} />}
    </>
  );
}

const kilobytes = (chars: number): string => `${Math.round(chars / 1000).toLocaleString()} kB`;

/** Said under an answer shown only in part: how much is shown, and that Copy still copies all of it. */
export function AnswerCutNote({ totalChars }: { totalChars: number }) {
  return (
    <p className="ll-chat-note ll-answer-cut" data-testid="answer-cut">
      A long answer ({kilobytes(totalChars)}): the first {kilobytes(RENDER_LIMITS.maxChars)} are shown. Copy copies all of it.
    </p>
  );
}

/** Text shown as it is (a rewrite): at most what answers show, with the same note when cut. */
export function PlainAnswer({ text }: { text: string }) {
  const shown = shownPart(text);
  return (
    <>
      {shown}
      {shown.length < text.length && <AnswerCutNote totalChars={text.length} />}
    </>
  );
}
