// When a provider is slow: whether Lifeline races the next provider (hedged requests); an organization may lock the choice.
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText } from '@/utils/providers/provider-form';
import { SectionStatus } from './SectionStatus';

type Preference = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; hedging: boolean; locked: boolean };

export function HedgingSection() {
  const [preference, setPreference] = useState<Preference>({ phase: 'loading' });
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let current = true;
    sendMessage('getRouterPreferences').then(
      (loaded) => current && setPreference({ phase: 'ready', hedging: loaded.hedging, locked: loaded.locked === true }),
      () => current && setPreference({ phase: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, []);

  const change = (hedging: boolean): void => {
    if (saving || preference.phase !== 'ready') return;
    const { locked } = preference;
    setPreference({ phase: 'ready', hedging, locked });
    setSaving(true);
    setProblem('');
    setStatus('Saving…');
    sendMessage('saveRouterPreferences', { hedging })
      .then(
        (saved) => {
          setPreference({ phase: 'ready', hedging: saved.hedging, locked });
          setStatus(`Saved. Hedged requests are ${saved.hedging ? 'on' : 'off'}.`);
        },
        (cause: unknown) => {
          setPreference({ phase: 'ready', hedging: !hedging, locked });
          setProblem(`Lifeline could not save this setting: ${errorText(cause)} Nothing was changed; try again.`);
          setStatus('');
        },
      )
      .finally(() => setSaving(false));
  };

  return (
    <section aria-labelledby="speed-heading" className="settings-section">
      <h2 id="speed-heading">When a provider is slow</h2>
      {preference.phase === 'ready' ? (
        <div className="checkbox-field">
          <input
            id="hedging"
            type="checkbox"
            checked={preference.hedging}
            disabled={preference.locked}
            aria-describedby="hedging-help"
            onChange={(event) => change(event.target.checked)}
          />
          <label htmlFor="hedging">Race the next provider when one is slow (hedged requests)</label>
          {preference.locked ? <span className="field-help"> Set by your organization.</span> : null}
        </div>
      ) : null}
      {preference.phase === 'failed' ? (
        <p className="health-unavailable">This setting is unavailable right now. Reload the page to try again.</p>
      ) : null}
      <p id="hedging-help" className="field-help checkbox-help">
        When the provider that should answer stays silent for longer than it usually takes (at least 2 s), Lifeline
        also asks the next provider, keeps whichever answers first and cancels the other. A silent provider then costs
        you about 3 s instead of 10–20 s; in those rare cases it uses one extra prompt. On by default.
      </p>
      <SectionStatus status={status} problem={problem} boxed />
    </section>
  );
}
