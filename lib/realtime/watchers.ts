import "server-only";
// Who watches a live feed (the trading page's price ticks, the admin view's figures): each open
// page holds a short lease it renews while mounted and drops on unmount, so a feed goes only to
// those users, and does no work at all when nobody watches (a closed tab's lease just runs out).
// One set of leases per feed and process (lib/service.ts).
import { processWide } from "@/lib/service";

const LEASE_MS = 30_000;

export class Watchers {
  private readonly leases = new Map<string, Map<string, number>>();

  constructor(private readonly leaseMs = LEASE_MS) {}

  watch(userId: string, watchId: string, now = Date.now()): void {
    const mine = this.leases.get(userId) ?? new Map<string, number>();
    mine.set(watchId, now + this.leaseMs);
    this.leases.set(userId, mine);
  }

  unwatch(userId: string, watchId: string): void {
    const mine = this.leases.get(userId);
    mine?.delete(watchId);
    if (mine?.size === 0) this.leases.delete(userId);
  }

  /** Users with at least one unexpired lease (expired ones are dropped on the way). */
  users(now = Date.now()): string[] {
    const users: string[] = [];
    for (const [userId, mine] of this.leases) {
      for (const [watchId, until] of mine) if (until <= now) mine.delete(watchId);
      if (mine.size === 0) this.leases.delete(userId);
      else users.push(userId);
    }
    return users;
  }
}

/** The leases of one feed, by name. */
export function watchers(feed: string): Watchers {
  return processWide(`watchers:${feed}`, () => new Watchers());
}
