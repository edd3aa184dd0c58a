import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isBrowserPage,
  PAGE_READER_SCRIPT,
  PDF_READER_SCRIPT,
  probeTab,
  readSelectionState,
  readTab,
  replaceInTab,
  TAB_MESSAGES,
  type TabInjection,
  type TabReaderDeps,
} from '@/utils/page/tab-reader';
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
  /** What the page reader answers to readPage (the snapshot by default); thrown when it is an Error. */
  readReply?: unknown;
  /** What the page reader answers to replaceSelectionInPage; thrown when it is an Error. */
  replaceReply?: unknown;
}

const answer = (reply: unknown): unknown => {
  if (reply instanceof Error) throw reply;
  return reply;
};

/** A tab as the background sees it: records what was injected and what the page reader was asked. */
function fakeTab(tab: FakeTab = {}) {
  const injected: string[] = [];
  const asked: Array<{ type: 'readPage' | 'replaceSelection'; tabId: number; request: unknown }> = [];
  const deps: TabReaderDeps = {
    executeScript: async (injection: TabInjection) => {
      expect(injection.target).toEqual({ tabId: TAB });
      if (tab.refuse) throw new Error(tab.refuse);
      if ('files' in injection) {
        injected.push(...injection.files);
        return [{}];
      }
      if (injection.func === probeTab) return [{ result: { contentType: tab.contentType ?? 'text/html', pdfReader: tab.pdfReaderLoaded ?? false } }];
      return [{ result: injection.func() }];
    },
    readPage: async (tabId, request) => {
      asked.push({ type: 'readPage', tabId, request });
      return answer('readReply' in tab ? tab.readReply : SNAPSHOT);
    },
    replaceSelection: async (tabId, request) => {
      asked.push({ type: 'replaceSelection', tabId, request });
      return answer(tab.replaceReply);
    },
    tabUrl: async () => tab.url,
  };
  return { deps, injected, asked };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readTab', () => {
  it("should inject the page reader and pass its snapshot through", async () => {
    const { deps, injected, asked } = fakeTab();

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: true, snapshot: SNAPSHOT });
    expect(injected).toEqual([PAGE_READER_SCRIPT]);
    expect(asked).toEqual([{ type: 'readPage', tabId: TAB, request: { includePage: true } }]);
  });

  it('should ask for the selection only when the page is not needed', async () => {
    const { deps, asked } = fakeTab({ readReply: { info: SNAPSHOT.info, selection: SNAPSHOT.selection } });

    const result = await readTab(TAB, false, deps);

    expect(result).toEqual({ ok: true, snapshot: { info: SNAPSHOT.info, selection: SNAPSHOT.selection } });
    expect(asked).toEqual([{ type: 'readPage', tabId: TAB, request: { includePage: false } }]);
  });

  it('should inject the PDF reader before the page reader into a PDF tab whose text is asked for', async () => {
    const { deps, injected } = fakeTab({ contentType: 'application/pdf' });

    await readTab(TAB, true, deps);

    expect(injected).toEqual([PDF_READER_SCRIPT, PAGE_READER_SCRIPT]);
  });

  it('should not inject the PDF reader when only the selection is asked for, into a web page, or when it is there already', async () => {
    const selectionOnly = fakeTab({ contentType: 'application/pdf' });
    const webPage = fakeTab({ contentType: 'text/html' });
    const loaded = fakeTab({ contentType: 'application/pdf', pdfReaderLoaded: true });

    await readTab(TAB, false, selectionOnly.deps);
    await readTab(TAB, true, webPage.deps);
    await readTab(TAB, true, loaded.deps);

    expect(selectionOnly.injected).toEqual([PAGE_READER_SCRIPT]);
    expect(webPage.injected).toEqual([PAGE_READER_SCRIPT]);
    expect(loaded.injected).toEqual([PAGE_READER_SCRIPT]);
  });

  it('should map a refused injection on a web page to no-access with what to do', async () => {
    const { deps, asked } = fakeTab({
      refuse: 'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
    });

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: false, reason: 'no-access', message: TAB_MESSAGES.noAccess });
    expect(TAB_MESSAGES.noAccess).toContain('Click the Lifeline button in the toolbar');
    expect(asked).toEqual([]);
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

  it('should report a closed tab and a page reader that does not answer as failures, not as missing access', async () => {
    const closed = fakeTab({ refuse: 'No tab with id: 7.' });
    const silent = fakeTab({ readReply: new Error('No response') });
    const closedWhileReading = fakeTab({ readReply: new Error('No tab with id: 7.') });

    const closedResult = await readTab(TAB, true, closed.deps);
    const silentResult = await readTab(TAB, true, silent.deps);
    const closedWhileReadingResult = await readTab(TAB, true, closedWhileReading.deps);

    expect(closedResult).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.tabClosed });
    expect(silentResult).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.readFailed });
    expect(closedWhileReadingResult).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.tabClosed });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'the page'],
    ['a snapshot without its selection', { info: SNAPSHOT.info }],
    ['a selection that is not text', { info: SNAPSHOT.info, selection: { text: 42, editable: false } }],
    ['a page of an unknown source', { ...SNAPSHOT, page: { ...SNAPSHOT.page, source: 'screenshot' } }],
  ])("should refuse a page reader's answer that is %s rather than use it", async (_name, readReply) => {
    const { deps } = fakeTab({ readReply });

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: false, reason: 'failed', message: TAB_MESSAGES.readFailed });
  });

  it('should keep only the fields a snapshot has from what the page reader answers', async () => {
    const { deps } = fakeTab({ readReply: { ...SNAPSHOT, injected: '<script>', selection: { ...SNAPSHOT.selection, extra: true } } });

    const result = await readTab(TAB, true, deps);

    expect(result).toEqual({ ok: true, snapshot: SNAPSHOT });
  });
});

