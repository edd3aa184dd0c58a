// Whether the chat's tab has a selection, for "Summarize selection" and "Rewrite selection". The selection changes only
// in the page, so the surface asks when it shows a tab and again whenever the user comes back to it (focus, pointer,
// visibility). Unknown until the first answer: the actions stay usable meanwhile, and nothing waits for it.
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import type { SelectionState } from '@/utils/page/selection-state';

/** `tabId`: the tab the chat shows, once Lifeline may read it; `revision` changes when the tab navigates. */
export function useTabSelection(tabId: number | undefined, revision: number): SelectionState | undefined {
  const [state, setState] = useState<SelectionState | undefined>(undefined);

  useEffect(() => {
    setState(undefined);
    if (tabId === undefined) return;
    const asked = { tabId };
    let open = true;
    // One question at a time (each one injects the page reader): a reason to ask again while one is out asks once more
    // when it is answered, and only that later answer is shown.
    let asking = false;
    let askAgain = false;
    const settle = (next: SelectionState | undefined): void => {
      asking = false;
      if (!open) return;
      if (askAgain) return ask();
      setState(next);
    };
    function ask(): void {
      if (asking) {
        askAgain = true;
        return;
      }
      asking = true;
      askAgain = false;
      sendMessage('getSelectionState', asked).then(settle, () => settle(undefined));
    }
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible') ask();
    };
    ask();
    window.addEventListener('focus', ask);
    document.addEventListener('visibilitychange', onVisibility);
    document.documentElement.addEventListener('pointerenter', ask);
    return () => {
      open = false;
      window.removeEventListener('focus', ask);
      document.removeEventListener('visibilitychange', onVisibility);
      document.documentElement.removeEventListener('pointerenter', ask);
    };
  }, [tabId, revision]);

  return state;
}
