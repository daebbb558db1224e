import "server-only";
// Who has the trading page open: each open page holds a short lease it renews while mounted and
// drops on unmount, so live ticks go only to those users (a closed tab's lease just runs out).
const LEASE_MS = 30_000;

const store = globalThis as unknown as { heraldPriceWatchers?: Map<string, Map<string, number>> };
const leases = () => (store.heraldPriceWatchers ??= new Map());

export function watchPrices(userId: string, watchId: string, now = Date.now()): void {
  const mine = leases().get(userId) ?? new Map<string, number>();
  mine.set(watchId, now + LEASE_MS);
  leases().set(userId, mine);
}

export function unwatchPrices(userId: string, watchId: string): void {
  const mine = leases().get(userId);
  mine?.delete(watchId);
  if (mine?.size === 0) leases().delete(userId);
}

/** Users with at least one unexpired lease (expired ones are dropped on the way). */
export function priceWatchers(now = Date.now()): string[] {
  const users: string[] = [];
  for (const [userId, mine] of leases()) {
    for (const [watchId, until] of mine) if (until <= now) mine.delete(watchId);
    if (mine.size === 0) leases().delete(userId);
    else users.push(userId);
  }
  return users;
}
