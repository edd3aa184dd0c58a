// The providers in fail-over order, each with its details, health and controls; the one being edited shows the editor
// instead. Order changes by the Move buttons (keyboard) or by dragging an item by its handle (pointer).
import { useState, type DragEvent, type ReactNode } from 'react';
import { HEALTH_FACT_SEPARATOR, describeHealth } from '@/utils/llm/health/format-health';
import type { EntryHealthView } from '@/utils/llm/health/health-view';
import { presetById } from '@/utils/providers/presets';
import { dropTarget, originOf } from '@/utils/providers/provider-form';
import type { ProviderView } from '@/utils/storage/provider-settings';
import { PROVIDER_KIND_LABELS, draftsFromViews, keyStatusText, managedCount } from '@/utils/storage/provider-drafts';
import { ProviderTestButton } from './providers/ProviderTestButton';

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
  /** A dragged provider dropped before the provider at `to` (`to` = length: last). */
  onReorder(from: number, to: number): void;
  onToggleEnabled(index: number, enabled: boolean): void;
  /** Called synchronously from the click: the permission request needs the user's gesture. */
  onGrantAccess(index: number): void;
  /** Per provider id: why access is still missing after the user was asked. */
  accessMessages: Readonly<Record<string, string>>;
  /** Health per provider id, or null while it is unavailable (the list then shows no health). */
  health: ReadonlyMap<string, EntryHealthView> | null;
  /** When the health was read: relative times are counted from it. */
  healthAt: number;
  /** Id of the provider whose health is being reset, or null. */
  retryingId: string | null;
  onTryAgain(index: number): void;
}

interface DragState {
  from: number;
  /** Where the item would land (an insertion index), or null where dropping changes nothing. */
  to: number | null;
}

