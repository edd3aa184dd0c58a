// The in-page panel's side of its frame: start the intent it was opened for, take focus once the page's selection has
// been read, move the panel by its header (pointer or arrow keys), close it (Escape or ×). The loader in the page does
// the placing; it is reached by extension messaging only, never through the page's window.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import * as v from 'valibot';
import type { JobIntent } from '@/utils/jobs/job-api';
import { jobIntentSchema } from '@/utils/messaging/message-schemas';
import { sendMessage } from '@/utils/messaging/protocol';
import type { PanelPosition, PanelShape } from '@/utils/panel/panel-geometry';
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

/** How the loader first showed the panel (panel.html?shape=…): the whole chat, or a rewrite next to the selection. */
export function shapeFromAddress(search: string): PanelShape {
  return new URLSearchParams(search).get('shape') === 'popover' ? 'popover' : 'panel';
}

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

/** `intent`: what the panel was opened for (intentFromAddress), started once as the panel opens. */
export function usePanelFrame(tabId: number | undefined, chat: Pick<ChatController, 'start'>, active: boolean, intent: JobIntent | undefined) {
  const toLoader = { tabId: tabId ?? -1, frameId: 0 };
  const started = useRef(false);
  const [shape, setShape] = useState<PanelShape>(() => shapeFromAddress(location.search));

  /** Shows the whole chat, the rewrite popover or the small note after Replace (the loader resizes the panel). */
  const reshape = (next: PanelShape): void => {
    setShape(next);
    if (tabId !== undefined) void sendMessage('reshapePanel', { shape: next }, toLoader).catch(() => undefined);
  };

  const close = (): void => {
    if (tabId !== undefined) void sendMessage('closePanel', undefined, toLoader).catch(() => undefined);
  };

  // Once: tell the loader the app is drawn (it shows the frame in place of its placeholder), start the intent of the
  // menu item or shortcut, then take focus (the page reader has read the selection by then).
  useEffect(() => {
    if (!active || tabId === undefined || started.current) return;
    started.current = true;
    void sendMessage('panelReady', undefined, { tabId, frameId: 0 }).catch(() => undefined);
    const selectionFallback = new URLSearchParams(location.search).get('selection') ?? undefined;
    const focus = (): void => void sendMessage('focusPanel', undefined, { tabId, frameId: 0 }).catch(() => undefined);
    if (!intent) return focus();
    // A rewrite next to the selection leaves the focus (and so the selection's highlight) in the page until it is ready.
    void chat.start(intent, selectionFallback ? { selectionFallback } : {}).finally(() => {
      if (shapeFromAddress(location.search) !== 'popover') focus();
    });
  }, [active, tabId, chat, intent]);

  // Escape closes the panel from anywhere in it (menus that use Escape stop it first).
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const remember = (position: PanelPosition | undefined): void => {
    if (position) void panelPositionItem.setValue(position).catch(() => undefined);
  };

  // The loader follows the pointer in the page from here (the frame itself moves under it) and says where it ended.
  const headerProps = {
    onPointerDown: (event: PointerEvent<HTMLElement>): void => {
      if (event.button !== 0 || tabId === undefined) return;
      // Buttons in the header keep their clicks; the move handle itself drags.
      const target = event.target as HTMLElement;
      if (target.closest('button') && !target.closest('[data-move-handle]')) return;
      event.preventDefault();
      void sendMessage('dragPanel', { x: event.clientX, y: event.clientY }, toLoader).then(remember, () => undefined);
    },
  };

  const handleProps = {
    'data-move-handle': '',
    onKeyDown: (event: KeyboardEvent<HTMLElement>): void => {
      const step = KEY_STEPS[event.key];
      if (!step || tabId === undefined) return;
      event.preventDefault();
      void sendMessage('movePanel', { dx: step[0], dy: step[1] }, toLoader).then(remember, () => undefined);
    },
  };

  /** Takes the keyboard focus from the page (the loader focuses the frame). */
  const focus = (): void => {
    if (tabId !== undefined) void sendMessage('focusPanel', undefined, toLoader).catch(() => undefined);
  };

  return { close, headerProps, handleProps, shape, reshape, focus };
}
