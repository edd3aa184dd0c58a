// The in-page panel's host, as the loader draws it into the page: an extension-page iframe inside a closed shadow root,
// placed in the top layer. The page cannot reach into it; it can only see that a host element exists. No React here:
// this runs in the tiny loader.
import { clampToViewport, defaultPanelPosition, panelSize, type PanelPosition, type Size } from './panel-geometry';

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
}

export interface PanelHost {
  show(request: ShowRequest): void;
  /** Moves the panel by this much, kept in the viewport; answers where it is now. */
  moveBy(dx: number, dy: number): PanelPosition;
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

const FRAME_CSS = `.cover{position:fixed;inset:0;cursor:move;background:transparent;touch-action:none}iframe{display:block;width:100%;height:100%;border:0;border-radius:12px;background:transparent;color-scheme:light dark;box-shadow:0 8px 28px rgba(0,0,0,.28),0 0 0 1px rgba(0,0,0,.12)}`;

export function createPanelHost(deps: PanelHostDeps): PanelHost {
  const { document: doc, window: win } = deps;
  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let shadow: ShadowRoot | undefined;
  let position: PanelPosition = { left: 0, top: 0 };
  let endDrag: (() => void) | undefined;
  let focusBefore: Element | null = null;
  let guard: MutationObserver | undefined;

  const viewport = (): Size => ({ width: doc.documentElement.clientWidth || win.innerWidth, height: win.innerHeight });

  const applyStyle = (): void => {
    if (!host) return;
    const size = panelSize(viewport());
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
    host = frame = shadow = undefined;
    win.removeEventListener('resize', onResize);
    win.removeEventListener('keydown', onKeyDown, true);
    if (hadFocus && focusBefore instanceof HTMLElement && focusBefore.isConnected) focusBefore.focus();
  }

  function mountFrame(request: ShowRequest): void {
    frame?.remove();
    const next = doc.createElement('iframe');
    const query = new URLSearchParams({ tabId: String(request.tabId), intent: JSON.stringify(request.intent) });
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
    shadow!.append(next);
    frame = next;
  }

  function show(request: ShowRequest): void {
    if (!host) {
      focusBefore = doc.activeElement;
      host = doc.createElement(PANEL_HOST_TAG);
      shadow = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = FRAME_CSS;
      shadow.append(style);
      const size = panelSize(viewport());
      position = request.position ? clampToViewport(request.position, size, viewport()) : defaultPanelPosition(size, viewport());
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
