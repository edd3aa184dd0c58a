// Inline form that adds or edits one provider: the service (preset), name, keys, model, and the advanced limits. Saved keys
// are never sent to this page unless the user reveals one.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DEFAULT_TIMEOUTS, PATIENT_TIMEOUTS, type EntryTimeouts } from '@/utils/llm/types';
import { presetById } from '@/utils/providers/presets';
import {
  PRESET_OPTIONS,
  TIMEOUT_FIELDS,
  draftFromForm,
  isPresetId,
  secondsToMs,
  serviceNameOf,
  switchPreset,
  typedKeysOf,
  type KeyRow,
  type ProviderForm,
  type TimeoutField,
} from '@/utils/providers/provider-form';
import type { ProviderDraft } from '@/utils/storage/provider-settings';
import { isTimeoutInBounds } from '@/utils/storage/settings-schema';
import {
  PROVIDER_KIND_LABELS,
  PROVIDER_KINDS,
  baseURLAfterKindChange,
  isProviderKind,
  type DraftField,
} from '@/utils/storage/provider-drafts';
import { KeyFields } from './providers/KeyFields';
import { ModelField } from './providers/ModelField';
import { ProviderTestButton } from './providers/ProviderTestButton';

interface ProviderEditorProps {
  initial: ProviderForm;
  /** The stored provider's id; undefined for a new one. */
  providerId?: string;
  /** The stored name, for the heading while editing. */
  storedName?: string;
  problems: Partial<Record<DraftField, string>>;
  /** A problem with the whole form, e.g. a refused permission or a failed save. */
  formError: string;
  saving: boolean;
  /** Called synchronously from the submit event, so a permission request can still use the user's gesture. */
  onSave(draft: ProviderDraft): void;
  onCancel(): void;
}

const TIMEOUT_LABELS: Record<TimeoutField, string> = {
  headersMs: 'Response headers within (s)',
  firstTokenMs: 'First words within (s)',
  stallMs: 'Longest pause mid-answer (s)',
};

/** "10 s, 10 s and 10 s": the three limits in the order of the fields. */
const secondsList = (timeouts: EntryTimeouts): string =>
  `${timeouts.headersMs / 1_000} s, ${timeouts.firstTokenMs / 1_000} s and ${timeouts.stallMs / 1_000} s`;

const describedBy = (...ids: string[]): string => ids.filter(Boolean).join(' ');

/** Fields that live inside "Advanced" (the base URL too, except for custom endpoints). */
const ADVANCED_FIELDS: readonly DraftField[] = ['contextWindow', 'timeouts'];

