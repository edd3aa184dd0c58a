// "Retry with…": a menu of the configured providers (name and model, never keys); the one picked is tried first.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EntryLabel } from '@/utils/llm/types';
import { SwitchIcon } from '@/components/icons';
import { sendMessage } from '@/utils/messaging/protocol';

export const providerLabelText = (entry: EntryLabel): string => `${entry.name} (${entry.model})`;

export function RetryMenu({ onPick }: { onPick: (providerId: string) => void }) {
  const [open, setOpen] = useState(false);
  const [providers, setProviders] = useState<EntryLabel[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = (): HTMLElement[] => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    let current = true;
    sendMessage('getProviderLabels')
      .then((labels) => current && (setProviders(labels), setFailed(false)))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [open]);

  // Focus the first item once the menu has its items; a refreshed list never moves focus the user already moved.
  useEffect(() => {
    if (!open) return;
    const active = menuRef.current?.ownerDocument.activeElement;
    if (active && active !== menuRef.current && menuRef.current?.contains(active)) return;
    (items()[0] ?? menuRef.current)?.focus();
  }, [open, providers, failed]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const list = items();
    const at = list.indexOf(event.target as HTMLElement);
    const focus = (index: number): void => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case 'Escape':
        // Closes the menu only, not the panel.
        event.preventDefault();
        event.stopPropagation();
        close(true);
        return;
      case 'Tab':
        close(false);
        return;
      case 'ArrowDown':
        return focus(at + 1);
      case 'ArrowUp':
        return focus(at - 1);
      case 'Home':
        return focus(0);
      case 'End':
        return focus(list.length - 1);
    }
  };

  return (
    <div className="ll-menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="ll-icon-button"
        aria-label="Retry with…"
        title="Retry with another provider"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <SwitchIcon />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="ll-menu"
          role="menu"
          aria-label="Retry with"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            if (next && !menuRef.current?.contains(next) && next !== buttonRef.current) setOpen(false);
          }}
        >
          {providers === undefined && !failed && <p className="ll-menu-note">Loading providers…</p>}
          {failed && <p className="ll-menu-note">Lifeline could not list the providers. Close the panel and try again.</p>}
          {providers?.length === 0 && <p className="ll-menu-note">No provider is turned on. Add one in Lifeline settings.</p>}
          {providers?.map((provider) => (
            <button
              key={provider.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="ll-menu-item"
              onClick={() => {
                close(true);
                onPick(provider.id);
              }}
            >
              {providerLabelText(provider)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
