// The providers' health for the settings page: read on mount, refreshed while the page is visible, newest answer wins.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryHealthView } from '@/utils/llm/health/health-view';
import { sendMessage } from '@/utils/messaging/protocol';

/** Health is optional: when it cannot be read, the list shows without it. */
export type HealthState =
  | { phase: 'loading' }
  | { phase: 'failed' }
  | { phase: 'ready'; views: ReadonlyMap<string, EntryHealthView>; at: number };

const HEALTH_REFRESH_MS = 5_000;

function healthStateOf(views: EntryHealthView[]): HealthState {
  if (!Array.isArray(views)) return { phase: 'failed' };
  return { phase: 'ready', views: new Map(views.map((view) => [view.id, view])), at: Date.now() };
}

export function useProviderHealth(): { health: HealthState; refreshHealth(): Promise<void> } {
  const [health, setHealth] = useState<HealthState>({ phase: 'loading' });
  /** Counts health reads: only the newest answer is shown, whatever order they arrive in. */
  const healthRead = useRef(0);

  const refreshHealth = useCallback(async (): Promise<void> => {
    const read = ++healthRead.current;
    const next = await sendMessage('getHealth').then(healthStateOf, (): HealthState => ({ phase: 'failed' }));
    if (read === healthRead.current) setHealth(next);
  }, []);

  // Health changes as requests run: refresh it while the page is visible, and at once when it becomes visible again.
  useEffect(() => {
    void refreshHealth();
    const refreshIfVisible = (): void => {
      if (document.visibilityState === 'visible') void refreshHealth();
    };
    const timer = window.setInterval(refreshIfVisible, HEALTH_REFRESH_MS);
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }, [refreshHealth]);

  return { health, refreshHealth };
}
