// On-device AI: what the browser's built-in models offer here, and the button that downloads them (it needs this click).
import { useCallback, useEffect, useRef, useState } from 'react';
import { builtInAiOfThisContext } from '@/utils/on-device/built-in-ai';
import {
  ENABLE_BUTTON_LABEL,
  enableOnDevice,
  needsDownload,
  onDeviceStatus,
  type OnDeviceApi,
  type OnDeviceAvailability,
  type OnDeviceStatus,
} from '@/utils/on-device/on-device-status';
import { SectionStatus } from './SectionStatus';
import './on-device-section.css';

const ROWS: readonly { api: OnDeviceApi; name: string; use: string }[] = [
  { api: 'summarizer', name: 'Summarizer', use: 'summaries' },
  { api: 'languageModel', name: 'Prompt', use: 'questions about a page, rewrites, and summaries without the Summarizer' },
  { api: 'rewriter', name: 'Rewriter', use: 'shorter, longer, more formal or more casual rewrites' },
];

const STATE_WORDS: Record<OnDeviceAvailability, string> = {
  available: 'Ready',
  downloadable: 'Needs a one-time download',
  downloading: 'Downloading',
  unavailable: 'Not available on this device or browser',
  missing: 'Not available in this browser',
};

const NOTHING: OnDeviceStatus = { summarizer: 'missing', languageModel: 'missing', rewriter: 'missing' };

export function OnDeviceSection() {
  const [status, setStatus] = useState<OnDeviceStatus | null>(null);
  /** Share downloaded while a download runs, else null. */
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const download = useRef<AbortController | null>(null);

  const refresh = useCallback(async (): Promise<void> => {
    const next = await onDeviceStatus(builtInAiOfThisContext()).catch(() => NOTHING);
    setStatus(next);
  }, []);

  useEffect(() => {
    void refresh();
    return () => download.current?.abort();
  }, [refresh]);

  // Runs inside the click: the browser starts a model download only with the user's gesture.
  const enable = (): void => {
    if (download.current) return;
    const controller = new AbortController();
    download.current = controller;
    const pending = enableOnDevice(builtInAiOfThisContext(), (fraction) => setProgress(fraction), controller.signal);
    setProgress(0);
    setMessage('');
    setProblem('');
    void pending
      .catch(() => ({ ok: false as const, message: 'The download did not finish. Try again later.' }))
      .then(async (result) => {
        if (download.current !== controller) return;
        download.current = null;
        await refresh();
        setProgress(null);
        if (result.ok) setMessage('On-device AI is ready. Nothing leaves your computer when it answers.');
        else setProblem(result.message);
      });
  };

  const downloading = progress !== null;
  const percent = Math.floor((progress ?? 0) * 100);
  const canEnable = status !== null && Object.values(status).some(needsDownload);
  const nothingHere = status !== null && Object.values(status).every((state) => state === 'missing' || state === 'unavailable');

  return (
    <section aria-labelledby="on-device-heading" className="settings-section">
      <h2 id="on-device-heading">On-device AI</h2>
      <p className="intro">
        Your browser may have its own AI model that runs on this computer. Used after your providers, when none of them
        answers, and when no provider is set up. Nothing leaves your computer.
      </p>
      {status === null ? (
        <p className="intro">Checking what this browser offers…</p>
      ) : (
        <ul className="on-device-list" aria-label="What this browser offers">
          {ROWS.map((row) => (
            <li key={row.api}>
              <span>
                <span className="on-device-name">{row.name}</span> <span className="on-device-use">({row.use})</span>
              </span>
              <span className="on-device-state" data-state={status[row.api]}>
                {STATE_WORDS[status[row.api]]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {nothingHere && (
        <p className="intro">
          This browser offers no on-device AI here (it needs a recent Chrome on a computer with enough memory and disk space).
          Lifeline works without it.
        </p>
      )}
      {canEnable && !downloading && (
        <>
          <p className="intro">
            The browser downloads its model once (a few gigabytes, on an unmetered connection; it needs about 22 GB of free
            disk space).
          </p>
          <button type="button" className="ll-button primary" onClick={enable}>
            {ENABLE_BUTTON_LABEL}
          </button>
        </>
      )}
      {downloading && (
        <div className="on-device-progress">
          <progress aria-label="Downloading on-device AI" max={1} value={progress} aria-valuetext={`${percent} %`} />
          <span aria-hidden="true">{percent} %</span>
        </div>
      )}
      {/* Announced in steps of 10 %, not at every progress event. */}
      <SectionStatus status={downloading ? `Downloading on-device AI: ${Math.floor(percent / 10) * 10} %` : message} problem={problem} />
    </section>
  );
}
