// The in-page panel's side of its frame: start the intent it was opened for, take focus once the page's selection has
// been read, move the panel by its header (pointer or arrow keys), close it (Escape or ×). The loader in the page does
// the placing; it is reached by extension messaging only, never through the page's window.
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import * as v from 'valibot';
import type { JobIntent } from '@/utils/jobs/job-api';
import { jobIntentSchema } from '@/utils/messaging/message-schemas';
import { sendMessage } from '@/utils/messaging/protocol';
import { panelPositionItem } from '@/utils/storage/panel-position';
import type { ChatController } from './use-chat';

/** How far one arrow key moves the panel. */
export const KEYBOARD_STEP_PX = 20;

const KEY_STEPS: Record<string, [number, number]> = {
  ArrowLeft: [-KEYBOARD_STEP_PX, 0],
  ArrowRight: [KEYBOARD_STEP_PX, 0],
  ArrowUp: [0, -KEYBOARD_STEP_PX],
  ArrowDown: [0, KEYBOARD_STEP_PX],
};

/** The intent the panel was opened for (panel.html?intent=…), checked; undefined when absent or malformed. */
export function intentFromAddress(search: string): JobIntent | undefined {
  const raw = new URLSearchParams(search).get('intent');
  if (!raw) return undefined;
  try {
    const parsed = v.safeParse(jobIntentSchema, JSON.parse(raw));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

export function usePanelFrame(tabId: number | undefined, chat: Pick<ChatController, 'start'>, active: boolean) {
  const toLoader = { tabId: tabId ?? -1, frameId: 0 };
  const drag = useRef<{ pointerId: number; x: number; y: number } | undefined>(undefined);
  const started = useRef(false);

  const close = (): void => {
    if (tabId !== undefined) void sendMessage('closePanel', undefined, toLoader).catch(() => undefined);
  };

  // Once: the intent of the menu item or shortcut; then focus (the page reader has read the selection by then).
  useEffect(() => {
    if (!active || tabId === undefined || started.current) return;
    started.current = true;
    const intent = intentFromAddress(location.search);
    const selectionFallback = new URLSearchParams(location.search).get('selection') ?? undefined;
    const focus = (): void => void sendMessage('focusPanel', undefined, { tabId, frameId: 0 }).catch(() => undefined);
    if (!intent) return focus();
    void chat.start(intent, selectionFallback ? { selectionFallback } : {}).finally(focus);
  }, [active, tabId, chat]);

  // Escape closes the panel from anywhere in it (menus that use Escape stop it first).
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const move = async (phase: 'start' | 'move' | 'end', dx: number, dy: number): Promise<void> => {
    if (tabId === undefined) return;
    const position = await sendMessage('movePanel', { phase, dx, dy }, toLoader).catch(() => undefined);
    if (phase === 'end' && position) await panelPositionItem.setValue(position).catch(() => undefined);
  };

  const headerProps = {
    onPointerDown: (event: PointerEvent<HTMLElement>): void => {
      if (event.button !== 0) return;
      // Buttons in the header keep their clicks; the move handle itself drags.
      const target = event.target as HTMLElement;
      if (target.closest('button') && !target.closest('[data-move-handle]')) return;
      drag.current = { pointerId: event.pointerId, x: event.screenX, y: event.screenY };
      event.currentTarget.setPointerCapture(event.pointerId);
      event.preventDefault();
      void move('start', 0, 0);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>): void => {
      const from = drag.current;
      if (from?.pointerId !== event.pointerId) return;
      // Screen coordinates: the frame itself moves under the pointer.
      void move('move', event.screenX - from.x, event.screenY - from.y);
    },
    onPointerUp: (event: PointerEvent<HTMLElement>): void => {
      const from = drag.current;
      if (from?.pointerId !== event.pointerId) return;
      drag.current = undefined;
      if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
      void move('end', event.screenX - from.x, event.screenY - from.y);
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
      void move('start', 0, 0).then(() => move('end', step[0], step[1]));
    },
  };

  return { close, headerProps, handleProps };
}
