// One running task in the panel: the answer (Markdown for summaries, plain text for rewrites), its status and actions.
import { useCallback, useState } from 'react';
import { AnswerStatus } from '@/components/AnswerStatus';
import { SafeMarkdown } from '@/components/SafeMarkdown';
import type { PanelTask } from '@/utils/jobs/task';
import type { CapturedSelection } from '@/utils/page/selection';
import { rewriteForInsertion } from '@/utils/prompts/rewrite-selection';
import { buildPanelTask, chatActionFor, selectedText } from './panel-task';
import { sendMessage } from '@/utils/messaging/protocol';
import { LongPageConfirm } from '@/components/LongPageConfirm';
import { ReplaceActions } from './ReplaceActions';
import { usePanelJob } from './use-panel-job';
import { RetryMenu } from '@/components/RetryMenu';
import { SummaryStyleSwitch } from './SummaryStyleSwitch';
import { DEFAULT_SUMMARY_STYLE, type SummaryStyle } from '@/utils/prompts/summary-style';

interface PanelJobProps {
  task: PanelTask;
  selection: CapturedSelection;
  instruction?: string;
  onClose: () => void;
}

export function PanelJob({ task, selection, instruction, onClose }: PanelJobProps) {
  const build = useCallback(() => buildPanelTask(task, selection, instruction), [task, selection, instruction]);
  const { state, retry, stop, consent, confirmLong, openSettings, rerun } = usePanelJob(build);
  const [summaryStyle, setSummaryStyle] = useState<SummaryStyle>(DEFAULT_SUMMARY_STYLE);
  const [copied, setCopied] = useState(false);
  const job = state.phase === 'job' ? state.job : undefined;
  const running = state.phase === 'reading' || job?.status === 'running';
  const needsConsent = job?.status === 'needs-consent';
  const needsConfirm = job?.status === 'needs-confirm';
  const rewriting = task.kind === 'rewrite-selection';
  // These are fixed in settings (keys, providers, the never-send list), never in the page: a page can read its panel.
  const settingsFix = job?.status === 'error' && ['locked', 'no-provider', 'site-blocked', 'not-permitted'].includes(job.error?.kind ?? '');
  const original = selectedText(task, selection);
  const answer = job && rewriting ? rewriteForInsertion(original, job.text) : (job?.text ?? '');
  // Only a complete answer may replace the user's text: not while streaming, not after an error, a cut or a filter.
  const complete = job?.status === 'done' && job.finishReason !== 'length' && job.finishReason !== 'content-filter' && answer.trim() !== '';

  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(rewriting ? answer.trim() : answer).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <>
      <div className="ll-panel-body" aria-busy={running}>
        {task.kind !== 'rewrite-selection' && (
          <SummaryStyleSwitch
            value={summaryStyle}
            onChange={(style) => {
              setSummaryStyle(style);
              rerun({ summaryStyle: style });
            }}
          />
        )}
        {state.phase === 'reading' && <p className="ll-status ll-status-info">{task.kind === 'summarize-page' ? 'Reading the page…' : 'Reading the selection…'}</p>}
        {state.phase === 'problem' && <p className="ll-status ll-status-error">{state.message}</p>}
        {job && job.text && (
          <div className={rewriting ? 'll-answer ll-answer-plain' : 'll-answer'} data-testid="answer">
            {rewriting ? job.text.trim() : <SafeMarkdown text={job.text} />}
          </div>
        )}
        {job && (
          <div role="status" aria-live="polite">
            <AnswerStatus job={job} />
          </div>
        )}
      </div>
      <footer className="ll-panel-actions">
        {running && (
          <button type="button" className="ll-button" onClick={stop} disabled={!job}>
            Stop
          </button>
        )}
        {needsConfirm && job && <LongPageConfirm job={job} onConfirm={confirmLong} onCancel={onClose} />}
        {needsConsent && job.consentFor && (
          <>
            <button type="button" className="ll-button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="ll-button primary" onClick={() => consent(job.consentFor!.map((entry) => entry.id))}>
              Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
            </button>
          </>
        )}
        {settingsFix && (
          <button type="button" className="ll-button" onClick={openSettings}>
            Open Lifeline settings
          </button>
        )}
        {job?.noProviderConfigured && (
          <button type="button" className="ll-button" onClick={openSettings}>
            Add a provider
          </button>
        )}
        {job?.status === 'done' && (
          <button type="button" className="ll-button" onClick={() => void sendMessage('askFollowUp', { jobId: job.id, action: chatActionFor(task, instruction) })}>
            Ask a follow-up
          </button>
        )}
        {job?.status === 'done' && (
          <button type="button" className="ll-button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {!running && !needsConsent && !needsConfirm && (
          <button type="button" className={rewriting && selection.kind !== 'none' && selection.kind !== 'read-only' ? 'll-button' : 'll-button primary'} onClick={retry}>
            Retry
          </button>
        )}
        {job && (job.status === 'done' || job.status === 'error' || job.status === 'interrupted') && (
          <RetryMenu onPick={(providerId) => rerun({ preferProviderId: providerId })} />
        )}
        {rewriting && selection.kind !== 'none' && selection.kind !== 'read-only' && (
          <ReplaceActions target={selection} original={original} answer={complete ? answer : undefined} />
        )}
      </footer>
    </>
  );
}
