// What the user chose in the panel for the next run: the summary style and a provider to try first ("Retry with…").
import type { SummaryStyle } from '@/utils/prompts/summary-style';
import type { TaskOrProblem } from './panel-task';

export interface RunChoices {
  /** Summaries only; rewrites ignore it. */
  summaryStyle?: SummaryStyle;
  preferProviderId?: string;
}

/** The built task with the user's choices added; a problem stays a problem. */
export function withRunChoices(built: TaskOrProblem, choices: RunChoices): TaskOrProblem {
  if ('problem' in built) return built;
  const { task } = built;
  const prefer = choices.preferProviderId ? { preferProviderId: choices.preferProviderId } : {};
  if (task.kind === 'rewrite-selection') return { task: { ...task, ...prefer } };
  return { task: { ...task, ...prefer, ...(choices.summaryStyle ? { summaryStyle: choices.summaryStyle } : {}) } };
}
