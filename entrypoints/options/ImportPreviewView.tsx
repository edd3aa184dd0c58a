// What an import would change, as the background described it, and the choices that decide what happens to stored keys.
import { useEffect, useId, useRef } from 'react';
import type { ImportPreview } from '@/utils/settings-transfer/import-preview';
import { importChoices, type ImportChoice } from '@/utils/settings-transfer/import-choices';

interface Props {
  preview: ImportPreview;
  busy: boolean;
  onChoose: (choice: ImportChoice) => void;
  onCancel: () => void;
}

export function ImportPreviewView({ preview, busy, onChoose, onCancel }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen reader users land on what the file would change, not back at the top of the form.
  useEffect(() => heading.current?.focus(), []);

  const groups: [string, string[]][] = [
    ['Providers added', preview.added],
    ['Providers changed', preview.changed],
    ['Providers removed', preview.removed],
    ['Other changes', preview.preferences],
    ['Keys in the file', preview.keys],
  ];
  const shown = groups.filter(([, lines]) => lines.length > 0);
  const risks = preview.keysAtRisk;
  const keepable = risks.some((risk) => risk.keepable);

  return (
    <section className="import-preview" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`} ref={heading} tabIndex={-1} className="section-subheading">
        What this import will change
      </h4>
      {shown.length === 0 && risks.length === 0 ? <p className="field-help">Nothing: the file holds the settings you have now.</p> : null}
      {shown.map(([title, lines]) => (
        <div key={title} className="import-group">
          <h5 id={`${id}-${title}`}>{title}</h5>
          <ul aria-labelledby={`${id}-${title}`}>
            {lines.map((line, index) => (
              <li key={`${index}-${line}`}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
      {risks.length > 0 ? (
        <div className="import-group import-risks">
          <h5 id={`${id}-risks`}>{risks.length === 1 ? '1 stored key at risk' : `${risks.length} stored keys at risk`}</h5>
          <ul aria-labelledby={`${id}-risks`}>
            {risks.map((risk) => (
              <li key={risk.providerId}>{risk.text}</li>
            ))}
          </ul>
          <p className="field-help">
            {keepable ? 'The first choice below keeps every key that can be kept. ' : ''}
            Nothing is deleted until you choose; Cancel keeps all your settings and keys.
          </p>
        </div>
      ) : null}
      <div className="section-actions">
        {importChoices(risks).map((choice) => (
          <button
            key={choice.label}
            type="button"
            className={`ll-button ${choice.main ? 'primary' : 'danger'}`}
            disabled={busy}
            onClick={() => onChoose(choice)}
          >
            {choice.label}
          </button>
        ))}
        <button type="button" className="ll-button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
