// Options: import a settings file in two steps: see what it would change (and which stored keys it would delete), then choose.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText } from '@/utils/providers/provider-form';
import type { ImportChoice } from '@/utils/settings-transfer/import-choices';
import type { ImportPreview } from '@/utils/settings-transfer/import-preview';
import { ImportPreviewView } from './ImportPreviewView';

/** The background refuses larger files too (import-settings.ts); checking here avoids sending them at all. */
const MAX_FILE_BYTES = 1_000_000;

/** The file as previewed: the import sends exactly this text, so what was shown is what is imported. */
interface Pending {
  json: string;
  passphrase: string;
  preview: ImportPreview;
}

export function SettingsImportForm({ onChanged }: { onChanged?: () => void }) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState('');
  const [done, setDone] = useState<string[]>([]);
  const [cancelled, setCancelled] = useState(0);
  const [imported, setImported] = useState(0);
  const statusRef = useRef<HTMLDivElement>(null);
  // After an import the preview and its buttons are gone: focus goes to what was done.
  useEffect(() => {
    if (imported > 0) statusRef.current?.focus();
  }, [imported]);
  // After Cancel the preview is gone: focus returns to the button that opened it.
  useEffect(() => {
    if (cancelled > 0) submitButton.current?.focus();
  }, [cancelled]);

  const reset = (message: string): void => {
    setPending(null);
    setNotice(message);
  };

  const check = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) return;
    setDone([]);
    setPending(null);
    if (!file) {
      setProblems(['Choose a settings file.']);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setProblems(['This file is too large to be a Lifeline settings file.']);
      return;
    }
    setBusy(true);
    setProblems([]);
    setNotice('Reading the file…');
    file
      .text()
      .then(async (json) => ({ json, result: await sendMessage('previewSettingsImport', passphrase ? { json, passphrase } : { json }) }))
      .then(
        ({ json, result }) => {
          if (!result.ok) {
            setProblems(result.problems);
            setNotice('Nothing was changed: see the problems below.');
            return;
          }
          const { ok: _ok, ...preview } = result;
          setPending({ json, passphrase, preview });
          setNotice('');
        },
        (cause: unknown) => {
          setProblems([`Lifeline could not read this file: ${errorText(cause)} Nothing was changed.`]);
          setNotice('');
        },
      )
      .finally(() => setBusy(false));
  };

  const importWith = (choice: ImportChoice): void => {
    if (!pending || busy) return;
    setBusy(true);
    setNotice('Importing…');
    const request = { json: pending.json, removeKeysOf: choice.removeKeysOf, ...(pending.passphrase ? { passphrase: pending.passphrase } : {}) };
    sendMessage('importSettings', request)
      .then(
        (result) => {
          setPending(null);
          if (!result.ok) {
            setProblems(result.problems);
            setNotice('Nothing was changed: see the problems below.');
            return;
          }
          setNotice(result.summary);
          setDone(result.done);
          setImported((count) => count + 1);
          setPassphrase('');
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
          onChanged?.();
        },
        (cause: unknown) => {
          setProblems([`Lifeline could not import this file: ${errorText(cause)} Nothing was changed.`]);
          setNotice('');
        },
      )
      .finally(() => setBusy(false));
  };

  const cancel = (): void => {
    reset('Nothing was imported: your settings and keys are as they were.');
    setCancelled((count) => count + 1);
  };

  return (
    <form className="section-form" noValidate onSubmit={check}>
      <h3 className="section-subheading">Import</h3>
      <p className="field-help">
        Importing replaces your providers, their order and your preferences. First you see what the file would change;
        nothing changes until you confirm, and no stored key is deleted unless you choose to.
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>Settings file</label>
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            reset('');
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-passphrase`}>File passphrase</label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoComplete="off"
          value={passphrase}
          aria-describedby={`${id}-passphrase-help`}
          onChange={(event) => {
            setPassphrase(event.target.value);
            if (pending) reset('');
          }}
        />
        <p id={`${id}-passphrase-help`} className="field-help">
          Only for a file that holds encrypted keys.
        </p>
      </div>
      {pending ? null : (
        <div className="section-actions">
          <button ref={submitButton} type="submit" className="ll-button primary" disabled={busy}>
            Import settings
          </button>
        </div>
      )}
      {pending ? <ImportPreviewView preview={pending.preview} busy={busy} onChoose={importWith} onCancel={cancel} /> : null}
      <div role="status" ref={statusRef} tabIndex={-1}>
        <p className="status">{notice}</p>
        {done.length > 0 ? (
          <ul className="import-done">
            {done.map((line, index) => (
              <li key={`${index}-${line}`}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <ul className="form-error" role="alert">
          {problems.map((problem, index) => (
            <li key={`${index}-${problem}`}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
