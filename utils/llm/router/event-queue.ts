// A minimal single-consumer queue: concurrent attempts and timers push events, the router awaits them in order.

export interface EventQueue<T> {
  push(event: T): void;
  next(): Promise<T>;
}

export function createEventQueue<T>(): EventQueue<T> {
  const items: T[] = [];
  let waiting: ((event: T) => void) | undefined;
  return {
    push(event) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(event);
      } else {
        items.push(event);
      }
    },
    next() {
      const event = items.shift();
      if (event !== undefined) return Promise.resolve(event);
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
  };
}
