// What the first-run guidance says, per browser: the shortcuts as the browser reports them, where to change them, and
// how to pin the toolbar button. The menu items' names and the command names are in utils/menus/menus-and-shortcuts.ts.
export type BrowserKind = 'chrome' | 'firefox';

/** One entry of commands.getAll(). */
export interface CommandInfo {
  name?: string;
  description?: string;
  shortcut?: string;
}

export interface ShortcutRow {
  name: string;
  label: string;
  /** As the browser shows it ("Alt+Shift+S", "⌥⇧S"); absent when no keys are set. */
  keys?: string;
}

/** The browser's own commands have no description of their own. */
const BUILT_IN_LABELS: Readonly<Record<string, string>> = {
  _execute_action: 'Open the Lifeline popup',
  _execute_browser_action: 'Open the Lifeline popup',
  _execute_sidebar_action: 'Open the Lifeline sidebar',
};

/**
 * Lifeline's shortcuts in the order of `declared` (browsers list them in any order), then the browser's built-in ones,
 * those only when the user gave them keys.
 */
export function shortcutRows(commands: readonly CommandInfo[], declared: readonly string[] = []): ShortcutRow[] {
  const rank = (name: string | undefined): number => {
    const index = name === undefined ? -1 : declared.indexOf(name);
    return index === -1 ? declared.length : index;
  };
  const ordered = [...commands].sort((a, b) => rank(a.name) - rank(b.name));
  return ordered.flatMap(({ name, description, shortcut }) => {
    if (!name) return [];
    const keys = shortcut?.trim() || undefined;
    const builtIn = name.startsWith('_execute_');
    if (builtIn && !keys) return [];
    const label = BUILT_IN_LABELS[name] ?? (description?.trim() || name);
    return [{ name, label, ...(keys ? { keys } : {}) }];
  });
}

/** Where the user sets or changes the shortcuts; Chrome's page can be opened from an extension page. */
export const SHORTCUT_SETTINGS: Readonly<Record<BrowserKind, { where: string; url?: string }>> = {
  chrome: { where: 'chrome://extensions/shortcuts', url: 'chrome://extensions/shortcuts' },
  firefox: { where: 'about:addons (the gear menu, then Manage Extension Shortcuts)' },
};

export interface PinningStep {
  pinned: boolean;
  /** A sentence for the settings page. */
  text: string;
  /** A few words for the popup's card, after "Toolbar button:". */
  short: string;
}

const HOW_TO_PIN: Readonly<Record<BrowserKind, { text: string; short: string }>> = {
  chrome: {
    text: 'Click Extensions (the puzzle piece) in the toolbar, then the pin next to Lifeline: its button stays one click away.',
    short: 'pin it from the puzzle-piece menu.',
  },
  firefox: {
    text: 'Click Extensions (the puzzle piece) in the toolbar, then the gear next to Lifeline and Pin to Toolbar: its button stays one click away.',
    short: 'puzzle-piece menu, then the gear and Pin to Toolbar.',
  },
};

/** `pinned`: what the browser reports (action.getUserSettings); undefined when it cannot tell, so the how-to is shown. */
export function pinningStep(pinned: boolean | undefined, browser: BrowserKind): PinningStep {
  if (pinned) {
    return {
      pinned: true,
      text: 'Lifeline is pinned to the toolbar: click its button on any page for the quick actions and the chat.',
      short: 'pinned, one click away on any page.',
    };
  }
  return { pinned: false, ...HOW_TO_PIN[browser] };
}
