import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  canAccessTab,
  isBrowserPage,
  PAGE_BRIDGE_SCRIPT,
  PDF_READER_SCRIPT,
  probeTab,
  readTab,
  replaceInTab,
  TAB_MESSAGES,
  type TabInjection,
  type TabReaderDeps,
} from '@/entrypoints/background/tab-reader';
import type { PageSnapshot, ReplaceOutcome } from '@/utils/page/page-snapshot';
import { PDF_READER_GLOBAL } from '@/utils/page/pdf-reader-global';

const TAB = 7;
const SNAPSHOT: PageSnapshot = {
  info: { url: 'https://example.com/article', title: 'Article' },
  page: { url: 'https://example.com/article', title: 'Article', text: 'Body text.', source: 'readability' },
  selection: { text: 'Body', editable: false },
};

interface FakeTab {
  contentType?: string;
  pdfReaderLoaded?: boolean;
  url?: string;
  /** Thrown by every executeScript: what the browser says when it refuses. */
  refuse?: string;
  reply?: (type: string, data: unknown) => unknown;
}

/** A tab as the background sees it: records what was injected and what was sent. */
function fakeTab(tab: FakeTab = {}) {
  const injected: string[] = [];
  const sent: Array<{ type: string; data: unknown; tabId: number }> = [];
  const executeScript = vi.fn(async (injection: TabInjection) => {
    expect(injection.target).toEqual({ tabId: TAB });
    if (tab.refuse) throw new Error(tab.refuse);
    if ('files' in injection) {
      injected.push(...injection.files);
      return [{}];
    }
    if (injection.func === probeTab) return [{ result: { contentType: tab.contentType ?? 'text/html', pdfReader: tab.pdfReaderLoaded ?? false } }];
    return [{ result: injection.func() }];
  });
  const deps: TabReaderDeps = {
    executeScript,
    sendMessage: (async (type: string, data: unknown, tabId: number) => {
      sent.push({ type, data, tabId });
      return tab.reply ? tab.reply(type, data) : SNAPSHOT;
    }) as TabReaderDeps['sendMessage'],
    tabUrl: async () => tab.url,
  };
  return { deps, injected, sent, executeScript };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readTab', () => {
  it('should inject the bridge and pass its snapshot through', async () => {
    const { deps, injected, sent } = fakeTab();

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: true, snapshot: SNAPSHOT });
    expect(injected).toEqual([PAGE_BRIDGE_SCRIPT]);
    expect(sent).toEqual([{ type: 'readPageForChat', data: { includePage: true }, tabId: TAB }]);
  });

  it('should inject the PDF reader before the bridge into a PDF tab whose text is asked for', async () => {
    const { deps, injected } = fakeTab({ contentType: 'application/pdf' });

    await readTab(TAB, true, deps);

    expect(injected).toEqual([PDF_READER_SCRIPT, PAGE_BRIDGE_SCRIPT]);
  });

  it('should not inject the PDF reader when only the selection is asked for, into a web page, or when it is there already', async () => {
    const selectionOnly = fakeTab({ contentType: 'application/pdf' });
    const webPage = fakeTab({ contentType: 'text/html' });
    const loaded = fakeTab({ contentType: 'application/pdf', pdfReaderLoaded: true });

    await readTab(TAB, false, selectionOnly.deps);
    await readTab(TAB, true, webPage.deps);
    await readTab(TAB, true, loaded.deps);

    expect(selectionOnly.injected).toEqual([PAGE_BRIDGE_SCRIPT]);
    expect(webPage.injected).toEqual([PAGE_BRIDGE_SCRIPT]);
    expect(loaded.injected).toEqual([PAGE_BRIDGE_SCRIPT]);
  });

  it('should map a refused injection on a web page to no-access with what to do', async () => {
    const { deps, sent } = fakeTab({
      refuse: 'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
    });

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: false, reason: 'no-access', message: TAB_MESSAGES.noAccess });
    expect(TAB_MESSAGES.noAccess).toContain('Click the Lifeline button in the toolbar');
    expect(sent).toEqual([]);
  });

  it.each([
    ['Cannot access a chrome:// URL', undefined],
    ['The extensions gallery cannot be scripted.', undefined],
    ['Cannot access contents of url "file:///home/me/notes.html". Extension manifest must request permission to access this host.', undefined],
    ['Cannot access "about:blank" at origin "null".', undefined],
    ['Missing host permission for the tab', 'view-source:https://example.com/'],
    ['Missing host permission for the tab', 'https://chromewebstore.google.com/detail/abc'],
    ['Missing host permission for the tab', 'https://addons.mozilla.org/en-US/firefox/'],
  ])('should say Lifeline cannot work on browser pages when the browser refuses "%s" (tab %s)', async (refuse, url) => {
    const { deps } = fakeTab({ refuse, url });

    const result = await readTab(TAB, false, deps);

    expect(result).toEqual({ ok: false, reason: 'no-access', message: TAB_MESSAGES.browserPage });
  });

  it('should report a closed tab and a bridge that does not answer as failures, not as missing access', async () => {
    const closed = fakeTab({ refuse: 'No tab with id: 7.' });
    const silent = fakeTab({
      reply: () => {
        throw new Error('No response');
      },
    });

    const closedResult = await readTab(TAB, true, closed.deps);
    const silentResult = await readTab(TAB, true, silent.deps);

    expect(closedResult).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.tabClosed });
    expect(silentResult).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.readFailed });
  });
});

