// The providers in fail-over order, each with its details and controls; the one being edited shows the editor instead.
import type { ReactNode } from 'react';
import type { ProviderView } from '@/utils/storage/provider-settings';
import { PROVIDER_KIND_LABELS, keyStatusText } from '@/utils/storage/provider-drafts';

interface ProviderListProps {
  providers: readonly ProviderView[];
  /** Index of the provider being edited, or null. */
  editingIndex: number | null;
  editor: ReactNode;
  /** True while a save runs or the editor is open: the list's controls wait. */
  locked: boolean;
  onEdit(index: number): void;
  onRemove(index: number): void;
  onMove(index: number, direction: -1 | 1): void;
}

export function ProviderList(props: ProviderListProps) {
  const { providers, editingIndex, editor, locked, onEdit, onRemove, onMove } = props;
  if (providers.length === 0) {
    return <p className="empty">No providers yet. Add one to start; add a second one so Lifeline has somewhere to fail over to.</p>;
  }
  return (
    <ol className="provider-list" aria-label="Providers in fail-over order">
      {providers.map((provider, index) =>
        index === editingIndex ? (
          <li key={provider.id} className="provider provider-editing">
            {editor}
          </li>
        ) : (
          <li key={provider.id} className="provider">
            <div className="provider-summary">
              <span className="provider-position" aria-hidden="true">
                {index + 1}
              </span>
              <div className="provider-details">
                <p className="provider-name">
                  {provider.name}
                  <span className="provider-kind">{PROVIDER_KIND_LABELS[provider.kind]}</span>
                </p>
                <dl className="provider-facts">
                  <div>
                    <dt>Model</dt>
                    <dd>{provider.model}</dd>
                  </div>
                  <div>
                    <dt>Base URL</dt>
                    <dd className="mono">{provider.baseURL}</dd>
                  </div>
                  <div>
                    <dt>Key</dt>
                    <dd className={provider.hasKey ? undefined : 'muted'}>{keyStatusText(provider)}</dd>
                  </div>
                </dl>
              </div>
            </div>
            <div className="provider-actions">
              <button
                type="button"
                className="ll-button"
                data-focus-key={`edit:${provider.id}`}
                aria-label={`Edit ${provider.name}`}
                disabled={locked}
                onClick={() => onEdit(index)}
              >
                Edit
              </button>
              <button
                type="button"
                className="ll-button"
                data-focus-key={`up:${provider.id}`}
                aria-label={`Move ${provider.name} up`}
                disabled={locked || index === 0}
                onClick={() => onMove(index, -1)}
              >
                Move up
              </button>
              <button
                type="button"
                className="ll-button"
                data-focus-key={`down:${provider.id}`}
                aria-label={`Move ${provider.name} down`}
                disabled={locked || index === providers.length - 1}
                onClick={() => onMove(index, 1)}
              >
                Move down
              </button>
              <button
                type="button"
                className="ll-button danger"
                data-focus-key={`remove:${provider.id}`}
                aria-label={`Remove ${provider.name}`}
                disabled={locked}
                onClick={() => onRemove(index)}
              >
                Remove
              </button>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}
