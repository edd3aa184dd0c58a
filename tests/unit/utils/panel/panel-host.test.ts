// @vitest-environment happy-dom
import nodeConsole from 'node:console';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANCHOR_GAP_PX, PANEL_MARGIN_PX, PANEL_MAX_SIZE, panelSize, SHAPE_SIZES } from '@/utils/panel/panel-geometry';
import { createPanelHost, FRAME_READY_TIMEOUT_MS, PANEL_HOST_TAG, PLACEHOLDER_TEXT, REMOVE_AFTER_MS, type PanelHost, type ShowRequest } from '@/utils/panel/panel-host';

const FRAME_BASE = 'chrome-extension://lifeline-id/panel.html';
const VIEWPORT = { width: 1024, height: 768 };
const SUMMARIZE: ShowRequest = { tabId: 3, intent: { kind: 'summarize-page' } };

type HappyWindow = { happyDOM: { setViewport(viewport: { width: number; height: number }): void } };
const setViewport = (viewport: { width: number; height: number }): void => (window as unknown as HappyWindow).happyDOM.setViewport(viewport);

/** What the browser sends when the user does it: events the page dispatches itself are not trusted. */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

let host: PanelHost;
/** Every shadow root attached during a test: the host's is closed, so the page (and a test) cannot reach it otherwise. */
let shadowRoots: ShadowRoot[];
const cleanups: Array<() => void> = [];

beforeEach(() => {
  setViewport(VIEWPORT);
  shadowRoots = [];
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attachShadow.call(this, init);
    shadowRoots.push(root);
    return root;
  };
  cleanups.push(() => {
    Element.prototype.attachShadow = attachShadow;
  });
  // The frame's page is never loaded here; happy-dom says so on the console it was set up with (Node's own).
  const consoleError = nodeConsole.error.bind(nodeConsole);
  const reportLoading = vi.spyOn(nodeConsole, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('Iframe page loading is disabled')) consoleError(...args);
  });
  cleanups.push(() => reportLoading.mockRestore());
  host = createPanelHost({ document, window, frameUrl: (query) => `${FRAME_BASE}?${query.toString()}` });
});

afterEach(() => {
  host.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.innerHTML = '';
});

const hosts = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(PANEL_HOST_TAG)];
/** Hosts the user can see (a closed one is hidden at once and removed a moment later). */
const shownHosts = (): HTMLElement[] => hosts().filter((element) => element.style.getPropertyValue('display') !== 'none');
const frames = (): HTMLIFrameElement[] => shadowRoots.flatMap((root) => [...root.querySelectorAll('iframe')]);
const placeholder = (): HTMLElement | null => shadowRoots[0]?.querySelector<HTMLElement>('.placeholder') ?? null;
const cover = (): HTMLElement | null => shadowRoots[0]?.querySelector<HTMLElement>('.cover') ?? null;
const placed = (element: HTMLElement) => ({
  left: element.style.getPropertyValue('left'),
  top: element.style.getPropertyValue('top'),
  width: element.style.getPropertyValue('width'),
  height: element.style.getPropertyValue('height'),
});

describe('panel host: show', () => {
  it('should draw one host with a closed shadow root holding the frame for this tab and intent', () => {
    host.show({ ...SUMMARIZE, selectionFallback: 'Words in a frame' });

    expect(hosts()).toHaveLength(1);
    const element = hosts()[0]!;
    expect(element.parentElement).toBe(document.body);
    expect(element.shadowRoot).toBeNull();
    expect(shadowRoots.map((root) => root.mode)).toEqual(['closed']);
    expect(frames()).toHaveLength(1);
    const [base, query] = frames()[0]!.src.split('?');
    const search = new URLSearchParams(query);
    expect(base).toBe(FRAME_BASE);
    expect(search.get('tabId')).toBe('3');
    expect(JSON.parse(search.get('intent')!)).toEqual({ kind: 'summarize-page' });
    expect(search.get('selection')).toBe('Words in a frame');
    expect(frames()[0]!.title).toBe('Lifeline');
    expect(host.isOpen()).toBe(true);
  });

  it('should put no selection in the address when the menu reported none', () => {
    host.show(SUMMARIZE);

    expect(new URLSearchParams(frames()[0]!.src.split('?')[1]).has('selection')).toBe(false);
  });

  it("should pin the host above the page with important inline styles, in the viewport's top-right corner", () => {
    host.show(SUMMARIZE);

    const style = hosts()[0]!.style;
    expect(style.getPropertyValue('position')).toBe('fixed');
    expect(style.getPropertyPriority('position')).toBe('important');
    expect(style.getPropertyValue('z-index')).toBe('2147483647');
    expect(style.getPropertyValue('display')).toBe('block');
    expect(placed(hosts()[0]!)).toEqual({
      left: `${VIEWPORT.width - PANEL_MAX_SIZE.width - PANEL_MARGIN_PX}px`,
      top: `${PANEL_MARGIN_PX}px`,
      width: `${PANEL_MAX_SIZE.width}px`,
      height: `${PANEL_MAX_SIZE.height}px`,
    });
  });

  it('should open where the user last put it, kept inside the viewport', () => {
    host.show({ ...SUMMARIZE, position: { left: 5_000, top: 40 } });

    expect(placed(hosts()[0]!)).toMatchObject({ left: `${VIEWPORT.width - PANEL_MAX_SIZE.width}px`, top: '40px' });
  });

  it('should replace the frame, not the host, when shown again', () => {
    host.show(SUMMARIZE);
    const first = hosts()[0];
    const firstFrame = frames()[0];

    host.show({ tabId: 3, intent: { kind: 'rewrite-selection', style: 'fix' } });

    expect(hosts()).toEqual([first]);
    expect(shadowRoots).toHaveLength(1);
    expect(frames()).toHaveLength(1);
    expect(frames()[0]).not.toBe(firstFrame);
    expect(firstFrame?.isConnected).toBe(false);
    expect(JSON.parse(new URLSearchParams(frames()[0]!.src.split('?')[1]).get('intent')!)).toEqual({ kind: 'rewrite-selection', style: 'fix' });
  });

  it('should close when something else navigates its frame', () => {
    host.show(SUMMARIZE);
    const frame = frames()[0]!;

    frame.dispatchEvent(new Event('load'));
    const openAfterFirstLoad = host.isOpen();
    frame.dispatchEvent(new Event('load'));

    expect(openAfterFirstLoad).toBe(true);
    expect(host.isOpen()).toBe(false);
    expect(shownHosts()).toEqual([]);
  });
});

