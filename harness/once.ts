/**
 * `run`'s promise, started by the first call and shared by every later one, a failure included: setup that
 * whichever test needs it starts, so that a test passes alone, in any order, and the work is done only once.
 */
export function once<T>(run: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= run());
}
