// Progress output: always stderr, so `--json` leaves stdout to the one JSON object.

const startedAt = performance.now();

export function log(message: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Runs one measurement with a start and an end line, and how long it took. */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  log(`${name}: start`);
  try {
    return await work();
  } finally {
    log(`${name}: done in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
}
