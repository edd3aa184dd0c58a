// On-device summaries: the whole text in one request when it fits, else the shared map-reduce over parts that fit the quota.
import { mapReduceParts } from '../jobs/map-reduce-parts';
import type { PageContent } from '../jobs/task';
import type { RouterStreamPart } from '../llm/types';
import { summaryStyleOrDefault } from '../prompts/summary-style';
import { fittingParts } from './fitting-parts';
import { failure, throwIfAborted } from './on-device-errors';
import { baseLanguage } from './on-device-languages';
import { textDeltas, type OnDeviceRun } from './on-device-sessions';
import { chooseSummaryEngine, type SummaryInput, type SummaryTask } from './summary-engines';

function summaryInput(task: SummaryTask): SummaryInput {
  const page: PageContent =
    task.kind === 'summarize-page'
      ? task.page
      : { url: task.page.url, title: task.page.title, ...(task.page.lang ? { lang: task.page.lang } : {}), text: task.selection, source: 'visible-text' };
  return {
    task,
    page,
    text: page.text,
    style: summaryStyleOrDefault(task.summaryStyle),
    // An unknown page language is summarized in English; a known one the model lacks is refused, never answered in another language.
    lang: baseLanguage(task.page.lang) ?? 'en',
  };
}

export async function* summarizeOnDevice(task: SummaryTask, run: OnDeviceRun): AsyncGenerator<RouterStreamPart> {
  const input = summaryInput(task);
  const { text } = input;
  const { signal } = run;
  if (!text.trim()) throw failure('bad-request', 'There is no text to summarize.');
  const engine = await chooseSummaryEngine(input, run);

  const measured = await engine.measureWhole(text);
  throwIfAborted(signal);
  if (measured <= engine.room) {
    yield* textDeltas(engine.whole(text));
    return;
  }

  // Longer than one request: notes on each part (never answer text), then one summary of the notes.
  yield* mapReduceParts(text, await fittingParts(text, measured, engine, signal), {
    async *readPart(plan, index) {
      throwIfAborted(signal);
      const notes = await engine.part(plan.chunks[index]!.text, index + 1, plan.chunks.length);
      throwIfAborted(signal);
      return { notes };
    },
    async *combine(notes, { fraction }) {
      if ((await engine.measureCombine(notes, fraction)) <= engine.room) {
        yield* textDeltas(engine.combine(notes, fraction));
        return;
      }
      // The notes together are too long to summarize again on this device: they are the answer, in page order.
      yield { type: 'text-delta', text: notes.map((note) => note.trim()).filter(Boolean).join('\n\n') };
    },
  });
}
