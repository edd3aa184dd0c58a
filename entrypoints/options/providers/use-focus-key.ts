// Focus after an action on the providers list: the control named by its data-focus-key, once it is there and enabled.
import { useEffect, useState } from 'react';

/**
 * Moves focus to a control that re-rendered (or appeared) after an action, once `busy` is over. The key may list several
 * controls separated by spaces: the first one present and enabled gets the focus.
 */
export function useFocusKey(busy: boolean): (key: string) => void {
  const [focusKey, setFocusKey] = useState<string | null>(null);

  // After every render: the control may appear with any change of the list, the editor or the health.
  useEffect(() => {
    if (!focusKey || busy) return;
    const target = focusKey
      .split(' ')
      .map((key) => document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`))
      .find((candidate) => candidate !== null && !candidate.matches(':disabled'));
    target?.focus();
    setFocusKey(null);
  });

  return setFocusKey;
}
