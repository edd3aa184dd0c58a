// "Test": one real request with the provider's settings as they are now; the answer in words, next to the button.
import { useRef, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText, originOf, testResultText, withoutKeys } from '@/utils/providers/provider-form';
import type { ProviderDraft } from '@/utils/storage/provider-settings';
import { requestAccessNow } from './access';

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; ok: boolean; text: string };

interface ProviderTestButtonProps {
  /** The accessible name, e.g. "Test Claude"; the button shows "Test". Undefined: the name is "Test". */
  accessibleName?: string;
  /** The draft to test, or a sentence saying what to fix first. Called inside the click handler. */
  buildDraft(): ProviderDraft | string;
  /** Keys typed in the form: never shown back, even if a provider echoes one. */
  typedKeys?: readonly string[];
  disabled?: boolean;
  /** data-focus-key of the button, to give it the focus back after a re-render. */
  focusKey?: string;
}

export function ProviderTestButton(props: ProviderTestButtonProps) {
  const { accessibleName, buildDraft, typedKeys = [], disabled = false, focusKey } = props;
  const [state, setState] = useState<TestState>({ phase: 'idle' });
  const run = useRef(0);

  const test = (): void => {
    if (state.phase === 'testing') return;
    const draft = buildDraft();
    if (typeof draft === 'string') {
      setState({ phase: 'done', ok: false, text: draft });
      return;
    }
    // Reaching a new endpoint needs its permission, which only this click can ask for.
    const access = requestAccessNow(draft.baseURL);
    const current = ++run.current;
    setState({ phase: 'testing' });
    void (async () => {
      let next: TestState;
      if (access && !(await access)) {
        next = { phase: 'done', ok: false, text: `Lifeline cannot reach ${originOf(draft.baseURL)} until you allow it.` };
      } else {
        try {
          const result = await sendMessage('testProvider', draft);
          next =
            result && typeof result === 'object' && typeof result.ok === 'boolean'
              ? { phase: 'done', ok: result.ok, text: testResultText(result) }
              : { phase: 'done', ok: false, text: 'The test got no answer from Lifeline. Reload this page and try again.' };
        } catch (cause) {
          next = { phase: 'done', ok: false, text: `Lifeline could not run the test: ${errorText(cause)} Reload this page and try again.` };
        }
      }
      if (current === run.current) setState(next.phase === 'done' ? { ...next, text: withoutKeys(next.text, typedKeys) } : next);
    })();
  };

  const testing = state.phase === 'testing';
  return (
    <span className="test-control">
      <button
        type="button"
        className="ll-button"
        data-focus-key={focusKey}
        aria-label={accessibleName}
        aria-disabled={testing || undefined}
        disabled={disabled}
        onClick={test}
      >
        Test
      </button>
      <span
        role="status"
        className={`test-result${state.phase === 'done' ? (state.ok ? ' test-ok' : ' test-failed') : ''}`}
      >
        {state.phase === 'testing' ? 'Testing…' : state.phase === 'done' ? state.text : ''}
      </span>
    </span>
  );
}
