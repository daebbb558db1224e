import "server-only";
// Who has the trading page open: live price ticks go only to them (leases: lib/realtime/watchers).
import { watchers } from "@/lib/realtime/watchers";

const prices = () => watchers("prices");

export function watchPrices(userId: string, watchId: string, now = Date.now()): void {
  prices().watch(userId, watchId, now);
}

export function unwatchPrices(userId: string, watchId: string): void {
  prices().unwatch(userId, watchId);
}

export function priceWatchers(now = Date.now()): string[] {
  return prices().users(now);
}
