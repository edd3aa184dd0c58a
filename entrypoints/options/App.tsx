// Options page: the settings sections in page order, shown once the providers are loaded. Each section loads and saves its
// own settings through the background; keys never come back.
import { managedFirst } from '@/utils/storage/provider-drafts';
import { HedgingSection } from './HedgingSection';
import { HistorySection } from './HistorySection';
import { KeyLockSection } from './KeyLockSection';
import { LocalServersSection } from './LocalServersSection';
import { LongPagesSection } from './LongPagesSection';
import { OnDeviceSection } from './OnDeviceSection';
import { PrivacySection } from './PrivacySection';
import { ProvidersSection } from './ProvidersSection';
import { SettingsTransferSection } from './SettingsTransferSection';
import { TaskChainsSection } from './TaskChainsSection';
import { useProviderList } from './use-provider-list';

export function App() {
  const list = useProviderList();

  if (list.load.phase === 'loading') {
    return (
      <main className="page">
        <h1>Lifeline settings</h1>
        <p role="status">Loading providers…</p>
      </main>
    );
  }

  if (list.load.phase === 'failed') {
    return (
      <main className="page">
        <h1>Lifeline settings</h1>
        <div className="load-error" role="alert">
          <p>Lifeline could not load your providers: {list.load.message}</p>
          <p>Your settings are unchanged. Reload to try again.</p>
        </div>
        <button type="button" className="ll-button primary" onClick={list.reload}>
          Reload
        </button>
      </main>
    );
  }

  return (
    <main className="page">
      <h1>Lifeline settings</h1>
      {/* Locking the keys or importing a file changes what is stored under several sections: they read it again. */}
      <ProvidersSection key={`providers-${list.revision}`} list={list} />
      <LocalServersSection key={`local-${list.revision}`} providers={list.providers} busy={list.saving} onSaved={(saved) => list.setProviders(managedFirst(saved))} />
      <HedgingSection key={`hedging-${list.revision}`} />
      <TaskChainsSection key={`tasks-${list.revision}`} providers={list.providers} />
      <LongPagesSection key={`long-${list.revision}`} />
      <OnDeviceSection />
      <PrivacySection key={`privacy-${list.revision}`} />
      <HistorySection />
      <KeyLockSection onChanged={list.reload} />
      {/* Not read again: it keeps saying what the import did. */}
      <SettingsTransferSection onChanged={list.reload} />
    </main>
  );
}
