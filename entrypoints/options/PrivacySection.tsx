// Privacy settings: what leaves the browser, and the sites whose pages are never sent to any provider.
import { useEffect, useState, type FormEvent } from 'react';
import { sendMessage, type PrivacySettings } from '@/utils/messaging/protocol';
import { toSiteHost } from '@/utils/privacy/never-send';
import { SectionStatus } from './SectionStatus';
import './privacy-section.css';

export function PrivacySection() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [policy, setPolicy] = useState<Pick<PrivacySettings, 'managedSites' | 'locked'>>({});
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    sendMessage('getPrivacy').then(
      (privacy) => {
        setSites(privacy.neverSendSites);
        setPolicy({ managedSites: privacy.managedSites ?? [], locked: privacy.locked === true });
      },
      () => setProblem('The never-send list is unavailable right now. Reload the page to try again.'),
    );
  }, []);

  const save = async (next: string[], done: string): Promise<void> => {
    try {
      const saved = await sendMessage('savePrivacy', { neverSendSites: next });
      setSites(saved.neverSendSites);
      setPolicy({ managedSites: saved.managedSites ?? [], locked: saved.locked === true });
      setProblem('');
      setMessage(done);
    } catch {
      setProblem('Lifeline could not save the never-send list. Nothing was changed; try again.');
    }
  };

  const add = (event: FormEvent): void => {
    event.preventDefault();
    const host = toSiteHost(draft);
    if (!host) {
      setProblem('Enter a site such as example.com.');
      return;
    }
    setDraft('');
    void save([...(sites ?? []), host], `Saved. Pages of ${host} will never be sent.`);
  };

  return (
    <section aria-labelledby="privacy-heading" className="settings-section">
      <h2 id="privacy-heading">Privacy</h2>
      <p className="intro">
        Lifeline sends a page's title, address and text only to the providers in your list, only when you ask for a summary
        or a rewrite, and asks you first before a provider receives page text for the first time. Nothing is sent to
        Lifeline's makers. Answers from incognito windows are never stored.
      </p>
      <h3 className="subheading">Never send these sites</h3>
      {sites === null && !problem && <p className="intro">Loading…</p>}
      {policy.managedSites && policy.managedSites.length > 0 && (
        <p className="intro">Set by your organization: {policy.managedSites.join(', ')}.</p>
      )}
      {policy.locked && <p className="intro">Your organization manages this list.</p>}
      {sites !== null && sites.length === 0 && <p className="intro">No sites yet.</p>}
      {sites !== null && sites.length > 0 && (
        <ul className="site-list" aria-label="Sites never sent to a provider">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button
                type="button"
                className="ll-button"
                aria-label={`Allow ${site} again`}
                disabled={policy.locked}
                onClick={() => void save(sites.filter((other) => other !== site), `Saved. ${site} can be sent again.`)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="site-form" onSubmit={add}>
        <label htmlFor="never-send-site">Site (for example mail.example.com)</label>
        <input
          id="never-send-site"
          type="text"
          value={draft}
          disabled={policy.locked}
          onChange={(event) => setDraft(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="ll-button" disabled={policy.locked}>
          Add site
        </button>
      </form>
      <SectionStatus status={message} problem={problem} />
    </section>
  );
}