describe('replaceInTab', () => {
  it('should pass the bridge\'s outcome through', async () => {
    const refused: ReplaceOutcome = { ok: false, message: 'The field is no longer on the page. Copy the answer instead.' };
    const done = fakeTab({ reply: () => ({ ok: true }) });
    const gone = fakeTab({ reply: () => refused });

    const doneOutcome = await replaceInTab(TAB, 'the report', done.deps);
    const goneOutcome = await replaceInTab(TAB, 'the report', gone.deps);

    expect(doneOutcome).toEqual({ ok: true });
    expect(done.sent).toEqual([{ type: 'replaceSelectionInPage', data: { text: 'the report' }, tabId: TAB }]);
    expect(goneOutcome).toEqual(refused);
  });

  it('should say what to do when the page or the tab is gone', async () => {
    const reloaded = fakeTab({
      reply: () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    const closed = fakeTab({
      reply: () => {
        throw new Error('No tab with id: 7.');
      },
    });

    expect(await replaceInTab(TAB, 'x', reloaded.deps)).toEqual({ ok: false, message: TAB_MESSAGES.replaceFailed });
    expect(await replaceInTab(TAB, 'x', closed.deps)).toEqual({ ok: false, message: TAB_MESSAGES.replaceTabClosed });
  });
});

describe('canAccessTab', () => {
  it('should be true when a script runs in the tab and false when the browser refuses', async () => {
    expect(await canAccessTab(TAB, fakeTab().deps)).toBe(true);
    expect(await canAccessTab(TAB, fakeTab({ refuse: 'Cannot access a chrome:// URL' }).deps)).toBe(false);
  });
});

describe('probeTab', () => {
  it('should look for the PDF reader under the name the reader script uses', () => {
    vi.stubGlobal('document', { contentType: 'application/pdf' });
    vi.stubGlobal(PDF_READER_GLOBAL, { extract: async () => undefined });

    expect(probeTab()).toEqual({ contentType: 'application/pdf', pdfReader: true });
  });
});

describe('isBrowserPage', () => {
  it('should tell browser pages, stores and local files from web pages', () => {
    expect(['chrome://settings', 'about:addons', 'edge://extensions', 'file:///tmp/a.html', 'https://chrome.google.com/webstore/detail/x'].every(isBrowserPage)).toBe(true);
    expect(['https://example.com/', 'http://127.0.0.1:8080/compose', 'https://google.com/search?q=chrome://'].some(isBrowserPage)).toBe(false);
  });
});
