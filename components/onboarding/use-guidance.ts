// The browser's facts the first-run guidance shows: the shortcuts as they are set now and whether the toolbar button is
// pinned. Read again when the page comes back into view: the user may have just changed them.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SHORTCUT_COMMANDS } from '@/utils/menus/menus-and-shortcuts';
import { pinningStep, SHORTCUT_SETTINGS, shortcutRows, type BrowserKind, type PinningStep, type ShortcutRow } from '@/utils/onboarding/guidance';

interface UserSettingsEvent {
  addListener(listener: (change: { isOnToolbar?: boolean }) => void): void;
  removeListener(listener: (change: { isOnToolbar?: boolean }) => void): void;
}

/** action (Chrome, Firefox MV3) or browserAction (Firefox MV2); getUserSettings since Chrome 91 and Firefox 118. */
interface ToolbarButton {
  getUserSettings?(): Promise<{ isOnToolbar?: boolean }>;
  onUserSettingsChanged?: UserSettingsEvent;
}

const toolbarButton = (): ToolbarButton | undefined => {
  const api = browser as unknown as { action?: ToolbarButton; browserAction?: ToolbarButton };
  return api.action ?? api.browserAction;
};

export interface Guidance {
  /** Undefined until the browser has answered. */
  shortcuts: ShortcutRow[] | undefined;
  pin: PinningStep;
  browserKind: BrowserKind;
  /** Opens the browser's shortcut settings, where an extension page may (Chrome's page; Firefox 137+). */
  openShortcutSettings: (() => void) | undefined;
}

function shortcutSettingsOpener(kind: BrowserKind): (() => void) | undefined {
  const url = SHORTCUT_SETTINGS[kind].url;
  if (url) return () => void browser.tabs.create({ url });
  const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> } | undefined;
  return commands?.openShortcutSettings ? () => void commands.openShortcutSettings?.() : undefined;
}

export function useGuidance(): Guidance {
  const browserKind: BrowserKind = import.meta.env.FIREFOX ? 'firefox' : 'chrome';
  const [shortcuts, setShortcuts] = useState<ShortcutRow[] | undefined>(undefined);
  const [pinned, setPinned] = useState<boolean | undefined>(undefined);

  useEffect(() => {
    let open = true;
    const button = toolbarButton();
    const read = (): void => {
      Promise.resolve()
        .then(() => browser.commands.getAll())
        .then(
          (commands) => open && setShortcuts(shortcutRows(commands, SHORTCUT_COMMANDS)),
          () => open && setShortcuts([]),
        );
      // Browsers without getUserSettings cannot tell: the how-to stays.
      Promise.resolve()
        .then(() => button?.getUserSettings?.())
        .then((settings) => open && settings && setPinned(settings.isOnToolbar))
        .catch(() => undefined);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible') read();
    };
    const onPinChange = (change: { isOnToolbar?: boolean }): void => {
      if (change.isOnToolbar !== undefined) setPinned(change.isOnToolbar);
    };
    read();
    document.addEventListener('visibilitychange', onVisibility);
    button?.onUserSettingsChanged?.addListener(onPinChange);
    return () => {
      open = false;
      document.removeEventListener('visibilitychange', onVisibility);
      button?.onUserSettingsChanged?.removeListener(onPinChange);
    };
  }, []);

  return { shortcuts, pin: pinningStep(pinned, browserKind), browserKind, openShortcutSettings: shortcutSettingsOpener(browserKind) };
}
