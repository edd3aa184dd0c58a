import { describe, expect, it } from 'vitest';
import { anchoredPosition, ANCHOR_GAP_PX, clampToViewport, defaultPanelPosition, PANEL_MARGIN_PX, PANEL_MAX_SIZE, panelSize, SHAPE_SIZES, toPanelPosition } from '@/utils/panel/panel-geometry';

describe('panel position', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 400, height: 300 };

  it('should keep the whole panel inside the viewport', () => {
    expect(clampToViewport({ left: 900, top: 700 }, size, viewport)).toEqual({ left: 600, top: 500 });
    expect(clampToViewport({ left: -50, top: -10 }, size, viewport)).toEqual({ left: 0, top: 0 });
    expect(clampToViewport({ left: 120, top: 40 }, size, viewport)).toEqual({ left: 120, top: 40 });
  });

  it('should pin a panel larger than the viewport to its top-left corner', () => {
    expect(clampToViewport({ left: 50, top: 50 }, { width: 1200, height: 900 }, viewport)).toEqual({ left: 0, top: 0 });
  });

  it('should accept only finite coordinates, rounded and in range', () => {
    expect(toPanelPosition({ left: 10.6, top: 20.2 })).toEqual({ left: 11, top: 20 });
    expect(toPanelPosition({ left: -5, top: 1e9 })).toEqual({ left: 0, top: 100_000 });
    expect(toPanelPosition({ left: Number.NaN, top: 1 })).toBeUndefined();
    expect(toPanelPosition({ left: '1', top: 1 })).toBeUndefined();
    expect(toPanelPosition(null)).toBeUndefined();
  });
});

describe('panelSize', () => {
  it('should keep its usual size in a large window', () => {
    expect(panelSize({ width: 1920, height: 1080 })).toEqual(PANEL_MAX_SIZE);
  });

  it('should shrink to leave a margin on each side of a smaller window', () => {
    expect(panelSize({ width: 400, height: 500 })).toEqual({ width: 400 - 2 * PANEL_MARGIN_PX, height: 500 - 2 * PANEL_MARGIN_PX });
  });

  it('should never shrink below 240 by 200, however small the window', () => {
    expect(panelSize({ width: 100, height: 50 })).toEqual({ width: 240, height: 200 });
  });
});

describe('defaultPanelPosition', () => {
  it('should open in the top-right corner, a margin away from the edges', () => {
    const viewport = { width: 1280, height: 720 };
    const size = panelSize(viewport);

    const position = defaultPanelPosition(size, viewport);

    expect(position).toEqual({ left: 1280 - PANEL_MAX_SIZE.width - PANEL_MARGIN_PX, top: PANEL_MARGIN_PX });
  });

  it('should stay inside a window narrower than the panel', () => {
    const viewport = { width: 200, height: 150 };

    const position = defaultPanelPosition(panelSize(viewport), viewport);

    expect(position).toEqual({ left: 0, top: 0 });
  });
});

describe('panel shapes and anchoring', () => {
  const viewport = { width: 1280, height: 800 };

  it('should size each shape, smaller on a small window', () => {
    expect(panelSize(viewport, 'popover')).toEqual(SHAPE_SIZES.popover);
    expect(panelSize(viewport, 'toast')).toEqual(SHAPE_SIZES.toast);
    expect(panelSize({ width: 300, height: 260 }, 'popover')).toEqual({ width: 300 - 2 * PANEL_MARGIN_PX, height: 260 - 2 * PANEL_MARGIN_PX });
  });

  it('should open a popover just below the selection, left-aligned with it', () => {
    const selection = { left: 40, top: 110, right: 600, bottom: 230 };

    expect(anchoredPosition(selection, SHAPE_SIZES.popover, viewport)).toEqual({ left: 40, top: 230 + ANCHOR_GAP_PX });
  });

  it('should open above the selection when there is more room there, and never over it', () => {
    const selection = { left: 100, top: 600, right: 400, bottom: 700 };

    const placed = anchoredPosition(selection, SHAPE_SIZES.popover, viewport);

    expect(placed.top + SHAPE_SIZES.popover.height).toBeLessThanOrEqual(selection.top);
  });

  it('should stay inside the viewport for a selection at its right edge', () => {
    const selection = { left: 1200, top: 10, right: 1270, bottom: 30 };

    const placed = anchoredPosition(selection, SHAPE_SIZES.popover, viewport);

    expect(placed.left + SHAPE_SIZES.popover.width).toBeLessThanOrEqual(viewport.width);
  });
});
