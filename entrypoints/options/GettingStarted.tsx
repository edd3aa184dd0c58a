// First run: the three ways into Lifeline (the right-click menu, the shortcuts as the browser has them set, the toolbar
// button), ending with where to try it.
import { useGuidance } from '@/components/onboarding/use-guidance';
import { MENU_TITLES } from '@/utils/menus/menus-and-shortcuts';
import { SHORTCUT_SETTINGS } from '@/utils/onboarding/guidance';
import './getting-started.css';

export function GettingStarted() {
  const { shortcuts, pin, browserKind, openShortcutSettings } = useGuidance();
  const unset = shortcuts?.some((row) => !row.keys) ?? false;

  return (
    <section className="getting-started" aria-labelledby="getting-started-heading">
      <h3 id="getting-started-heading">Then, on any web page</h3>
      <ol className="getting-started-steps">
        <li>
          <strong>Right-click menu.</strong> Right-click the page and choose <q>{MENU_TITLES.summarizePage}</q>. Select
          text first for <q>{MENU_TITLES.summarizeSelection}</q> or <q>{MENU_TITLES.rewriteSelection}</q>.
        </li>
        <li>
          <strong>Keyboard shortcuts.</strong>
          {shortcuts === undefined ? (
            ' Reading them from the browser…'
          ) : (
            <ul className="getting-started-shortcuts" aria-label="Keyboard shortcuts">
              {shortcuts.map((row) => (
                <li key={row.name}>
                  {row.keys ? <kbd>{row.keys}</kbd> : <span className="getting-started-unset">not set</span>} {row.label}
                </li>
              ))}
            </ul>
          )}
          <span className="getting-started-where">
            {unset ? 'Set' : 'Change'} them at {SHORTCUT_SETTINGS[browserKind].where}.{' '}
            {openShortcutSettings && (
              <button type="button" className="ll-button" onClick={openShortcutSettings}>
                Open shortcut settings
              </button>
            )}
          </span>
        </li>
        <li>
          <strong>Toolbar button.</strong> {pin.text}
        </li>
      </ol>
      <p>
        Then open an article, click the Lifeline button and choose <q>Try it on this page</q>.
      </p>
    </section>
  );
}
