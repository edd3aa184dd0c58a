// Renders a React element into happy-dom inside act() for a unit test, and takes it down again afterwards.
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';

// React warns about updates outside act() unless it knows it runs in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLDivElement;
  /** Unmounts the element and removes its container from the document. */
  remove(): void;
}

export async function renderInDom(element: ReactElement): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  return {
    container,
    remove() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** The input a <label> with exactly this text names (through its htmlFor), or null. */
export function inputLabelled(container: HTMLElement, text: string): HTMLInputElement | null {
  const label = [...container.querySelectorAll('label')].find((candidate) => candidate.textContent === text);
  return label ? container.querySelector<HTMLInputElement>(`[id="${label.htmlFor}"]`) : null;
}

/** The text of the first status line (role="status"), or '' when there is none. */
export const statusText = (container: HTMLElement): string => container.querySelector('[role="status"]')?.textContent ?? '';
