// Options section: export the settings to a file (keys only on request, encrypted) and import such a file.
import { useId, useRef, useState, type FormEvent } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import './settings-sections.css';

const MIN_LENGTH = 8;
/** The background refuses larger files too (import-settings.ts); checking here avoids sending them at all. */
const MAX_FILE_BYTES = 1_000_000;

export function SettingsTransferSection({ onChanged }: { onChanged?: () => void }) {
  const id = useId();
  const [includeKeys, setIncludeKeys] = useState(false);
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const [exportNotice, setExportNotice] = useState('');

  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [importNotice, setImportNotice] = useState('');

  const exportFile = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (exporting) return;
    setExportNotice('');
    if (includeKeys && exportPassphrase.length < MIN_LENGTH) {
      setExportError(`Use a passphrase of at least ${MIN_LENGTH} characters for the file.`);
      return;
    }
    setExporting(true);
    setExportError('');
    sendMessage('exportSettings', includeKeys ? { includeKeys, passphrase: exportPassphrase } : { includeKeys })
      .then(
        (result) => {
          if (!result.ok) {
            setExportError(result.message);
            return;
          }
          download(result.json, result.fileName);
          setExportPassphrase('');
          setExportNotice(`Exported to ${result.fileName}${includeKeys ? ', with your keys encrypted' : ', without keys'}.`);
        },
        (cause: unknown) => setExportError(`Lifeline could not export your settings: ${describeFailure(cause)}`),
      )
      .finally(() => setExporting(false));
  };

  const importFile = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (importing) return;
    setImportNotice('');
    if (!file) {
      setProblems(['Choose a settings file.']);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setProblems(['This file is too large to be a Lifeline settings file.']);
      return;
    }
    setImporting(true);
    setProblems([]);
    setImportNotice('Importing…');
    file
      .text()
      .then((json) => sendMessage('importSettings', importPassphrase ? { json, passphrase: importPassphrase } : { json }))
      .then(
        (result) => {
          if (!result.ok) {
            setProblems(result.problems);
            setImportNotice('Nothing was changed: see the problems below.');
            return;
          }
          setImportNotice(result.summary);
          setImportPassphrase('');
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
          onChanged?.();
        },
        (cause: unknown) => {
          setProblems([`Lifeline could not import this file: ${describeFailure(cause)} Nothing was changed.`]);
          setImportNotice('');
        },
      )
      .finally(() => setImporting(false));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="settings-section">
      <h2 id={`${id}-heading`}>Export and import settings</h2>
      <p className="intro">
        Move your providers and preferences to another browser. Consent to send pages is not in the file: each browser
        asks for it again.
      </p>

      <form className="section-form" noValidate onSubmit={exportFile}>
        <h3 className="section-subheading">Export</h3>
        <div className="checkbox-field">
          <input
            id={`${id}-include-keys`}
            type="checkbox"
            checked={includeKeys}
            onChange={(event) => setIncludeKeys(event.target.checked)}
          />
          <label htmlFor={`${id}-include-keys`}>Include API keys (encrypted with a passphrase)</label>
        </div>
        {includeKeys ? (
          <div className="field">
            <label htmlFor={`${id}-export-passphrase`}>Passphrase for the file</label>
            <input
              id={`${id}-export-passphrase`}
              type="password"
              autoComplete="new-password"
              value={exportPassphrase}
              aria-describedby={`${id}-export-passphrase-help${exportError ? ` ${id}-export-error` : ''}`}
              {...(exportError ? { 'aria-invalid': true } : {})}
              onChange={(event) => setExportPassphrase(event.target.value)}
            />
            <p id={`${id}-export-passphrase-help`} className="field-help">
              At least {MIN_LENGTH} characters. You will need it to import the keys; it cannot be recovered.
            </p>
          </div>
        ) : null}
        <div className="section-actions">
          <button type="submit" className="ll-button primary" disabled={exporting}>Export settings</button>
        </div>
        <p className="status" role="status">{exportNotice}</p>
        {exportError ? (
          <p id={`${id}-export-error`} className="form-error" role="alert">
            {exportError}
          </p>
        ) : null}
      </form>

      <form className="section-form" noValidate onSubmit={importFile}>
        <h3 className="section-subheading">Import</h3>
        <p className="field-help">
          Importing replaces your providers, their order and your preferences. Providers that stay the same keep their
          keys; keys in the file are added.
        </p>
        <div className="field">
          <label htmlFor={`${id}-file`}>Settings file</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-import-passphrase`}>File passphrase</label>
          <input
            id={`${id}-import-passphrase`}
            type="password"
            autoComplete="off"
            value={importPassphrase}
            aria-describedby={`${id}-import-passphrase-help`}
            onChange={(event) => setImportPassphrase(event.target.value)}
          />
          <p id={`${id}-import-passphrase-help`} className="field-help">
            Only for a file that holds encrypted keys.
          </p>
        </div>
        <div className="section-actions">
          <button type="submit" className="ll-button primary" disabled={importing}>Import settings</button>
        </div>
        <p className="status" role="status">{importNotice}</p>
        {problems.length > 0 ? (
          <ul className="form-error" role="alert">
            {problems.map((problem, index) => (
              <li key={`${index}-${problem}`}>{problem}</li>
            ))}
          </ul>
        ) : null}
      </form>
    </section>
  );
}

/** Saves the text through the browser's download flow, as the file name the background chose. */
function download(json: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function describeFailure(cause: unknown): string {
  // Errors that crossed the messaging boundary are rebuilt, so read the message as data.
  const message = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
  const text = typeof message === 'string' && message.trim() ? message.trim() : 'an unknown error';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
