// The providers in fail-over order, each with its details, health and controls; the one being edited shows the editor instead.
import type { ReactNode } from 'react';
import { HEALTH_FACT_SEPARATOR, describeHealth } from '@/utils/llm/health/format-health';
import type { EntryHealthView } from '@/utils/llm/health/health-view';
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
  /** Health per provider id, or null while it is unavailable (the list then shows no health). */
  health: ReadonlyMap<string, EntryHealthView> | null;
  /** When the health was read: relative times are counted from it. */
  healthAt: number;
  /** Id of the provider whose health is being reset, or null. */
  retryingId: string | null;
  onTryAgain(index: number): void;
}

export function ProviderList(props: ProviderListProps) {
  const { providers, editingIndex, editor, locked, onEdit, onRemove, onMove, health, healthAt, retryingId, onTryAgain } = props;
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
                <ProviderHealth
                  name={provider.name}
                  providerId={provider.id}
                  view={health?.get(provider.id)}
                  now={healthAt}
                  locked={locked}
                  retrying={retryingId === provider.id}
                  onTryAgain={() => onTryAgain(index)}
                />
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

interface ProviderHealthProps {
  name: string;
  providerId: string;
  /** Undefined while health is unavailable, or for a provider the background has no health for yet. */
  view: EntryHealthView | undefined;
  now: number;
  locked: boolean;
  retrying: boolean;
  onTryAgain(): void;
}

/** One compact health line; a warning block when the provider fails or rests, an alert block when it is disabled. */
function ProviderHealth(props: ProviderHealthProps) {
  const { name, providerId, view, now, locked, retrying, onTryAgain } = props;
  if (!view) return null;
  const description = describeHealth(view, now);
  const hasDetails = Boolean(description.notice ?? description.nextTry ?? description.lastError);
  return (
    <div className={`provider-health health-${description.tone}`} data-testid="provider-health">
      <p className="health-summary">
        <span className="health-label">{description.label}</span>
        {description.facts.length > 0 ? `${HEALTH_FACT_SEPARATOR}${description.facts.join(HEALTH_FACT_SEPARATOR)}` : null}
      </p>
      {description.tone === 'alert' ? (
        <div className="health-block health-block-alert">
          {description.notice ? <p className="health-notice">{description.notice}</p> : null}
          {description.lastError ? <p>{description.lastError}</p> : null}
          <button
            type="button"
            className="ll-button"
            data-focus-key={`retry:${providerId}`}
            aria-label={`Try ${name} again`}
            aria-disabled={retrying || undefined}
            disabled={locked}
            onClick={() => {
              if (!retrying) onTryAgain();
            }}
          >
            {retrying ? 'Trying again…' : 'Try again'}
          </button>
        </div>
      ) : hasDetails ? (
        <div className="health-block health-block-warning">
          {description.notice ? <p className="health-notice">{description.notice}</p> : null}
          {description.nextTry ? <p>{description.nextTry}.</p> : null}
          {description.lastError ? <p>{description.lastError}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
