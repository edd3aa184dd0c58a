// Where the user put the in-page panel: its top-left corner in CSS pixels, one per browser profile. No secret in it.
import { storage } from 'wxt/utils/storage';

export interface PanelPosition {
  left: number;
  top: number;
}

/** Larger than any screen: a saved corner beyond it is nonsense, not a position. */
const MAX_COORDINATE = 100_000;

export const panelPositionItem = storage.defineItem<PanelPosition | null>('local:panelPosition', { fallback: null });

/** A position as a message or storage may carry it: finite, in range, rounded; undefined when it is not one. */
export function toPanelPosition(value: unknown): PanelPosition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { left, top } = value as { left?: unknown; top?: unknown };
  if (typeof left !== 'number' || typeof top !== 'number' || !Number.isFinite(left) || !Number.isFinite(top)) return undefined;
  const clamp = (n: number): number => Math.round(Math.min(Math.max(n, 0), MAX_COORDINATE));
  return { left: clamp(left), top: clamp(top) };
}

/** Keeps a panel of this size wholly inside the viewport (its top-left corner when it is larger than the viewport). */
export function clampToViewport(
  position: PanelPosition,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): PanelPosition {
  const maxLeft = Math.max(0, viewport.width - size.width);
  const maxTop = Math.max(0, viewport.height - size.height);
  return {
    left: Math.round(Math.min(Math.max(position.left, 0), maxLeft)),
    top: Math.round(Math.min(Math.max(position.top, 0), maxTop)),
  };
}
