import "server-only";
// The in-process ticker that drives NFT jobs, started at boot. It reads due jobs from the
// database on every beat, so nothing about a running job lives only in memory.
import { pauseReporter } from "@/lib/db/outage";
import { env } from "@/lib/env";
import { advanceDueJobs } from "./advance-jobs";

type Ticker = { timer: ReturnType<typeof setInterval>; busy: boolean };
const store = globalThis as unknown as { heraldNftTicker?: Ticker };

export function startNftSimulator(): void {
  if (store.heraldNftTicker) return;
  const every = Math.max(10, Math.min(500, Math.floor(env().HERALD_NFT_STEP_MS / 2)));
  const health = pauseReporter("NFT simulator");
  const ticker: Ticker = {
    busy: false,
    timer: setInterval(async () => {
      if (ticker.busy) return;
      ticker.busy = true;
      try {
        await advanceDueJobs();
        health.ok();
      } catch (err) {
        // State lives in the database: a step that failed is simply taken again on a later beat.
        health.failed(err);
      } finally {
        ticker.busy = false;
      }
    }, every),
  };
  ticker.timer.unref();
  store.heraldNftTicker = ticker;
}

export function stopNftSimulator(): void {
  if (store.heraldNftTicker) clearInterval(store.heraldNftTicker.timer);
  store.heraldNftTicker = undefined;
}
