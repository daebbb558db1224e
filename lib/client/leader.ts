// Leader election among one browser's tabs with the Web Locks API: every tab asks for the same
// exclusive lock and the tab holding it leads. It leads until it resigns or goes away — closed or
// crashed, the browser releases its locks — and then the next tab in line is granted the lock.
export type LockManagerLike = {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
};

/** Queues this tab for leadership; `onElected` runs once, when it leads. Returns "resign". */
export function electLeader(locks: LockManagerLike, name: string, onElected: () => void): () => void {
  const abort = new AbortController();
  let resigned = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  locks
    .request(name, { signal: abort.signal }, () => {
      if (resigned) return Promise.resolve(); // granted just as this tab resigned
      onElected();
      return held;
    })
    .catch(() => undefined); // AbortError: resigned while still waiting in line
  return () => {
    resigned = true;
    abort.abort();
    release();
  };
}
