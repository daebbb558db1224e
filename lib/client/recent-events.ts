// The durable events this tab dispatched lately, in order, and the cursor after which that list is
// complete. A page fetched during a client navigation catches up from it (what was stored after
// the page's cursor was read but reached the tab before the page mounted), and so does a tab that
// joins the others (from the leader's list). Which events come after a cursor is decided by
// lib/events/cursor.ts: greater ids, and smaller ones committed around or after it (an event's
// transaction id rides in its frame's cursor). Bounded: past the limit the oldest are forgotten,
// and the list is complete only after cursors past them.
import { isAfter, parseCursor, type Cursor } from "@/lib/events/cursor";

/** `cursor`: the `id:` of the frame that brought the event. */
export type RecentEvent<E> = { id: string; cursor: string | null; event: E; data: string; shownIn: string | null };

export class RecentEvents<E> {
  private items: RecentEvent<E>[] = [];
  /** The list holds every event dispatched here after this cursor (null: after nothing, i.e. all). */
  private from: Cursor | null;
  /** The greatest id and transaction id among the forgotten events. */
  private forgotten: { id: bigint; txid: bigint | null } | null = null;

  constructor(from: string | null, private readonly limit = 500) {
    this.from = toCursor(from);
  }

  add(item: RecentEvent<E>): void {
    this.items.push(item);
    if (this.items.length <= this.limit) return;
    const old = this.items.shift()!;
    const id = BigInt(old.id);
    const txid = txidOf(old);
    const f = this.forgotten;
    this.forgotten = {
      id: f && f.id > id ? f.id : id,
      txid: f?.txid != null && (txid === null || f.txid > txid) ? f.txid : txid,
    };
  }

  /** Every remembered event after `cursor`, oldest first; null when the list does not reach back that far. */
  after(cursor: string | null): RecentEvent<E>[] | null {
    const c = toCursor(cursor) ?? parseCursor("0")!;
    if (!covers(c, this.from)) return null;
    // Conservative: the greatest forgotten id and transaction id stand for every forgotten event.
    const f = this.forgotten;
    if (f && (f.id > c.id || (c.xmin !== null && f.txid !== null && f.txid >= c.xmin))) return null;
    return this.items.filter((i) => isAfter(c, BigInt(i.id), txidOf(i)));
  }

  /** Forgets everything: from now on the list is complete after `cursor` (a resync, or a late join). */
  reset(cursor: string | null): void {
    this.items = [];
    this.from = toCursor(cursor);
    this.forgotten = null;
  }
}

/** Whether everything after `c` is after `from` too: the list, complete after `from`, is complete after `c`. */
function covers(c: Cursor, from: Cursor | null): boolean {
  if (from === null) return true;
  if (c.id < from.id) return false;
  // A cursor with an xmin also takes smaller ids committed late: `from` must have taken them too.
  return c.xmin === null || (from.xmin !== null && c.xmin >= from.xmin);
}

function toCursor(text: string | null): Cursor | null {
  return text === null ? null : parseCursor(text);
}

function txidOf(item: RecentEvent<unknown>): bigint | null {
  return item.cursor === null ? null : (parseCursor(item.cursor)?.txid ?? null);
}
