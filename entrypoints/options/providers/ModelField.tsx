// "Model": free text, with suggestions the provider lists on request ("Load models").
import { useRef, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText, originOf, withoutKeys } from '@/utils/providers/provider-form';
import type { ProviderDraft } from '@/utils/storage/provider-settings';
import { requestAccessNow } from './access';

type ListState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; models: string[] }
  | { phase: 'failed'; message: string };

interface ModelFieldProps {
  idPrefix: string;
  value: string;
  onChange(value: string): void;
  /** Validation problem of the field, if any. */
  problem?: string;
  /** Whether the service lists its models. */
  listsModels: boolean;
  /** The draft to ask with, or a sentence saying what to fix first. Called inside the click handler. */
  buildDraft(): ProviderDraft | string;
  typedKeys: readonly string[];
  disabled: boolean;
}

export function ModelField(props: ModelFieldProps) {
  const { idPrefix, value, onChange, problem, listsModels, buildDraft, typedKeys, disabled } = props;
  const [list, setList] = useState<ListState>({ phase: 'idle' });
  const run = useRef(0);
  const inputId = `${idPrefix}-model`;
  const listId = `${idPrefix}-model-options`;
  const statusId = `${idPrefix}-model-status`;
  const errorId = `${idPrefix}-model-error`;

  const load = (): void => {
    if (list.phase === 'loading') return;
    const draft = buildDraft();
    if (typeof draft === 'string') {
      setList({ phase: 'failed', message: draft });
      return;
    }
    const access = requestAccessNow(draft.baseURL);
    const current = ++run.current;
    setList({ phase: 'loading' });
    void (async () => {
      let next: ListState;
      if (access && !(await access)) {
        next = { phase: 'failed', message: `Lifeline cannot reach ${originOf(draft.baseURL)} until you allow it.` };
      } else {
        try {
          const result = await sendMessage('listModels', draft);
          if (result && result.ok === true && Array.isArray(result.models)) {
            next = { phase: 'loaded', models: [...new Set(result.models.filter((model) => typeof model === 'string'))].sort() };
          } else if (result && result.ok === false) {
            next = { phase: 'failed', message: withoutKeys(result.message, typedKeys) };
          } else {
            next = { phase: 'failed', message: 'The provider did not list its models. Type the model name instead.' };
          }
        } catch (cause) {
          next = {
            phase: 'failed',
            message: `Lifeline could not load the models: ${withoutKeys(errorText(cause), typedKeys)} Type the model name instead.`,
          };
        }
      }
      if (current === run.current) setList(next);
    })();
  };

  const statusText =
    list.phase === 'loading'
      ? 'Loading models…'
      : list.phase === 'loaded'
        ? list.models.length > 0
          ? `${list.models.length} ${list.models.length === 1 ? 'model' : 'models'} loaded: pick one from the suggestions or type any name.`
          : 'The provider listed no models. Type the model name.'
        : list.phase === 'failed'
          ? list.message
          : listsModels
            ? 'Type a model name, or load the list this provider offers.'
            : 'Type the model name.';
  const describedBy = [problem ? errorId : '', statusId].filter(Boolean).join(' ');

  return (
    <div className="field">
      <label htmlFor={inputId}>Model</label>
      <div className="inline-controls">
        <input
          id={inputId}
          type="text"
          className="grow"
          autoComplete="off"
          spellCheck={false}
          list={list.phase === 'loaded' && list.models.length > 0 ? listId : undefined}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
        {listsModels ? (
          <button
            type="button"
            className="ll-button"
            aria-disabled={list.phase === 'loading' || undefined}
            disabled={disabled}
            onClick={load}
          >
            Load models
          </button>
        ) : null}
      </div>
      {list.phase === 'loaded' && list.models.length > 0 ? (
        <datalist id={listId}>
          {list.models.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      ) : null}
      {problem ? (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <p id={statusId} role="status" className={`field-help${list.phase === 'failed' ? ' field-error' : ''}`}>
        {statusText}
      </p>
    </div>
  );
}
