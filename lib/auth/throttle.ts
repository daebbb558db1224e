// "At most once per interval per key", in memory and bounded: how a session's last-seen time is
// written without a database write per request.
export class Throttle {
  /** key → when it last ran (ms). Map order is insertion order: re-inserting moves a key last. */
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly max = 100_000,
  ) {}

  /** True (and remembered) when `key` has not run within the interval. */
  due(key: string, now = Date.now()): boolean {
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.intervalMs) return false;
    this.last.delete(key);
    if (this.last.size >= this.max) this.last.delete(this.last.keys().next().value!);
    this.last.set(key, now);
    return true;
  }
}
