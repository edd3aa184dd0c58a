import { describe, expect, it } from 'vitest';
import { pinningStep, SHORTCUT_SETTINGS, shortcutRows } from '@/utils/onboarding/guidance';

describe('shortcutRows', () => {
  it("should list Lifeline's shortcuts in the browser's order with the keys it reports", () => {
    const commands = [
      { name: 'summarize-page', description: 'Summarize this page', shortcut: 'Alt+Shift+S' },
      { name: 'improve-writing', description: 'Improve the selected writing', shortcut: '⌥⇧I' },
    ];

    const rows = shortcutRows(commands);

    expect(rows).toEqual([
      { name: 'summarize-page', label: 'Summarize this page', keys: 'Alt+Shift+S' },
      { name: 'improve-writing', label: 'Improve the selected writing', keys: '⌥⇧I' },
    ]);
  });

  it("should put the shortcuts in the manifest's order whatever order the browser lists them in", () => {
    const commands = [
      { name: '_execute_action', shortcut: 'Ctrl+Shift+L' },
      { name: 'improve-writing', description: 'Improve the selected writing', shortcut: 'Alt+Shift+I' },
      { name: 'summarize-page', description: 'Summarize this page', shortcut: 'Alt+Shift+S' },
    ];

    const rows = shortcutRows(commands, ['summarize-page', 'improve-writing']);

    expect(rows.map((row) => row.name)).toEqual(['summarize-page', 'improve-writing', '_execute_action']);
  });

  it('should keep a shortcut without keys, so the guidance can say it is not set', () => {
    const rows = shortcutRows([{ name: 'improve-writing', description: 'Improve the selected writing', shortcut: '' }]);

    expect(rows).toEqual([{ name: 'improve-writing', label: 'Improve the selected writing' }]);
  });

  it("should list the browser's own open commands only when the user gave them keys", () => {
    const commands = [
      { name: '_execute_action', description: '', shortcut: '' },
      { name: '_execute_browser_action', shortcut: 'Ctrl+Shift+L' },
      { name: '_execute_sidebar_action', shortcut: 'Alt+L' },
    ];

    const rows = shortcutRows(commands);

    expect(rows).toEqual([
      { name: '_execute_browser_action', label: 'Open the Lifeline popup', keys: 'Ctrl+Shift+L' },
      { name: '_execute_sidebar_action', label: 'Open the Lifeline sidebar', keys: 'Alt+L' },
    ]);
  });

  it('should name a command by its name when it has no description, and skip one without a name', () => {
    const rows = shortcutRows([{ name: 'summarize-page', shortcut: 'Alt+Shift+S' }, { description: 'Nameless', shortcut: 'Alt+N' }]);

    expect(rows).toEqual([{ name: 'summarize-page', label: 'summarize-page', keys: 'Alt+Shift+S' }]);
  });
});

describe('pinningStep', () => {
  it('should say the button is pinned when the browser says so', () => {
    const step = pinningStep(true, 'chrome');

    expect(step.pinned).toBe(true);
    expect(step.text).toContain('is pinned to the toolbar');
  });

  it("should explain pinning in each browser's words when it is not pinned or the browser cannot tell", () => {
    const chrome = pinningStep(false, 'chrome');
    const unknown = pinningStep(undefined, 'chrome');
    const firefox = pinningStep(false, 'firefox');

    expect(chrome.pinned).toBe(false);
    expect(chrome.text).toContain('Extensions (the puzzle piece)');
    expect(chrome.text).toContain('the pin next to Lifeline');
    expect(unknown).toEqual(chrome);
    expect(firefox.text).toContain('Pin to Toolbar');
  });
});

describe('SHORTCUT_SETTINGS', () => {
  it("should send Chrome users to the shortcuts page and Firefox users to the add-ons manager", () => {
    expect(SHORTCUT_SETTINGS.chrome).toEqual({ where: 'chrome://extensions/shortcuts', url: 'chrome://extensions/shortcuts' });
    expect(SHORTCUT_SETTINGS.firefox.where).toContain('about:addons');
    expect(SHORTCUT_SETTINGS.firefox.url).toBeUndefined();
  });
});
