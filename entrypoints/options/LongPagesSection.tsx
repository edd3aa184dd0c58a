// When to ask before summarizing a long page: long pages are read in parts, which costs many tokens.
import { useEffect, useState, type FormEvent } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { SectionStatus } from './SectionStatus';
import './privacy-section.css';

export function LongPagesSection() {
  const [threshold, setThreshold] = useState('');
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    sendMessage('getRouterPreferences').then(
      (preferences) => setThreshold(String(preferences.confirmAboveTokens ?? '')),
      () => setProblem('This setting is unavailable right now. Reload the page to try again.'),
    );
  }, []);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const tokens = Number(threshold);
    if (!Number.isInteger(tokens) || tokens < 1_000) {
      setProblem('Enter a whole number of tokens, at least 1000.');
      return;
    }
    sendMessage('saveRouterPreferences', { confirmAboveTokens: tokens }).then(
      (saved) => {
        setThreshold(String(saved.confirmAboveTokens ?? tokens));
        setProblem('');
        setStatus(`Saved. Lifeline asks before summarizing pages above about ${tokens.toLocaleString()} tokens.`);
      },
      () => setProblem('Lifeline could not save this setting. Nothing was changed; try again.'),
    );
  };

  return (
    <section aria-labelledby="long-pages-heading" className="settings-section">
      <h2 id="long-pages-heading">Long pages</h2>
      <p className="intro">
        A page too long for one request is read in parts and the parts are combined, which uses more tokens. Lifeline asks
        first when a page is estimated above this size (about 4 characters make a token).
      </p>
      <form className="site-form" onSubmit={save}>
        <label htmlFor="confirm-above-tokens">Ask before summarizing pages longer than (tokens)</label>
        <input id="confirm-above-tokens" type="number" min={1000} step={1000} value={threshold} onChange={(event) => setThreshold(event.target.value)} />
        <button type="submit" className="ll-button">
          Save
        </button>
      </form>
      <SectionStatus status={status} problem={problem} />
    </section>
  );
}
