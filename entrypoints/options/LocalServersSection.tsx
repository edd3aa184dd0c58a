// Local AI on this computer: finds Ollama and LM Studio (the background sends a one-token chat, like Test) and adds a
// ready one as a provider in one click, after the others. A refused origin comes with the server setting that fixes it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import { sendMessage } from '@/utils/messaging/protocol';
import { draftForFinding, isAlreadyConfigured, type LocalServerFinding } from '@/utils/providers/detect-local-servers';
import { errorText } from '@/utils/providers/provider-form';
import { draftsFromViews } from '@/utils/storage/provider-drafts';
import type { ProviderView } from '@/utils/storage/provider-settings';
import './local-servers-section.css';

interface LocalServersSectionProps {
  /** The providers as the page shows them (from getProviders): a server already among them is not offered again. */
  providers: readonly ProviderView[];
  /** Another save is running: adding now could overwrite it. */
  busy: boolean;
  /** The saved list after an Add, so the page shows the new provider. */
  onSaved(providers: ProviderView[]): void;
}

type Search = { phase: 'looking' } | { phase: 'done'; findings: LocalServerFinding[] } | { phase: 'failed'; message: string };

export function LocalServersSection({ providers, busy, onSaved }: LocalServersSectionProps) {
  const [search, setSearch] = useState<Search>({ phase: 'looking' });
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const [focusAfterAdd, setFocusAfterAdd] = useState<string | null>(null);
  /** Counts searches: only the newest answer is shown (the section may search twice on mount in development). */
  const searchCount = useRef(0);

  const look = useCallback((): void => {
    const current = ++searchCount.current;
    setSearch({ phase: 'looking' });
    setFocusAfterAdd(null);
    setProblem('');
    setStatus('Looking for Ollama and LM Studio on this computer…');
    sendMessage('detectLocalServers').then(
      (findings) => {
        if (current !== searchCount.current) return;
        setSearch({ phase: 'done', findings });
        setStatus(summaryOf(findings));
      },
      (cause: unknown) => {
        if (current !== searchCount.current) return;
        setSearch({ phase: 'failed', message: `Lifeline could not look for local servers: ${errorText(cause)} Try again.` });
        setStatus('');
      },
    );
  }, []);

  useEffect(() => {
    look();
  }, [look]);

  useEffect(() => {
    if (!focusAfterAdd) return;
    // The Add button is gone once the page shows the new provider: its place in the list keeps the focus.
    const target = document.querySelector<HTMLElement>(`[data-local-server="${CSS.escape(focusAfterAdd)}"]`);
    if (!target) return;
    target.focus();
    setFocusAfterAdd(null);
  }, [focusAfterAdd, providers]);

  // Runs inside the click: a permission request (never needed for the presets' localhost) must come before any await.
  const add = (finding: LocalServerFinding): void => {
    if (adding !== null || busy) return;
    const draft = draftForFinding(finding);
    const label = `${finding.name} (${draft.model})`;
    const permission = isOriginCovered(finding.baseURL)
      ? Promise.resolve(true)
      : browser.permissions.request({ origins: [originPatternFor(finding.baseURL)] });
    const others = providers.length;
    setAdding(finding.presetId);
    setProblem('');
    setStatus(`Adding ${label}…`);
    void (async () => {
      try {
        if (!(await permission.catch(() => false))) {
          setProblem(`Lifeline needs permission to reach ${new URL(finding.baseURL).origin}; ${finding.name} was not added.`);
          setStatus('');
          return;
        }
        const result = await sendMessage('saveProviders', [...draftsFromViews(providers), draft]);
        if (!result.ok) {
          setProblem(`${finding.name} was not added: ${result.problems.map((item) => item.message).join(' ')}`);
          setStatus('');
          return;
        }
        onSaved(result.providers);
        setStatus(
          others > 0
            ? `Added ${label}. It answers after your other providers.`
            : `Added ${label}. It is your only provider, so it answers every request.`,
        );
        setFocusAfterAdd(finding.presetId);
      } catch (cause) {
        setProblem(`Lifeline could not add ${finding.name}: ${errorText(cause)} Nothing was changed; try again.`);
        setStatus('');
      } finally {
        setAdding(null);
      }
    })();
  };

  return (
    <section aria-labelledby="local-servers-heading" className="settings-section">
      <h2 id="local-servers-heading">Local AI on this computer</h2>
      <p className="intro">
        Ollama and LM Studio run models on this computer: pages you send to them never leave it, and they need no key.
        Lifeline checks each one with a one-word test chat.
      </p>
      {/* Never disabled while looking: a disabled button would drop the focus; a second click starts a fresh search. */}
      <button type="button" className="ll-button" aria-describedby="local-servers-status" onClick={look}>
        Look for local servers
      </button>
      <p id="local-servers-status" className="status local-servers-status" role="status">
        {status}
      </p>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {search.phase === 'failed' ? (
        <p className="form-error" role="alert">
          {search.message}
        </p>
      ) : null}
      {search.phase === 'done' ? (
        <ul className="local-servers" aria-label="Local servers">
          {search.findings.map((finding) => {
            const configured = isAlreadyConfigured(finding, providers);
            return (
              <li key={finding.presetId} className="local-server" data-status={finding.status}>
                <p className="local-server-name">
                  <strong>{finding.name}</strong> <span className="mono muted">{finding.baseURL}</span>
                </p>
                <p className="local-server-message">{finding.message}</p>
                {finding.status === 'ready' && finding.model && !configured ? (
                  <button
                    type="button"
                    className="ll-button primary"
                    disabled={adding !== null || busy}
                    onClick={() => add(finding)}
                  >
                    Add {finding.name} ({finding.model})
                  </button>
                ) : null}
                {finding.status === 'ready' && configured ? (
                  <p className="local-server-configured" tabIndex={-1} data-local-server={finding.presetId}>
                    Already in your providers.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

/** One sentence for the status line after a search. */
function summaryOf(findings: readonly LocalServerFinding[]): string {
  const ready = findings.filter((finding) => finding.status === 'ready').map((finding) => finding.name);
  const running = findings.filter((finding) => finding.status !== 'not-running').length;
  if (running === 0) return 'No local server answered on this computer.';
  if (ready.length === 0) return 'Found a local server, but it cannot answer Lifeline yet: see below.';
  return `Ready on this computer: ${ready.join(' and ')}.`;
}
