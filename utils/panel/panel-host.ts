// The in-page panel's host, as the loader draws it into the page: an extension-page iframe inside a closed shadow root,
// placed in the top layer. The page cannot reach into it; it can only see that a host element exists. No React here:
// this runs in the tiny loader.
import { anchoredPosition, clampToViewport, defaultPanelPosition, panelSize, type PanelPosition, type PanelShape, type Size } from './panel-geometry';
import { selectionRect } from './selection-rect';

export const PANEL_HOST_TAG = 'lifeline-panel';

export interface PanelHostDeps {
  document: Document;
  window: Window;
  /** The frame's address for this tab and intent (panel.html?…). */
  frameUrl: (query: URLSearchParams) => string;
}

export interface ShowRequest {
  tabId: number;
  /** Passed to the frame as it is (the frame checks it). */
  intent: unknown;
  selectionFallback?: string;
  position?: PanelPosition;
  /** `selection`: shown next to the selection as a popover (a rewrite), not at the remembered place. */
  anchor?: 'selection';
}

export interface PanelHost {
  /** Shows the panel: its placeholder at once, the frame in its place once the frame says it is ready. */
  show(request: ShowRequest): void;
  /** The frame has drawn the chat app: it takes the placeholder's place. */
  frameReady(): void;
  /** Moves the panel by this much, kept in the viewport; answers where it is now. */
  moveBy(dx: number, dy: number): PanelPosition;
  /** The whole chat, the popover, or the small note after Replace: the size changes, the corner stays. */
  reshape(shape: PanelShape): void;
  /**
   * The frame's header was pressed at `grab` (a point in the frame): the panel follows the pointer in the page, over a
   * transparent cover that keeps the page from seeing the drag, until the button is released. Resolves with the place.
   */
  drag(grab: { x: number; y: number }): Promise<PanelPosition>;
  focus(): void;
  close(): void;
  isOpen(): boolean;
}

/** Inline and important, so the page's style sheets cannot hide, shrink or restyle the host. */
const HOST_STYLE: Record<string, string> = {
  position: 'fixed',
  'z-index': '2147483647',
  display: 'block',
  inset: 'auto',
  margin: '0',
  padding: '0',
  border: '0',
  background: 'transparent',
  overflow: 'visible',
  opacity: '1',
  visibility: 'visible',
  transform: 'none',
  translate: 'none',
  scale: 'none',
  rotate: 'none',
  zoom: '1',
  filter: 'none',
  'clip-path': 'none',
  mask: 'none',
  'mix-blend-mode': 'normal',
  contain: 'none',
  'content-visibility': 'visible',
  'pointer-events': 'auto',
  'min-width': '0',
  'min-height': '0',
  'max-width': 'none',
  'max-height': 'none',
  clip: 'auto',
  'box-sizing': 'border-box',
};

/** How long a closed panel's frame stays loaded (hidden), so the gesture that closed it ends inside it. */
export const REMOVE_AFTER_MS = 250;

/** How long the placeholder waits for the frame before it says the panel did not open. */
export const FRAME_READY_TIMEOUT_MS = 10_000;

export const PLACEHOLDER_TEXT = { reading: 'Reading the page…', failed: 'Lifeline could not open its panel here. Press Escape and try again.' } as const;

// The placeholder is the panel's first state, drawn in the closed shadow root (no data in it: a title and a line),
// until the frame (Lifeline's page, out of the page's reach) has drawn the app; it looks like the app's own header.
const FRAME_CSS = `
.cover{position:fixed;inset:0;cursor:move;background:transparent;touch-action:none}
.box{position:absolute;inset:0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.28),0 0 0 1px rgba(0,0,0,.12);overflow:hidden}
iframe{display:block;width:100%;height:100%;border:0;background:transparent;color-scheme:light dark;opacity:0}
iframe.ready{opacity:1}
.placeholder{position:absolute;inset:0;background:#fff;color:#1b1f24;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Ubuntu,Cantarell,'Noto Sans',sans-serif;text-align:left}
.placeholder header{display:flex;align-items:center;gap:8px;padding:6px 8px;border-bottom:1px solid #d0d7de}
.placeholder span{font-size:16px;line-height:1;padding:2px 6px;color:#5b6570}
.placeholder h1{margin:0;font-size:15px;font-weight:700;padding:3px 0}
.placeholder p{margin:8px 12px;font-size:12px;color:#5b6570}
@media (prefers-color-scheme:dark){.placeholder{background:#16191d;color:#e6e8eb}.placeholder header{border-color:#3a424c}.placeholder p{color:#a3acb7}}
`;