export function ProviderEditor(props: ProviderEditorProps) {
  const { initial, providerId, storedName, problems, formError, saving, onSave, onCancel } = props;
  const isNew = providerId === undefined;
  const [form, setForm] = useState<ProviderForm>(initial);
  const [baseURLTouched, setBaseURLTouched] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const firstField = useRef<HTMLElement | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const headingId = `${id}-heading`;
  const preset = presetById(form.preset);
  const custom = preset.id === 'custom';
  const typedKeys = useMemo(() => typedKeysOf(form.keys), [form.keys]);

  useEffect(() => firstField.current?.focus(), []);

  // A problem inside the collapsed "Advanced" section opens it; then the first field with a problem gets the focus.
  const problemKey = Object.keys(problems).sort().join(' ');
  useEffect(() => {
    if (!problemKey) return;
    const fields = problemKey.split(' ') as DraftField[];
    if (fields.some((field) => ADVANCED_FIELDS.includes(field) || (field === 'baseURL' && !custom))) setAdvancedOpen(true);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }, [problemKey, custom]);

  const update = (change: Partial<ProviderForm>): void => setForm((current) => ({ ...current, ...change }));
  const updateKeys = (change: (rows: readonly KeyRow[]) => KeyRow[]): void =>
    setForm((current) => ({ ...current, keys: change(current.keys) }));
  const draft = (): ProviderDraft => draftFromForm(form, providerId);
  /** Test and Load models need somewhere to send to. */
  const draftToAsk = (): ProviderDraft | string => {
    const current = draft();
    try {
      const url = new URL(current.baseURL.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    } catch {
      return 'Enter the base URL first (https://…, or http:// for a local server).';
    }
    return current;
  };
  const draftToTest = (): ProviderDraft | string => {
    const current = draftToAsk();
    if (typeof current === 'string') return current;
    return current.model.trim() ? current : 'Enter a model name first.';
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (saving) return;
    onSave(draft());
  };

  const cancelOnEscape = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      onCancel();
    }
  };

  const errorProps = (field: DraftField) =>
    problems[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};
  const fieldError = (field: DraftField) =>
    problems[field] ? (
      <p id={`${id}-${field}-error`} className="field-error" role="alert">
        {problems[field]}
      </p>
    ) : null;

  const baseURLField = (
    <div className="field">
      <label htmlFor={`${id}-baseURL`}>Base URL</label>
      <input
        id={`${id}-baseURL`}
        type="url"
        inputMode="url"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        placeholder={custom ? 'e.g. https://llm.example.com/v1' : undefined}
        value={form.baseURL}
        onChange={(event) => {
          update({ baseURL: event.target.value });
          setBaseURLTouched(true);
        }}
        {...errorProps('baseURL')}
      />
      {fieldError('baseURL')}
      {custom ? (
        <p className="field-help">
          The address of any OpenAI-compatible server or company gateway (LiteLLM, Portkey…), usually ending in /v1.
          Saving asks the browser to let Lifeline reach it.
        </p>
      ) : null}
    </div>
  );

  const invalidTimeout = (field: TimeoutField): boolean => {
    const ms = secondsToMs(form.timeouts[field]);
    return ms !== undefined && !isTimeoutInBounds(ms);
  };

  return (
    <form ref={formRef} className="editor" aria-labelledby={headingId} noValidate onSubmit={submit} onKeyDown={cancelOnEscape}>
      <h3 id={headingId} className="editor-heading">
        {isNew ? 'New provider' : `Editing ${storedName ?? form.name}`}
      </h3>

      {isNew ? (
        <div className="field">
          <label htmlFor={`${id}-preset`}>Provider</label>
          <select
            id={`${id}-preset`}
            ref={(element) => {
              firstField.current = element;
            }}
            data-focus-key="preset"
            value={form.preset}
            aria-describedby={`${id}-preset-help`}
            onChange={(event) => {
              const next = event.target.value;
              if (!isPresetId(next)) return;
              setForm((current) => switchPreset(current, next));
              setBaseURLTouched(false);
            }}
          >
            {PRESET_OPTIONS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
          <p id={`${id}-preset-help`} className="field-help">
            Pick the service: Lifeline fills in its address and a model to start with.
          </p>
        </div>
      ) : (
        <p className="editor-service">
          <span className="muted">Service:</span> {preset.label}
        </p>
      )}

      {custom ? (
        <div className="field">
          <label htmlFor={`${id}-kind`}>Type</label>
          <select
            id={`${id}-kind`}
            ref={(element) => {
              if (!isNew) firstField.current = element;
            }}
            value={form.kind}
            onChange={(event) => {
              const next = event.target.value;
              if (!isProviderKind(next)) return;
              setForm((current) => ({
                ...current,
                kind: next,
                baseURL: current.baseURL.trim() === '' ? '' : baseURLAfterKindChange(current.baseURL, next, baseURLTouched),
              }));
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
      ) : null}

      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          ref={(element) => {
            if (!isNew && !custom) firstField.current = element;
          }}
          type="text"
          autoComplete="off"
          value={form.name}
          onChange={(event) => update({ name: event.target.value })}
          {...errorProps('name')}
        />
        {fieldError('name')}
      </div>

      {custom ? baseURLField : null}

      <KeyFields
        idPrefix={id}
        rows={form.keys}
        onChange={updateKeys}
        {...(providerId ? { providerId } : {})}
        serviceLabel={custom ? 'this provider' : serviceNameOf(preset)}
        {...(preset.keyPage ? { keyPage: preset.keyPage } : {})}
        needsKey={preset.needsKey || custom}
        disabled={saving}
      />

      <ModelField
        idPrefix={id}
        value={form.model}
        onChange={(model) => update({ model })}
        {...(problems.model ? { problem: problems.model } : {})}
        listsModels={preset.listsModels}
        buildDraft={draftToAsk}
        typedKeys={typedKeys}
        disabled={saving}
      />

      <div className="checkbox-field">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={form.enabled}
          aria-describedby={`${id}-enabled-help`}
          onChange={(event) => update({ enabled: event.target.checked })}
        />
        <div>
          <label htmlFor={`${id}-enabled`}>Use this provider</label>
          <p id={`${id}-enabled-help`} className="field-help">
            Switched off, it stays in the list and Lifeline never asks it.
          </p>
        </div>
      </div>

      <details className="advanced" open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary>Advanced</summary>
        <div className="advanced-fields">
          {custom ? null : baseURLField}
          <div className="field">
            <label htmlFor={`${id}-context`}>Context window (tokens)</label>
            <input
              id={`${id}-context`}
              type="text"
              inputMode="numeric"
              className="narrow"
              autoComplete="off"
              value={form.contextWindow}
              aria-describedby={describedBy(problems.contextWindow ? `${id}-contextWindow-error` : '', `${id}-context-help`)}
              aria-invalid={problems.contextWindow ? true : undefined}
              onChange={(event) => update({ contextWindow: event.target.value })}
            />
            {fieldError('contextWindow')}
            <p id={`${id}-context-help`} className="field-help">
              Empty when unknown. When a page is too long for one provider, Lifeline skips providers known to be no larger.
            </p>
          </div>
          <fieldset className="timeouts">
            <legend>Time limits before Lifeline moves on</legend>
            <div className="timeout-grid">
              {TIMEOUT_FIELDS.map((field) => (
                <div className="field" key={field}>
                  <label htmlFor={`${id}-${field}`}>{TIMEOUT_LABELS[field]}</label>
                  <input
                    id={`${id}-${field}`}
                    type="text"
                    inputMode="decimal"
                    className="narrow"
                    autoComplete="off"
                    value={form.timeouts[field]}
                    aria-describedby={describedBy(problems.timeouts ? `${id}-timeouts-error` : '', `${id}-timeouts-help`)}
                    aria-invalid={problems.timeouts && invalidTimeout(field) ? true : undefined}
                    onChange={(event) => update({ timeouts: { ...form.timeouts, [field]: event.target.value } })}
                  />
                </div>
              ))}
            </div>
            {fieldError('timeouts')}
            <p id={`${id}-timeouts-help`} className="field-help">
              In seconds, from 0.5 to 600; empty uses the default ({secondsList(DEFAULT_TIMEOUTS)}). Reasoning and local models need longer
              limits{preset.local ? ` (suggested here: ${secondsList(PATIENT_TIMEOUTS)})` : ''};
              shorter ones fail over sooner.
            </p>
          </fieldset>
        </div>
      </details>

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
        <ProviderTestButton buildDraft={draftToTest} typedKeys={typedKeys} disabled={saving} />
      </div>
    </form>
  );
}