describe('readSelectionState', () => {
  it('should peek at the selection and answer only whether there is one, never its text', async () => {
    const { deps, asked } = fakeTab({ readReply: { info: SNAPSHOT.info, selection: { text: 'Body', editable: true } } });

    const state = await readSelectionState(TAB, deps);

    expect(state).toEqual({ selected: true, editable: true });
    expect(asked).toEqual([{ type: 'readPage', tabId: TAB, request: { includePage: false, peek: true } }]);
    expect(JSON.stringify(state)).not.toContain('Body');
  });

  it('should say so when the tab cannot be read', async () => {
    const { deps } = fakeTab({ refuse: 'Cannot access a chrome:// URL' });

    const state = await readSelectionState(TAB, deps);

    expect(state).toEqual({ access: 'no-access' });
  });
});

describe('replaceInTab', () => {
  it("should pass the page reader's outcome through", async () => {
    const refused: ReplaceOutcome = { ok: false, message: 'The field is no longer on the page. Copy the answer instead.' };
    const done = fakeTab({ replaceReply: { ok: true } });
    const gone = fakeTab({ replaceReply: refused });

    const doneOutcome = await replaceInTab(TAB, 'the report', done.deps);
    const goneOutcome = await replaceInTab(TAB, 'the report', gone.deps);

    expect(doneOutcome).toEqual({ ok: true });
    expect(done.asked).toEqual([{ type: 'replaceSelection', tabId: TAB, request: { text: 'the report' } }]);
    expect(goneOutcome).toEqual(refused);
  });

  it('should say what to do when the page or the tab is gone', async () => {
    const reloaded = fakeTab({ replaceReply: new Error('Could not establish connection. Receiving end does not exist.') });
    const closed = fakeTab({ replaceReply: new Error('No tab with id: 7.') });

    const reloadedOutcome = await replaceInTab(TAB, 'x', reloaded.deps);
    const closedOutcome = await replaceInTab(TAB, 'x', closed.deps);

    expect(reloadedOutcome).toEqual({ ok: false, message: TAB_MESSAGES.replaceFailed });
    expect(closedOutcome).toEqual({ ok: false, message: TAB_MESSAGES.replaceTabClosed });
  });

  it('should not pass on an answer that is not an outcome', async () => {
    const odd = fakeTab({ replaceReply: { ok: 'yes', message: 'Done!' } });

    const outcome = await replaceInTab(TAB, 'x', odd.deps);

    expect(outcome).toEqual({ ok: false, message: TAB_MESSAGES.replaceFailed });
  });
});

describe('probeTab', () => {
  it('should look for the PDF reader under the name the reader script uses', () => {
    vi.stubGlobal('document', { contentType: 'application/pdf' });
    vi.stubGlobal(PDF_READER_GLOBAL, { extract: async () => undefined });

    const probe = probeTab();

    expect(probe).toEqual({ contentType: 'application/pdf', pdfReader: true });
  });
});

describe('isBrowserPage', () => {
  it('should tell browser pages, stores and local files from web pages', () => {
    const browserPages = ['chrome://settings', 'about:addons', 'edge://extensions', 'file:///tmp/a.html', 'https://chrome.google.com/webstore/detail/x'];
    const webPages = ['https://example.com/', 'http://127.0.0.1:8080/compose', 'https://google.com/search?q=chrome://'];

    expect(browserPages.every(isBrowserPage)).toBe(true);
    expect(webPages.some(isBrowserPage)).toBe(false);
  });
});
