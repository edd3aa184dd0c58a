// Optional per-task provider choices: e.g. only a cheaper model for rewriting; the main order still applies.
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import type { ProviderView } from '@/utils/storage/provider-settings';
import { TASK_CATEGORIES, type TaskCategory, type TaskChains } from '@/utils/storage/task-chains';
import { SectionStatus } from './SectionStatus';
import './privacy-section.css';

export function TaskChainsSection({ providers }: { providers: readonly ProviderView[] }) {
  const [chains, setChains] = useState<TaskChains | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    sendMessage('getRouterPreferences').then(
      (preferences) => setChains(preferences.taskChains ?? {}),
      () => setProblem('Per-task choices are unavailable right now. Reload the page to try again.'),
    );
  }, []);

  const toggle = (task: TaskCategory, providerId: string, checked: boolean): void => {
    if (!chains) return;
    const current = chains[task] ?? [];
    const next = { ...chains, [task]: checked ? [...current, providerId] : current.filter((id) => id !== providerId) };
    setChains(next);
    sendMessage('saveRouterPreferences', { taskChains: next }).then(
      (saved) => {
        setChains(saved.taskChains ?? {});
        setProblem('');
        setStatus('Saved.');
      },
      () => setProblem('Lifeline could not save this choice. Nothing was changed; try again.'),
    );
  };

  if (providers.length < 2) return null;
  return (
    <section aria-labelledby="task-chains-heading" className="settings-section">
      <h2 id="task-chains-heading">Providers per task (optional)</h2>
      <p className="intro">
        Tick providers to use only those for a task, in the order above; for example a cheaper model for rewriting. A task
        with nothing ticked uses every provider.
      </p>
      {chains &&
        TASK_CATEGORIES.map((task) => (
          <fieldset key={task.id} className="task-chain">
            <legend>{task.label}</legend>
            {providers.map((provider) => {
              const id = `task-${task.id}-${provider.id}`;
              return (
                <div key={provider.id} className="checkbox-field">
                  <input
                    id={id}
                    type="checkbox"
                    checked={(chains[task.id] ?? []).includes(provider.id)}
                    onChange={(event) => toggle(task.id, provider.id, event.target.checked)}
                  />
                  <label htmlFor={id}>{provider.name}</label>
                </div>
              );
            })}
            {(chains[task.id] ?? []).length === 0 && <p className="field-help">Every provider.</p>}
          </fieldset>
        ))}
      <SectionStatus status={status} problem={problem} boxed />
    </section>
  );
}
