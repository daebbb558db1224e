import "server-only";
// The outbox's poller in the server process (lib/notify/outbox.ts does the work): started at boot,
// stopped at shutdown after the provider call in flight settles.
import { pauseReporter } from "@/lib/db/outage";
import { env } from "@/lib/env";
import { processWide } from "@/lib/service";
import { processDueDeliveries } from "./outbox";

type Worker = { timer: ReturnType<typeof setInterval>; running: Promise<void> | null; stopping: boolean };
const slot = () => processWide("outbox-worker", (): { worker?: Worker } => ({}));

/** Polls for due deliveries in the background of the server process; pauses while the database is away. */
export function startOutboxWorker(): void {
  const s = slot();
  if (s.worker) return;
  const health = pauseReporter("outbox");
  const worker: Worker = {
    running: null,
    stopping: false,
    timer: setInterval(() => {
      if (worker.running || worker.stopping) return;
      worker.running = processDueDeliveries(undefined, () => worker.stopping)
        .then(health.ok, health.failed)
        .finally(() => (worker.running = null));
    }, env().HERALD_OUTBOX_POLL_MS),
  };
  worker.timer.unref();
  s.worker = worker;
}

/**
 * Stops polling and waits (at most `timeoutMs`) for the provider call in flight to finish and be
 * recorded; the batch's other claimed rows go back to the queue for the next process.
 */
export async function stopOutboxWorker(timeoutMs = 0): Promise<void> {
  const s = slot();
  const worker = s.worker;
  s.worker = undefined;
  if (!worker) return;
  clearInterval(worker.timer);
  worker.stopping = true;
  if (!worker.running || timeoutMs <= 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([worker.running, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
