// Where a stream stands: the resume cursor of a frame's `id:` line (sent back as Last-Event-ID) and
// of a page load (`lastEventId`). Its four forms and what comes after one: docs/reliability.md,
// "The cursor". Shared by server and browser; the browser treats it as opaque except to tell which
// events a page may not have (recent-events.ts).

export type Cursor = {
  id: bigint;
  /** Transactions with a lower id had finished when the cursor was taken (null: a bare id). */
  xmin: bigint | null;
  /** The transaction that stored the cursor's event (event frames only). */
  txid: bigint | null;
  /** The xmin of that event's own insert: only a live frame's cursor has it. */
  own: bigint | null;
};

/** A cursor's text: an id (up to 19 digits), then optionally an xmin, a txid and an own xmin (xid8: up to 20). */
export const CURSOR_PATTERN = /^(\d{1,19})(?:\.(\d{1,20})(?:\.(\d{1,20})(?:\.(\d{1,20}))?)?)?$/;

/** The cursor a text stands for, or null when it is not one. */
export function parseCursor(text: string): Cursor | null {
  const m = CURSOR_PATTERN.exec(text);
  if (!m) return null;
  const big = (part: string | undefined) => (part === undefined ? null : BigInt(part));
  return { id: BigInt(m[1]!), xmin: big(m[2]), txid: big(m[3]), own: big(m[4]) };
}

type Part = bigint | string | null;

export function formatCursor(id: bigint | string, xmin: Part, txid: Part = null, own: Part = null): string {
  if (xmin === null) return String(id);
  if (txid === null) return `${id}.${xmin}`;
  return own === null ? `${id}.${xmin}.${txid}` : `${id}.${xmin}.${txid}.${own}`;
}

/**
 * Whether an event (its id, and its transaction id when known) comes after the cursor: it may be
 * missing from whatever the cursor's holder has, so a replay sends it.
 */
export function isAfter(cursor: Cursor, id: bigint, txid: bigint | null): boolean {
  if (id > cursor.id) return true;
  return id !== cursor.id && cursor.xmin !== null && txid !== null && txid >= cursor.xmin;
}
