// Inline form that adds or edits one provider; the key is write-only (typed here, never shown back).
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ProviderDraft } from '@/utils/storage/provider-settings';
import {
  PROVIDER_KIND_LABELS,
  PROVIDER_KINDS,
  baseURLAfterKindChange,
  isProviderKind,
  type DraftField,
} from '@/utils/storage/provider-drafts';

interface ProviderEditorProps {
  initial: ProviderDraft;
  isNew: boolean;
  hasKey: boolean;
  keyHint?: string;
  problems: Partial<Record<DraftField, string>>;
  /** A problem with the whole form, e.g. a refused permission or a failed save. */
  formError: string;
  saving: boolean;
  /** Called synchronously from the submit event, so a permission request can still use the user's gesture. */
  onSave(draft: ProviderDraft): void;
  onCancel(): void;
}

export function ProviderEditor(props: ProviderEditorProps) {
  const { initial, isNew, hasKey, keyHint, problems, formError, saving, onSave, onCancel } = props;
  const [kind, setKind] = useState(initial.kind);
  const [name, setName] = useState(initial.name);
  const [baseURL, setBaseURL] = useState(initial.baseURL);
  const [baseURLTouched, setBaseURLTouched] = useState(false);
  const [apiKey, setApiKey] = useState('');
  const [model, setModel] = useState(initial.model);
  const firstField = useRef<HTMLSelectElement>(null);
  const id = useId();
  const headingId = `${id}-heading`;

  useEffect(() => firstField.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (saving) return;
    onSave({ ...(initial.id ? { id: initial.id } : {}), kind, name, baseURL, model, apiKey });
  };

  const cancelOnEscape = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      onCancel();
    }
  };

  const errorProps = (field: DraftField) =>
    problems[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` }
      : {};
  const fieldError = (field: DraftField) =>
    problems[field] ? (
      <p id={`${id}-${field}-error`} className="field-error" role="alert">
        {problems[field]}
      </p>
    ) : null;

  const keyHelpId = `${id}-key-help`;
  const keyHelp = hasKey
    ? `A key is saved${keyHint ? ` (…${keyHint})` : ''}. Type a new one only to replace it.`
    : 'Local servers such as Ollama or LM Studio may not need a key.';

  return (
    <form className="editor" aria-labelledby={headingId} noValidate onSubmit={submit} onKeyDown={cancelOnEscape}>
      <h3 id={headingId} className="editor-heading">
        {isNew ? 'New provider' : `Editing ${initial.name}`}
      </h3>

      <div className="field">
        <label htmlFor={`${id}-kind`}>Type</label>
        <select
          id={`${id}-kind`}
          ref={firstField}
          value={kind}
          onChange={(event) => {
            const next = event.target.value;
            if (!isProviderKind(next)) return;
            setKind(next);
            setBaseURL((current) => baseURLAfterKindChange(current, next, baseURLTouched));
          }}
          {...errorProps('kind')}
        >
          {PROVIDER_KINDS.map((value) => (
            <option key={value} value={value}>
              {PROVIDER_KIND_LABELS[value]}
            </option>
          ))}
        </select>
        {fieldError('kind')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...errorProps('name')}
        />
        {fieldError('name')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-baseURL`}>Base URL</label>
        <input
          id={`${id}-baseURL`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={baseURL}
          onChange={(event) => {
            setBaseURL(event.target.value);
            setBaseURLTouched(true);
          }}
          {...errorProps('baseURL')}
        />
        {fieldError('baseURL')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-apiKey`}>API key</label>
        <input
          id={`${id}-apiKey`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          placeholder={hasKey ? 'Leave empty to keep the saved key' : undefined}
          aria-describedby={keyHelpId}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <p id={keyHelpId} className="field-help">
          {keyHelp}
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${id}-model`}>Model</label>
        <input
          id={`${id}-model`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={model}
          onChange={(event) => setModel(event.target.value)}
          {...errorProps('model')}
        />
        {fieldError('model')}
      </div>

      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}

      <div className="editor-actions">
        <button type="submit" className="ll-button primary" disabled={saving}>
          Save provider
        </button>
        <button type="button" className="ll-button" disabled={saving} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