export function createPanelHost(deps: PanelHostDeps): PanelHost {
  const { document: doc, window: win } = deps;
  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let shadow: ShadowRoot | undefined;
  let position: PanelPosition = { left: 0, top: 0 };
  let shape: PanelShape = 'panel';
  let endDrag: (() => void) | undefined;
  let focusBefore: Element | null = null;
  let guard: MutationObserver | undefined;
  let box: HTMLElement | undefined;
  let placeholder: HTMLElement | undefined;
  let readyTimer: number | undefined;

  const viewport = (): Size => ({ width: doc.documentElement.clientWidth || win.innerWidth, height: win.innerHeight });

  const applyStyle = (): void => {
    if (!host) return;
    const size = panelSize(viewport(), shape);
    position = clampToViewport(position, size, viewport());
    const style: Record<string, string> = { ...HOST_STYLE, left: `${position.left}px`, top: `${position.top}px`, width: `${size.width}px`, height: `${size.height}px` };
    for (const [name, value] of Object.entries(style)) host.style.setProperty(name, value, 'important');
  };

  const onResize = (): void => applyStyle();
  // Escape closes the panel from anywhere in the page, too; the page cannot fake it (untrusted events are ignored).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && event.isTrusted && host) close();
  };

  function close(): void {
    endDrag?.();
    if (!host) return;
    guard?.disconnect();
    const hadFocus = doc.activeElement === host;
    // Gone from sight at once; the frame is unloaded a moment later, once the key or click that closed it is handled.
    const closing = host;
    closing.style.setProperty('display', 'none', 'important');
    win.setTimeout(() => closing.remove(), REMOVE_AFTER_MS);
    win.clearTimeout(readyTimer);
    host = frame = shadow = box = placeholder = undefined;
    win.removeEventListener('resize', onResize);
    win.removeEventListener('keydown', onKeyDown, true);
    if (hadFocus && focusBefore instanceof HTMLElement && focusBefore.isConnected) focusBefore.focus();
  }

  function mountFrame(request: ShowRequest): void {
    frame?.remove();
    const next = doc.createElement('iframe');
    const query = new URLSearchParams({ tabId: String(request.tabId), intent: JSON.stringify(request.intent), shape });
    if (request.selectionFallback) query.set('selection', request.selectionFallback);
    next.src = deps.frameUrl(query);
    next.title = 'Lifeline';
    next.setAttribute('allow', 'clipboard-write');
    // Lifeline's own frame loads once; any later load means something else navigated it: the panel goes.
    let loads = 0;
    next.addEventListener('load', () => {
      loads++;
      if (loads > 1 && frame === next) close();
    });
    box!.append(next);
    frame = next;
  }

  /** The panel's first state until the frame is ready: "Reading the page…" (or, after a long wait, why nothing came). */
  function showPlaceholder(): void {
    placeholder?.remove();
    const shown = doc.createElement('div');
    shown.className = 'placeholder';
    const header = doc.createElement('header');
    const handle = doc.createElement('span');
    handle.textContent = '✥';
    const title = doc.createElement('h1');
    title.textContent = 'Lifeline';
    header.append(handle, title);
    const line = doc.createElement('p');
    line.setAttribute('role', 'status');
    line.textContent = PLACEHOLDER_TEXT.reading;
    shown.append(header, line);
    box!.append(shown);
    placeholder = shown;
    win.clearTimeout(readyTimer);
    readyTimer = win.setTimeout(() => {
      line.textContent = PLACEHOLDER_TEXT.failed;
    }, FRAME_READY_TIMEOUT_MS);
  }

  function frameReady(): void {
    if (!frame || !placeholder) return;
    win.clearTimeout(readyTimer);
    frame.classList.add('ready');
    placeholder.remove();
    placeholder = undefined;
  }

  function show(request: ShowRequest): void {
    if (!host) {
      focusBefore = doc.activeElement;
      host = doc.createElement(PANEL_HOST_TAG);
      shadow = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = FRAME_CSS;
      box = doc.createElement('div');
      box.className = 'box';
      shadow.append(style, box);
      // Read before the panel exists: the selection's place, while the page still has the focus.
      const anchor = request.anchor === 'selection' ? selectionRect(doc) : undefined;
      shape = anchor ? 'popover' : 'panel';
      const size = panelSize(viewport(), shape);
      position = anchor
        ? anchoredPosition(anchor, size, viewport())
        : request.position
          ? clampToViewport(request.position, size, viewport())
          : defaultPanelPosition(size, viewport());
      (doc.body ?? doc.documentElement).append(host);
      applyStyle();
      // Above anything the page stacks, where the browser supports the top layer.
      if (typeof host.showPopover === 'function') {
        host.setAttribute('popover', 'manual');
        host.showPopover();
      }
      // The page may rewrite the host's style attribute: put it back.
      guard = new MutationObserver(() => {
        guard?.disconnect();
        applyStyle();
        guard?.observe(host!, { attributes: true });
      });
      guard.observe(host, { attributes: true });
      win.addEventListener('resize', onResize);
      win.addEventListener('keydown', onKeyDown, true);
    }
    showPlaceholder();
    mountFrame(request);
  }

  function drag(grab: { x: number; y: number }): Promise<PanelPosition> {
    endDrag?.();
    if (!shadow) return Promise.resolve(position);
    const cover = doc.createElement('div');
    cover.className = 'cover';
    shadow.append(cover);
    // Where the pointer is in the page, for the point of the frame that was pressed.
    const grabbed = { x: position.left + grab.x, y: position.top + grab.y };
    const from = position;
    return new Promise((resolve) => {
      const follow = (event: PointerEvent): void => {
        if (!event.isTrusted) return;
        // The button was let go before the cover was up (a click on the header): the drag is over.
        if (event.buttons === 0) return finish();
        position = { left: from.left + event.clientX - grabbed.x, top: from.top + event.clientY - grabbed.y };
        applyStyle();
      };
      const release = (event: PointerEvent): void => {
        if (event.isTrusted) finish();
      };
      function finish(): void {
        cover.remove();
        cover.removeEventListener('pointermove', follow);
        cover.removeEventListener('pointerup', release);
        cover.removeEventListener('pointercancel', release);
        endDrag = undefined;
        resolve(position);
      }
      cover.addEventListener('pointermove', follow);
      cover.addEventListener('pointerup', release);
      cover.addEventListener('pointercancel', release);
      endDrag = finish;
    });
  }

  return {
    show,
    frameReady,
    reshape(next) {
      shape = next;
      applyStyle();
    },
    moveBy(dx, dy) {
      position = { left: position.left + dx, top: position.top + dy };
      applyStyle();
      return position;
    },
    drag,
    focus() {
      frame?.focus();
    },
    close,
    isOpen: () => host !== undefined,
  };
}
