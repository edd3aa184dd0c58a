// Options section: export the settings to a file (keys only on request, encrypted) and import such a file.
import { useId, useState, type FormEvent } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText } from '@/utils/providers/provider-form';
import { SettingsImportForm } from './SettingsImportForm';
import './settings-sections.css';

const MIN_LENGTH = 8;

export function SettingsTransferSection({ onChanged }: { onChanged?: () => void }) {
  const id = useId();
  const [includeKeys, setIncludeKeys] = useState(false);
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const [exportNotice, setExportNotice] = useState('');

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
        (cause: unknown) => setExportError(`Lifeline could not export your settings: ${errorText(cause)}`),
      )
      .finally(() => setExporting(false));
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

      <SettingsImportForm onChanged={onChanged} />
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