describe('panel host: first state', () => {
  it('should show its first state at once, with the frame kept out of sight until the frame says it is ready', () => {
    host.show(SUMMARIZE);

    expect(placeholder()?.textContent).toContain(PLACEHOLDER_TEXT.reading);
    expect(frames()[0]!.classList.contains('ready')).toBe(false);
  });

  it('should put the frame in the placeholder\'s place once it is ready', () => {
    host.show(SUMMARIZE);

    host.frameReady();

    expect(placeholder()).toBeNull();
    expect(frames()[0]!.classList.contains('ready')).toBe(true);
  });

  it('should say the panel did not open when the frame never gets ready', () => {
    vi.useFakeTimers();
    try {
      host.show(SUMMARIZE);

      vi.advanceTimersByTime(FRAME_READY_TIMEOUT_MS);

      expect(placeholder()?.textContent).toContain(PLACEHOLDER_TEXT.failed);
      expect(host.isOpen()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('panel host: moving', () => {
  it('should move by the offsets asked, kept inside the viewport', () => {
    host.show({ ...SUMMARIZE, position: { left: 100, top: 100 } });

    const moved = host.moveBy(20, -30);
    const beyond = host.moveBy(-1_000, 5_000);

    expect(moved).toEqual({ left: 120, top: 70 });
    expect(beyond).toEqual({ left: 0, top: VIEWPORT.height - PANEL_MAX_SIZE.height });
    expect(placed(hosts()[0]!)).toMatchObject({ left: '0px', top: `${VIEWPORT.height - PANEL_MAX_SIZE.height}px` });
  });

  it('should follow the pointer over a cover while the header is dragged, and say where the panel ended up', async () => {
    host.show({ ...SUMMARIZE, position: { left: 100, top: 100 } });

    const dragging = host.drag({ x: 10, y: 10 });
    const surface = cover();
    surface!.dispatchEvent(trusted(new PointerEvent('pointermove', { clientX: 160, clientY: 130, buttons: 1 })));
    const during = placed(hosts()[0]!);
    surface!.dispatchEvent(trusted(new PointerEvent('pointermove', { clientX: 5_000, clientY: 130, buttons: 1 })));
    surface!.dispatchEvent(trusted(new PointerEvent('pointerup', { clientX: 5_000, clientY: 130 })));
    const ended = await dragging;

    expect(surface).not.toBeNull();
    expect(during).toMatchObject({ left: '150px', top: '120px' });
    expect(ended).toEqual({ left: VIEWPORT.width - PANEL_MAX_SIZE.width, top: 120 });
    expect(cover()).toBeNull();
  });

  it("should ignore pointer events the page makes up while dragging", async () => {
    host.show({ ...SUMMARIZE, position: { left: 100, top: 100 } });

    const dragging = host.drag({ x: 0, y: 0 });
    cover()!.dispatchEvent(new PointerEvent('pointermove', { clientX: 400, clientY: 400, buttons: 1 }));
    cover()!.dispatchEvent(new PointerEvent('pointerup', { clientX: 400, clientY: 400 }));
    const stillDragging = cover() !== null;
    host.close();

    expect(stillDragging).toBe(true);
    expect(await dragging).toEqual({ left: 100, top: 100 });
  });

  it('should end a drag whose button was already let go', async () => {
    host.show({ ...SUMMARIZE, position: { left: 100, top: 100 } });

    const dragging = host.drag({ x: 0, y: 0 });
    cover()!.dispatchEvent(trusted(new PointerEvent('pointermove', { clientX: 300, clientY: 300, buttons: 0 })));

    expect(await dragging).toEqual({ left: 100, top: 100 });
    expect(cover()).toBeNull();
  });

  it('should keep the panel inside a window made smaller', () => {
    host.show(SUMMARIZE);

    setViewport({ width: 500, height: 400 });
    window.dispatchEvent(new Event('resize'));

    // It was in the top-right corner: it stays there, pulled in from the right edge and shortened to fit.
    const size = panelSize({ width: 500, height: 400 });
    expect(placed(hosts()[0]!)).toEqual({ left: `${500 - size.width}px`, top: `${PANEL_MARGIN_PX}px`, width: `${size.width}px`, height: `${size.height}px` });
  });
});

describe('panel host: closing and focus', () => {
  it('should close on an Escape the user presses in the page', () => {
    host.show(SUMMARIZE);

    document.body.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));

    expect(host.isOpen()).toBe(false);
    expect(shownHosts()).toEqual([]);
  });

  it('should hide a closed panel at once and unload its frame once the closing gesture is over', () => {
    vi.useFakeTimers();
    try {
      host.show(SUMMARIZE);

      host.close();
      const rightAfter = hosts().length;
      vi.advanceTimersByTime(REMOVE_AFTER_MS);

      expect(rightAfter).toBe(1);
      expect(shownHosts()).toEqual([]);
      expect(hosts()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('should stay open on an Escape the page makes up, and on other keys', () => {
    host.show(SUMMARIZE);

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    document.body.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));

    expect(host.isOpen()).toBe(true);
    expect(hosts()).toHaveLength(1);
  });

  it('should give focus back to what had it before the panel took it', () => {
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    host.show(SUMMARIZE);
    host.focus();
    const focusedWhileOpen = document.activeElement;

    host.close();

    expect(focusedWhileOpen?.tagName.toLowerCase()).toBe(PANEL_HOST_TAG);
    expect(document.activeElement).toBe(field);
  });

  it('should leave focus alone when the user had moved it elsewhere before the panel closed', () => {
    const field = document.createElement('input');
    const other = document.createElement('textarea');
    document.body.append(field, other);
    field.focus();
    host.show(SUMMARIZE);
    host.focus();
    other.focus();

    host.close();

    expect(document.activeElement).toBe(other);
  });
});

describe('panel host: what the page does to it', () => {
  it('should put its inline style back when the page rewrites it', async () => {
    host.show(SUMMARIZE);
    const element = hosts()[0]!;
    const before = placed(element);

    element.setAttribute('style', 'display: none; opacity: 0; left: -9999px');

    await vi.waitFor(() => expect(element.style.getPropertyValue('display')).toBe('block'));
    expect(element.style.getPropertyValue('opacity')).toBe('1');
    expect(element.style.getPropertyPriority('display')).toBe('important');
    expect(placed(element)).toEqual(before);
  });

  it('should keep putting it back, every time', async () => {
    host.show(SUMMARIZE);
    const element = hosts()[0]!;

    element.style.setProperty('visibility', 'hidden', 'important');
    await vi.waitFor(() => expect(element.style.getPropertyValue('visibility')).toBe('visible'));
    element.removeAttribute('style');

    await vi.waitFor(() => expect(element.style.getPropertyValue('position')).toBe('fixed'));
  });
});

describe('panel host: next to the selection', () => {
  it('should open a rewrite as a popover below the selected words, and change to the note without moving', () => {
    const field = document.createElement('textarea');
    field.value = 'Please send teh report';
    document.body.append(field);
    field.focus();
    field.getBoundingClientRect = () => ({ left: 40, top: 100, right: 500, bottom: 220, width: 460, height: 120, x: 40, y: 100, toJSON: () => ({}) });

    host.show({ ...SUMMARIZE, intent: { kind: 'rewrite-selection', style: 'improve' }, anchor: 'selection' });
    const popover = placed(hosts()[0]!);
    host.reshape('toast');
    const note = placed(hosts()[0]!);

    expect(popover).toEqual({ left: '40px', top: `${220 + ANCHOR_GAP_PX}px`, width: `${SHAPE_SIZES.popover.width}px`, height: `${SHAPE_SIZES.popover.height}px` });
    expect(new URLSearchParams(frames()[0]!.src.split('?')[1]).get('shape')).toBe('popover');
    expect(note).toEqual({ left: '40px', top: `${220 + ANCHOR_GAP_PX}px`, width: `${SHAPE_SIZES.toast.width}px`, height: `${SHAPE_SIZES.toast.height}px` });
  });

  it('should open where the user put it when nothing is selected', () => {
    host.show({ ...SUMMARIZE, anchor: 'selection', position: { left: 100, top: 50 } });

    expect(placed(hosts()[0]!)).toEqual({ left: '100px', top: '50px', width: `${PANEL_MAX_SIZE.width}px`, height: `${PANEL_MAX_SIZE.height}px` });
  });
});
