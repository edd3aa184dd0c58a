// Moving the panel: drag by its header (pointer events) or arrow keys on "Move panel"; kept in the viewport, remembered.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { clampToViewport, type PanelPosition } from '@/utils/storage/panel-position';

/** How far one arrow key moves the panel. */
export const KEYBOARD_STEP_PX = 20;

const KEY_STEPS: Record<string, [number, number]> = {
  ArrowLeft: [-KEYBOARD_STEP_PX, 0],
  ArrowRight: [KEYBOARD_STEP_PX, 0],
  ArrowUp: [0, -KEYBOARD_STEP_PX],
  ArrowDown: [0, KEYBOARD_STEP_PX],
};

/** The last position this page knows: a panel reopened here starts where the last one was, before the background answers. */
let lastKnown: PanelPosition | undefined;

export function usePanelPosition(panelRef: RefObject<HTMLElement | null>) {
  const [position, setPosition] = useState<PanelPosition | undefined>(lastKnown);
  const positionRef = useRef(position);
  positionRef.current = position;
  const moved = useRef(false);
  const drag = useRef<{ pointerId: number; dx: number; dy: number } | undefined>(undefined);

  const fit = useCallback(
    (next: PanelPosition): PanelPosition => {
      const rect = panelRef.current?.getBoundingClientRect();
      const size = rect ? { width: rect.width, height: rect.height } : { width: 0, height: 0 };
      // clientWidth leaves out the page's scrollbar.
      const viewport = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
      return clampToViewport(next, size, viewport);
    },
    [panelRef],
  );

  const place = useCallback(
    (next: PanelPosition, save: boolean): void => {
      const fitted = fit(next);
      const current = positionRef.current;
      if (!current || current.left !== fitted.left || current.top !== fitted.top) setPosition(fitted);
      if (save) {
        lastKnown = fitted;
        void sendMessage('savePanelPosition', fitted).catch(() => undefined);
      }
    },
    [fit],
  );

  // The remembered position, unless the user already moved this panel.
  useEffect(() => {
    let current = true;
    sendMessage('getPanelPosition')
      .then((saved) => {
        if (!current || moved.current || !saved) return;
        lastKnown = saved;
        place(saved, false);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [place]);

  // Stay inside the viewport when the window shrinks or the answer makes the panel taller.
  useLayoutEffect(() => {
    const refit = (): void => {
      if (positionRef.current) place(positionRef.current, false);
    };
    refit();
    window.addEventListener('resize', refit);
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(refit) : undefined;
    if (panelRef.current) observer?.observe(panelRef.current);
    return () => {
      window.removeEventListener('resize', refit);
      observer?.disconnect();
    };
  }, [panelRef, place]);

  const start = (): PanelPosition => {
    const rect = panelRef.current?.getBoundingClientRect();
    return positionRef.current ?? { left: rect?.left ?? 0, top: rect?.top ?? 0 };
  };

  const headerProps = {
    onPointerDown: (event: PointerEvent<HTMLElement>): void => {
      if (event.button !== 0) return;
      // Buttons in the header keep their clicks; the move handle itself drags.
      const target = event.target as HTMLElement;
      if (target.closest('button') && !target.closest('[data-move-handle]')) return;
      const from = start();
      drag.current = { pointerId: event.pointerId, dx: event.clientX - from.left, dy: event.clientY - from.top };
      event.currentTarget.setPointerCapture(event.pointerId);
      event.preventDefault();
    },
    onPointerMove: (event: PointerEvent<HTMLElement>): void => {
      if (drag.current?.pointerId !== event.pointerId) return;
      moved.current = true;
      place({ left: event.clientX - drag.current.dx, top: event.clientY - drag.current.dy }, false);
    },
    onPointerUp: (event: PointerEvent<HTMLElement>): void => {
      if (drag.current?.pointerId !== event.pointerId) return;
      drag.current = undefined;
      if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
      if (moved.current && positionRef.current) place(positionRef.current, true);
    },
    onPointerCancel: (): void => {
      drag.current = undefined;
    },
  };

  const handleProps = {
    'data-move-handle': '',
    onKeyDown: (event: KeyboardEvent<HTMLElement>): void => {
      const step = KEY_STEPS[event.key];
      if (!step) return;
      event.preventDefault();
      moved.current = true;
      const from = start();
      place({ left: from.left + step[0], top: from.top + step[1] }, true);
    },
  };

  const style: CSSProperties | undefined = position ? { left: position.left, top: position.top, right: 'auto' } : undefined;
  return { style, headerProps, handleProps };
}
