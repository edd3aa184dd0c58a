// Read-modify-write of one storage item, one at a time: the stores that share an item never lose each other's changes.

/** The part of a WXT storage item a store uses (an in-memory item meets it too). */
export interface ValueItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/** Runs work one piece at a time, in order; a failed piece does not stop the ones after it. */
export function createSerialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
}
