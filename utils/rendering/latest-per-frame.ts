// A streaming answer can send thousands of parts a second; the UI needs at most one new state per painted frame.
// latestPerFrame keeps only the newest value and delivers it once per animation frame (or after a short timeout when
// the document is hidden and animation frames stop), so React renders a frame's worth of parts at once.

/** Runs a callback once, soon; returns a function that cancels it. */
export type ScheduleOnce = (callback: () => void) => () => void;

/** Hidden documents get no animation frames: the timeout keeps a hidden side panel or a background tab up to date. */
export const HIDDEN_FALLBACK_MS = 100;

export const nextAnimationFrame: ScheduleOnce = (callback) => {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    callback();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, HIDDEN_FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

export interface LatestPerFrame<T> {
  /** The newest value: delivered at the next frame, replacing any value not yet delivered. */
  push(value: T): void;
  /** Drops a value not yet delivered (the surface is closing). */
  cancel(): void;
}

export function latestPerFrame<T>(deliver: (value: T) => void, schedule: ScheduleOnce = nextAnimationFrame): LatestPerFrame<T> {
  let pending: { value: T } | undefined;
  let cancelScheduled: (() => void) | undefined;
  return {
    push(value) {
      pending = { value };
      cancelScheduled ??= schedule(() => {
        cancelScheduled = undefined;
        const next = pending;
        pending = undefined;
        if (next) deliver(next.value);
      });
    },
    cancel() {
      cancelScheduled?.();
      cancelScheduled = undefined;
      pending = undefined;
    },
  };
}
