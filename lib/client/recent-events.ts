// The durable events this tab dispatched lately, in order, and the cursor after which that list is
// complete. A page fetched during a client navigation catches up from it (what was stored after
// the page's data was read but reached the tab before the page mounted), and so does a tab that
// joins the others (from the leader's list). Bounded: past the limit the oldest are forgotten and
// the list is complete from a later cursor on.
export type RecentEvent<E> = { id: string; event: E; data: string; shownIn: string | null };

export class RecentEvents<E> {
  private items: RecentEvent<E>[] = [];
  private from: bigint;

  constructor(from: string | null, private readonly limit = 500) {
    this.from = toCursor(from);
  }

  add(item: RecentEvent<E>): void {
    this.items.push(item);
    if (this.items.length > this.limit) this.from = BigInt(this.items.shift()!.id);
  }

  /** Every remembered event after `cursor`, oldest first; null when the list does not reach back that far. */
  after(cursor: string | null): RecentEvent<E>[] | null {
    const c = toCursor(cursor);
    if (c < this.from) return null;
    return this.items.filter((i) => BigInt(i.id) > c);
  }

  /** Forgets everything: from now on the list is complete after `cursor` (a resync, or a late join). */
  reset(cursor: string | null): void {
    this.items = [];
    this.from = toCursor(cursor);
  }
}

/** No cursor: the page was rendered before any event was stored. */
function toCursor(id: string | null): bigint {
  return id === null ? 0n : BigInt(id);
}
