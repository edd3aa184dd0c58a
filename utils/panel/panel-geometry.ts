// Where the in-page panel sits and how big it is: pure geometry shared by the loader (which places the frame) and
// the frame (which remembers where the user put it).

export interface PanelPosition {
  left: number;
  top: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Larger than any screen: a saved corner beyond it is nonsense, not a position. */
const MAX_COORDINATE = 100_000;
/** Space kept between the panel and the viewport's edges. */
export const PANEL_MARGIN_PX = 16;
export const PANEL_MAX_SIZE: Size = { width: 420, height: 600 };

/** What the panel is showing: the whole chat, a rewrite anchored at the selection, or the small note after Replace. */
export type PanelShape = 'panel' | 'popover' | 'toast';

export const SHAPE_SIZES: Readonly<Record<PanelShape, Size>> = {
  panel: PANEL_MAX_SIZE,
  popover: { width: 400, height: 300 },
  toast: { width: 320, height: 56 },
};

/** A box on the page in viewport coordinates (a DOMRect's edges). */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space between the selection and a popover anchored at it. */
export const ANCHOR_GAP_PX = 8;

/** A position as a message or storage may carry it: finite, in range, rounded; undefined when it is not one. */
export function toPanelPosition(value: unknown): PanelPosition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { left, top } = value as { left?: unknown; top?: unknown };
  if (typeof left !== 'number' || typeof top !== 'number' || !Number.isFinite(left) || !Number.isFinite(top)) return undefined;
  const clamp = (n: number): number => Math.round(Math.min(Math.max(n, 0), MAX_COORDINATE));
  return { left: clamp(left), top: clamp(top) };
}

/** Keeps a panel of this size wholly inside the viewport (its top-left corner when it is larger than the viewport). */
export function clampToViewport(position: PanelPosition, size: Size, viewport: Size): PanelPosition {
  const maxLeft = Math.max(0, viewport.width - size.width);
  const maxTop = Math.max(0, viewport.height - size.height);
  return {
    left: Math.round(Math.min(Math.max(position.left, 0), maxLeft)),
    top: Math.round(Math.min(Math.max(position.top, 0), maxTop)),
  };
}

/** The panel's size in this viewport for its shape: its usual size, smaller on small windows. */
export function panelSize(viewport: Size, shape: PanelShape = 'panel'): Size {
  const wanted = SHAPE_SIZES[shape];
  const floor = shape === 'toast' ? wanted : { width: 240, height: 200 };
  return {
    width: Math.max(Math.min(floor.width, wanted.width), Math.min(wanted.width, viewport.width - 2 * PANEL_MARGIN_PX)),
    height: Math.max(Math.min(floor.height, wanted.height), Math.min(wanted.height, viewport.height - 2 * PANEL_MARGIN_PX)),
  };
}

/** Just below the selection (above it when there is less room below), left-aligned with it, inside the viewport. */
export function anchoredPosition(anchor: Rect, size: Size, viewport: Size): PanelPosition {
  const below = viewport.height - anchor.bottom;
  const above = anchor.top;
  const top = below >= size.height + ANCHOR_GAP_PX || below >= above ? anchor.bottom + ANCHOR_GAP_PX : anchor.top - ANCHOR_GAP_PX - size.height;
  return clampToViewport({ left: anchor.left, top }, size, viewport);
}

/** The top-right corner, where the panel opens until the user moves it. */
export function defaultPanelPosition(size: Size, viewport: Size): PanelPosition {
  return clampToViewport({ left: viewport.width - size.width - PANEL_MARGIN_PX, top: PANEL_MARGIN_PX }, size, viewport);
}
