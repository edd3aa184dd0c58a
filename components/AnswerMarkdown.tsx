// An answer as safe Markdown, with the Markdown renderer loaded on its own: the chat surfaces paint and take input before
// it is needed. Until it has loaded (a moment, and usually before any answer), the answer shows as plain text.
import { lazy, Suspense } from 'react';

const loadMarkdown = () => import('./SafeMarkdown').then((module) => ({ default: module.SafeMarkdown }));
const SafeMarkdown = lazy(loadMarkdown);

/** Starts loading the renderer now (called once the surface has painted), so the first answer need not wait for it. */
export function preloadAnswerMarkdown(): void {
  void loadMarkdown();
}

export function AnswerMarkdown({ text }: { text: string }) {
  return (
    <Suspense
      fallback={
        <div className="ll-answer-plain" data-markdown-pending="">
          {text}
        </div>
      }
    >
      <SafeMarkdown text={text} />
    </Suspense>
  );
}
