// A short memory of session ids known to be active, so opening (and re-opening) streams does not
// cost a database lookup each. Revocation wins: a revoked sid is dropped at once and remembered
// for a while, so a lookup that was already in flight when the session ended cannot re-admit it.
// Revocations arrive over the bus: while it is down, a sign-out elsewhere would not, so the cache
// forgets what it knew and learns nothing until the bus is back (every lookup asks the database).
export class SessionCache {
  /** sid → cached until (ms). Map order is insertion order: the first key is the oldest. */
  private readonly active = new Map<string, number>();
  /** sid → remembered as revoked until (ms). */
  private readonly revoked = new Map<string, number>();
  private trusted = true;
  /** Moves on whenever trust changes: a lookup that began in another epoch is not remembered. */
  private epochCount = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max = 100_000,
  ) {}

  /** true: known active; false: known revoked; undefined: ask the database. */
  get(sid: string, now = Date.now()): boolean | undefined {
    if (this.isRevoked(sid, now)) return false;
    const until = this.active.get(sid);
    if (until === undefined) return undefined;
    if (until > now) return true;
    this.active.delete(sid);
    return undefined;
  }

  get epoch(): number {
    return this.epochCount;
  }

  /**
   * Whether revocations can reach the cache (the bus is up). Either way it forgets every active
   * session it knew: on the way down because a sign-out may now go unheard, on the way up because
   * one may have gone unheard meanwhile.
   */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.epochCount++;
    this.active.clear();
  }

  /** Remembers an active session, never past its own expiry; `epoch`: when its lookup began. */
  setActive(sid: string, expiresAt: number, now = Date.now(), epoch = this.epochCount): void {
    if (this.ttlMs <= 0 || !this.trusted || epoch !== this.epochCount || this.isRevoked(sid, now)) return;
    this.active.delete(sid);
    if (this.active.size >= this.max) this.active.delete(this.active.keys().next().value!);
    this.active.set(sid, Math.min(now + this.ttlMs, expiresAt));
  }

  revoke(sid: string, now = Date.now()): void {
    this.active.delete(sid);
    this.revoked.delete(sid);
    if (this.revoked.size >= this.max) this.revoked.delete(this.revoked.keys().next().value!);
    // Long enough for any lookup started before the revocation to have finished.
    this.revoked.set(sid, now + Math.max(this.ttlMs, 60_000));
  }

  isRevoked(sid: string, now = Date.now()): boolean {
    const until = this.revoked.get(sid);
    if (until === undefined) return false;
    if (until > now) return true;
    this.revoked.delete(sid);
    return false;
  }
}