export function ProviderList(props: ProviderListProps) {
  const { providers, editingIndex, editor, locked, onEdit, onRemove, onMove, onReorder, onToggleEnabled } = props;
  const { onGrantAccess, accessMessages, health, healthAt, retryingId, onTryAgain } = props;
  const [drag, setDrag] = useState<DragState | null>(null);

  if (providers.length === 0) {
    return <p className="empty">No providers yet. Add one to start; add a second one so Lifeline has somewhere to fail over to.</p>;
  }

  const fixed = managedCount(providers);
  /** Dragging needs at least two providers the user can move. */
  const canDrag = providers.length - fixed > 1;
  const movable = (index: number): boolean => !providers[index]?.managed;

  const dragOver = (event: DragEvent<HTMLLIElement>, index: number): void => {
    if (!drag) return;
    const box = event.currentTarget.getBoundingClientRect();
    const insertAt = event.clientY < box.top + box.height / 2 ? index : index + 1;
    const to = dropTarget(drag.from, insertAt, fixed, providers.length);
    event.preventDefault();
    event.dataTransfer.dropEffect = to === null ? 'none' : 'move';
    if (to !== drag.to) setDrag({ ...drag, to });
  };

  const drop = (event: DragEvent<HTMLLIElement>): void => {
    if (!drag) return;
    event.preventDefault();
    if (drag.to !== null) onReorder(drag.from, drag.to);
    setDrag(null);
  };

  return (
    <ol className={`provider-list${drag ? ' dragging' : ''}`} aria-label="Providers in fail-over order">
      {providers.map((provider, index) => {
        if (index === editingIndex) {
          return (
            <li key={provider.id} className="provider provider-editing">
              {editor}
            </li>
          );
        }
        const preset = presetById(provider.preset);
        const serviceLabel = preset.id === 'custom' ? PROVIDER_KIND_LABELS[provider.kind] : preset.label;
        const managed = provider.managed === true;
        const dropClass =
          drag && drag.to !== null
            ? drag.to === index
              ? 'drop-before'
              : drag.to === providers.length && index === providers.length - 1
                ? 'drop-after'
                : ''
            : '';
        const useId = `provider-use-${index}`;
        return (
          <li
            key={provider.id}
            className={[
              'provider',
              provider.enabled ? '' : 'provider-off',
              managed ? 'provider-managed' : '',
              drag?.from === index ? 'drag-source' : '',
              dropClass,
            ]
              .filter(Boolean)
              .join(' ')}
            data-provider-id={provider.id}
            onDragOver={(event) => dragOver(event, index)}
            onDrop={drop}
          >
            <div className="provider-summary">
              {managed || locked || !canDrag ? (
                <span className="drag-handle drag-handle-off" aria-hidden="true" />
              ) : (
                <span
                  className="drag-handle"
                  aria-hidden="true"
                  draggable
                  title="Drag to change the order"
                  data-testid="drag-handle"
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', provider.name);
                    const item = event.currentTarget.closest('li');
                    if (item) event.dataTransfer.setDragImage(item, 16, 16);
                    setDrag({ from: index, to: null });
                  }}
                  onDragEnd={() => setDrag(null)}
                />
              )}
              <span className="provider-position" aria-hidden="true">
                {index + 1}
              </span>
              <div className="provider-details">
                <div className="provider-header">
                  <p className="provider-name">
                    {provider.name}
                    {serviceLabel === provider.name ? null : <span className="provider-kind">{serviceLabel}</span>}
                    {managed ? <span className="provider-badge">Managed by your organization</span> : null}
                  </p>
                  {managed ? (
                    <p className="provider-switch-state">{provider.enabled ? 'In use' : 'Switched off'}</p>
                  ) : (
                    <div className="checkbox-field provider-switch">
                      <input
                        id={useId}
                        type="checkbox"
                        checked={provider.enabled}
                        data-focus-key={`use:${provider.id}`}
                        disabled={locked}
                        onChange={(event) => onToggleEnabled(index, event.target.checked)}
                      />
                      <label htmlFor={useId}>Use {provider.name}</label>
                    </div>
                  )}
                </div>
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
                {provider.hasPermission === false ? (
                  <div className="access-block">
                    <p>
                      Lifeline has no access to <span className="mono">{originOf(provider.baseURL)}</span> yet, so it skips{' '}
                      {provider.name}.
                    </p>
                    <button
                      type="button"
                      className="ll-button primary"
                      data-focus-key={`grant:${provider.id}`}
                      disabled={locked}
                      onClick={() => onGrantAccess(index)}
                    >
                      Grant access<span className="visually-hidden"> for {provider.name}</span>
                    </button>
                    {accessMessages[provider.id] ? (
                      <p className="field-error" role="alert">
                        {accessMessages[provider.id]}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                {provider.enabled ? (
                  <ProviderHealth
                    name={provider.name}
                    providerId={provider.id}
                    view={health?.get(provider.id)}
                    now={healthAt}
                    locked={locked}
                    retrying={retryingId === provider.id}
                    onTryAgain={() => onTryAgain(index)}
                  />
                ) : (
                  <div className="provider-health health-neutral" data-testid="provider-health">
                    <p className="health-summary">
                      <span className="health-label">Switched off</span>
                      {`${HEALTH_FACT_SEPARATOR}Lifeline does not ask it until you switch it back on`}
                    </p>
                  </div>
                )}
              </div>
            </div>
            <div className="provider-actions">
              <ProviderTestButton
                accessibleName={`Test ${provider.name}`}
                focusKey={`test:${provider.id}`}
                buildDraft={() => draftsFromViews([provider])[0] ?? 'This provider cannot be tested.'}
                disabled={locked}
              />
              {managed ? null : (
                <>
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
                    disabled={locked || index === 0 || !movable(index - 1)}
                    onClick={() => onMove(index, -1)}
                  >
                    <span aria-hidden="true">↑ </span>Up
                  </button>
                  <button
                    type="button"
                    className="ll-button"
                    data-focus-key={`down:${provider.id}`}
                    aria-label={`Move ${provider.name} down`}
                    disabled={locked || index === providers.length - 1}
                    onClick={() => onMove(index, 1)}
                  >
                    <span aria-hidden="true">↓ </span>Down
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
                </>
              )}
            </div>
          </li>
        );
      })}
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
