// The provider's key pool: one masked input per key. Saved keys stay in the background until the user asks to reveal one.
import { useEffect, useRef, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { emptyKeyRow, errorText, withoutKeyRow, type KeyRow } from '@/utils/providers/provider-form';

interface KeyFieldsProps {
  /** Prefix for element ids (unique per editor). */
  idPrefix: string;
  rows: readonly KeyRow[];
  /** Receives an update of the rows (applied to the newest rows, as a reveal may answer after other edits). */
  onChange(update: (rows: readonly KeyRow[]) => KeyRow[]): void;
  /** The stored provider's id, to reveal its saved keys; undefined for a new provider. */
  providerId?: string;
  /** The service's name and key page, for the "Get a key" link. */
  serviceLabel: string;
  keyPage?: string;
  /** False for local servers, which usually need no key. */
  needsKey: boolean;
  disabled: boolean;
}

/** The first input keeps the name "API key"; the others are numbered. */
export const keyLabel = (index: number): string => (index === 0 ? 'API key' : `API key ${index + 1}`);

export function KeyFields(props: KeyFieldsProps) {
  const { idPrefix, rows, onChange, providerId, serviceLabel, keyPage, needsKey, disabled } = props;
  /** Rows whose key is shown in plain text, by row id. */
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [revealing, setRevealing] = useState<number | null>(null);
  const [errors, setErrors] = useState<Readonly<Record<number, string>>>({});
  /** After Add or Remove, the focus goes to the new input, or to "Add another key". */
  const [focusTarget, setFocusTarget] = useState<number | 'add' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusTarget === null) return;
    if (focusTarget === 'add') addButton.current?.focus();
    else document.getElementById(`${idPrefix}-key-${focusTarget}`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, idPrefix]);

  const setShownFor = (rowId: number, visible: boolean): void =>
    setShown((current) => {
      const next = new Set(current);
      if (visible) next.add(rowId);
      else next.delete(rowId);
      return next;
    });
  const setErrorFor = (rowId: number, message: string): void =>
    setErrors((current) => {
      const { [rowId]: _old, ...rest } = current;
      return message ? { ...rest, [rowId]: message } : rest;
    });
  const updateRow = (rowId: number, change: Partial<KeyRow>): void =>
    onChange((current) => current.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));

  const toggle = (row: KeyRow): void => {
    setErrorFor(row.rowId, '');
    if (shown.has(row.rowId)) {
      setShownFor(row.rowId, false);
      // A revealed key the user did not change goes back to "kept, unseen": the page holds it no longer than needed.
      if (row.revealed !== undefined && row.value === row.revealed) {
        const { revealed: _revealed, ...rest } = row;
        onChange((current) => current.map((candidate) => (candidate.rowId === row.rowId ? { ...rest, value: '' } : candidate)));
      }
      return;
    }
    if (row.savedIndex === undefined || row.value.trim() !== '' || !providerId) {
      setShownFor(row.rowId, true);
      return;
    }
    const savedIndex = row.savedIndex;
    setRevealing(row.rowId);
    void sendMessage('revealKey', { providerId, index: savedIndex })
      .then(
        (key) => {
          if (typeof key !== 'string' || key === '') {
            setErrorFor(row.rowId, 'Lifeline could not read this key. If keys are locked, unlock them first.');
            return;
          }
          onChange((current) =>
            current.map((candidate) => (candidate.rowId === row.rowId ? { ...candidate, value: key, revealed: key } : candidate)),
          );
          setShownFor(row.rowId, true);
        },
        (cause: unknown) => setErrorFor(row.rowId, `Lifeline could not reveal this key: ${errorText(cause)}`),
      )
      .finally(() => setRevealing(null));
  };

  const remove = (index: number): void => {
    const row = rows[index];
    if (row) {
      setShownFor(row.rowId, false);
      setErrorFor(row.rowId, '');
    }
    onChange((current) => withoutKeyRow(current, index));
    setFocusTarget('add');
  };

  const helpId = `${idPrefix}-keys-help`;
  const onlyEmptyRow = rows.length === 1 && rows[0]?.savedIndex === undefined && rows[0]?.value === '';

  return (
    <fieldset className="key-fieldset">
      <legend>API keys</legend>
      {rows.map((row, index) => {
        const inputId = `${idPrefix}-key-${row.rowId}`;
        const savedId = `${inputId}-saved`;
        const errorId = `${inputId}-error`;
        const visible = shown.has(row.rowId);
        const saved = row.savedIndex !== undefined;
        const describedBy = [saved ? savedId : '', errors[row.rowId] ? errorId : '', index === 0 ? helpId : '']
          .filter(Boolean)
          .join(' ');
        return (
          <div className="key-row" key={row.rowId}>
            <label htmlFor={inputId}>{keyLabel(index)}</label>
            <div className="key-input-row">
              <input
                id={inputId}
                type={visible ? 'text' : 'password'}
                className="mono"
                autoComplete="off"
                spellCheck={false}
                value={row.value}
                placeholder={saved ? 'Saved key: type here only to replace it' : undefined}
                aria-describedby={describedBy || undefined}
                disabled={disabled}
                onChange={(event) => updateRow(row.rowId, { value: event.target.value })}
              />
              <button
                type="button"
                className="ll-button"
                aria-pressed={visible}
                aria-disabled={revealing === row.rowId || undefined}
                disabled={disabled || (!saved && row.value === '')}
                onClick={() => {
                  if (revealing !== row.rowId) toggle(row);
                }}
              >
                {visible ? 'Hide' : 'Reveal'}
                <span className="visually-hidden"> key {index + 1}</span>
              </button>
              {onlyEmptyRow ? null : (
                <button type="button" className="ll-button" disabled={disabled} onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> key {index + 1}</span>
                </button>
              )}
            </div>
            {saved ? (
              <p id={savedId} className="field-help">
                Saved key {row.hint ? `…${row.hint}` : '(too short to show its end)'}
                {revealing === row.rowId ? ' · revealing…' : ''}
              </p>
            ) : null}
            {errors[row.rowId] ? (
              <p id={errorId} className="field-error" role="alert">
                {errors[row.rowId]}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="key-actions">
        <button
          ref={addButton}
          type="button"
          className="ll-button"
          disabled={disabled}
          onClick={() => {
            const added = emptyKeyRow();
            onChange((current) => [...current, added]);
            setFocusTarget(added.rowId);
          }}
        >
          Add another key
        </button>
        {keyPage ? (
          <a href={keyPage} target="_blank" rel="noopener noreferrer">
            Get a key from {serviceLabel}
            <span className="visually-hidden"> (opens in a new tab)</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        ) : null}
      </div>
      <p id={helpId} className="field-help">
        {needsKey ? '' : `${serviceLabel} usually needs no key: leave this empty unless you set one. `}
        With several keys, Lifeline moves to the next key when one hits a rate limit or runs out of quota, and rests the
        exhausted one.
      </p>
    </fieldset>
  );
}
