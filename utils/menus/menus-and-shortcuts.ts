// The ways into Lifeline a page offers: the context menu items' titles and the keyboard shortcuts' command names, as
// the manifest and the menu declare them and as the onboarding names them.
export const MENU_TITLES = {
  summarizePage: 'Summarize page with Lifeline',
  summarizeSelection: 'Summarize selection with Lifeline',
  rewriteSelection: 'Rewrite selection with Lifeline',
} as const;

/** Keyboard shortcuts declared in the manifest's `commands`, in the order the onboarding lists them. */
export const COMMAND_SUMMARIZE_PAGE = 'summarize-page';
export const COMMAND_IMPROVE_WRITING = 'improve-writing';
export const SHORTCUT_COMMANDS = [COMMAND_SUMMARIZE_PAGE, COMMAND_IMPROVE_WRITING] as const;
