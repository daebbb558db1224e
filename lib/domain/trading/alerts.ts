// Price alerts: an alert watches for the price crossing its target from the side it was set on.
export type Direction = "ABOVE" | "BELOW";
export type AlertLike = { target: number; direction: Direction; triggeredAt: Date | null };

/** The side to watch: a target at or above the current price waits for the price to rise to it. */
export function directionFor(target: number, current: number): Direction {
  return target >= current ? "ABOVE" : "BELOW";
}

export function isCrossed(alert: Pick<AlertLike, "target" | "direction">, price: number): boolean {
  return alert.direction === "ABOVE" ? price >= alert.target : price <= alert.target;
}

/** Alerts that fire at this price: not yet triggered, and crossed. */
export function dueAlerts<A extends AlertLike>(alerts: A[], price: number): A[] {
  return alerts.filter((a) => a.triggeredAt === null && isCrossed(a, price));
}
