// Unit tests: many updates within one frame are delivered once, as the newest; cancelled updates are never delivered.
import { describe, expect, it, vi } from 'vitest';
import { latestPerFrame, nextAnimationFrame, HIDDEN_FALLBACK_MS, type ScheduleOnce } from '@/utils/rendering/latest-per-frame';

function manualFrames(): { schedule: ScheduleOnce; runFrame(): void; scheduled(): number } {
  let queue: Array<() => void> = [];
  return {
    schedule: (callback) => {
      queue.push(callback);
      return () => {
        queue = queue.filter((queued) => queued !== callback);
      };
    },
    runFrame() {
      const now = queue;
      queue = [];
      for (const callback of now) callback();
    },
    scheduled: () => queue.length,
  };
}

describe('latestPerFrame', () => {
  it('should deliver only the newest of many values pushed within one frame', () => {
    const frames = manualFrames();
    const delivered: number[] = [];
    const live = latestPerFrame<number>((value) => delivered.push(value), frames.schedule);

    for (let value = 1; value <= 1_000; value += 1) live.push(value);
    expect(frames.scheduled()).toBe(1);
    expect(delivered).toEqual([]);
    frames.runFrame();

    expect(delivered).toEqual([1_000]);
  });

  it('should deliver again in a later frame', () => {
    const frames = manualFrames();
    const delivered: string[] = [];
    const live = latestPerFrame<string>((value) => delivered.push(value), frames.schedule);

    live.push('a');
    frames.runFrame();
    live.push('b');
    frames.runFrame();
    frames.runFrame();

    expect(delivered).toEqual(['a', 'b']);
  });

  it('should drop a value that was cancelled before its frame', () => {
    const frames = manualFrames();
    const delivered: string[] = [];
    const live = latestPerFrame<string>((value) => delivered.push(value), frames.schedule);

    live.push('stale');
    live.cancel();
    frames.runFrame();
    live.push('fresh');
    frames.runFrame();

    expect(delivered).toEqual(['fresh']);
  });
});

describe('nextAnimationFrame', () => {
  it('should run the callback once, after a timeout when no animation frame comes (a hidden document)', () => {
    vi.useFakeTimers();
    const requestFrame = vi.fn(() => 7);
    const cancelFrame = vi.fn();
    vi.stubGlobal('requestAnimationFrame', requestFrame);
    vi.stubGlobal('cancelAnimationFrame', cancelFrame);
    try {
      const callback = vi.fn();
      nextAnimationFrame(callback);
      vi.advanceTimersByTime(HIDDEN_FALLBACK_MS - 1);
      expect(callback).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);

      expect(callback).toHaveBeenCalledTimes(1);
      expect(cancelFrame).toHaveBeenCalledWith(7);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('should run the callback once at the animation frame and not again at the timeout', () => {
    vi.useFakeTimers();
    let frameCallback: (() => void) | undefined;
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => ((frameCallback = callback), 1));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    try {
      const callback = vi.fn();
      nextAnimationFrame(callback);
      frameCallback!();
      vi.advanceTimersByTime(HIDDEN_FALLBACK_MS * 2);

      expect(callback).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
