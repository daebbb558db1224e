// How background work lives through a database outage: it pauses (one line in the log, not one
// per beat), resumes by itself, and a step that must follow a commit is retried until it lands.
import { log } from "@/lib/log";
import { isDatabaseUnavailable } from "./unavailable";

/** Reports a worker's beats: "paused" once when the database goes away, "resumed" once when it is back. */
export function pauseReporter(name: string) {
  let paused = false;
  return {
    ok(): void {
      if (!paused) return;
      paused = false;
      log().warn(`${name} resumed: the database is back`);
    },
    failed(err: unknown): void {
      if (!isDatabaseUnavailable(err)) {
        log().error({ err }, `${name} failed`);
        return;
      }
      if (paused) return;
      paused = true;
      log().warn({ err }, `${name} paused: the database is unreachable`);
    },
  };
}

/**
 * Runs `work`, and again every `everyMs` while it fails because the database is unreachable, for
 * at most `forMs`: for the write that must follow something already done (a message handed to a
 * provider, a job already completed), which would otherwise be lost.
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, forMs = 60_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + forMs;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + everyMs > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
