// One open stream. Small on purpose: no timers or closures of its own (the registry's one timer
// serves heartbeats and lifetimes for all; the stream itself is its body's underlying source
// and its abort listener). Cleanup runs once, whichever of abort, cancel or a failed write comes first.
import { randomUUID } from "node:crypto";
import type { FlushQueue } from "./flush-queue";
import type { Registry } from "./registry";

/**
 * A pre-encoded frame; `id` is the durable event id, used to drop duplicates around replay,
 * `cursor` the resume cursor its `id:` line carries (the id itself when absent), and `at` when it
 * was published (epoch ms), for the fan-out latency metric.
 */
export type Frame = { id: string | null; cursor?: string; bytes: Uint8Array; at?: number };

export const closeReasons = [
  "client_closed",
  "cancelled",
  "write_failed",
  "slow_consumer",
  "lifetime",
  "session_ended",
  "catch_up_failed",
  "shutdown",
] as const;
export type CloseReason = (typeof closeReasons)[number];

export class Stream implements UnderlyingDefaultSource<Uint8Array> {
  readonly id = randomUUID();
  lastWriteAt = Date.now();
  closed = false;
  closeReason: CloseReason | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  /** While the replay is written, live frames wait here (their bytes counted) so none is lost or out of order. */
  private held: Frame[] | null = null;
  private heldBytes = 0;
  /** Live frames of this turn of the event loop, written as one chunk by the flush queue. */
  private pending: Uint8Array | Uint8Array[] | null = null;
  /** The process's flush queue (the registry's): this stream schedules itself on it. */
  private readonly queue: FlushQueue<Stream>;
  /** The cursor of the last durable event written (what the client's Last-Event-ID would say). */
  lastCursor: string | null = null;
  /** Durable ids this stream already wrote by replay whose live copy may still arrive: dropped then. */
  private comingLive: Set<string> | null = null;
  /** The cursor the stream was opened with (Last-Event-ID), if any. */
  openedFrom: string | null = null;
  /**
   * While the bus is down and until the catch-up that follows: where the catch-up reads from, and
   * the durable ids written since (so it skips them). Null the rest of the time: no cost live.
   */
  gap: { from: string | null; written: Set<string> } | null = null;

  constructor(
    readonly userId: string,
    readonly sid: string,
    readonly expiresAt: number,
    private readonly maxQueueBytes: number,
    private readonly registry: Pick<Registry, "remove" | "queue">,
  ) {
    this.queue = registry.queue;
  }

  /** UnderlyingSource.start: `new ReadableStream(stream, strategy)` attaches the stream. */
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
  }

  /** UnderlyingSource.cancel: the reader went away. */
  cancel(): void {
    this.close("cancelled");
  }

  /** EventListener for the request's abort signal. */
  handleEvent(): void {
    this.close("client_closed");
  }

  /** Hold live frames until `release` (used while the missed events are replayed). */
  hold(): void {
    this.held ??= [];
  }

  /** Sends the held frames that replay did not already cover, then goes live; returns how many went. */
  release(skip: (frame: Frame) => boolean): number {
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    let written = 0;
    for (const frame of held) if (!skip(frame) && this.write(frame.bytes, frame.id, frame.cursor ?? null)) written++;
    return written;
  }

  /**
   * The bus went down: from now on remember what is written, for the catch-up when it is back.
   * It reads after the last event this stream wrote, else after its own cursor, else after the
   * cursor of the last event the bus delivered to this instance (`busFrom`) before going down.
   */
  beginGap(busFrom: string | null): void {
    this.gap ??= { from: this.lastCursor ?? this.openedFrom ?? busFrom, written: new Set() };
  }

  private wrote(id: string | null, cursor: string | null): void {
    if (id === null) return;
    this.lastCursor = cursor ?? id;
    this.gap?.written.add(id);
  }

  /** Whether a replay wrote this event and its live copy has not come yet (a catch-up must not write it again). */
  awaitsLive(id: string): boolean {
    return this.comingLive?.has(id) ?? false;
  }

  /** After a replay: ids whose live copy may still come over the bus, to drop when it does. */
  expectLive(ids: Set<string>): void {
    if (ids.size === 0) return;
    if (this.comingLive) for (const id of ids) this.comingLive.add(id);
    else this.comingLive = ids;
  }

  /** Live path: a frame from the bus, coalesced with the others of this turn into one chunk. */
  send(frame: Frame): void {
    if (this.closed) return;
    if (this.held) {
      // Bounded like the unread queue: a replay that cannot keep up with the live frames it holds
      // back is shed as a stalled reader is (its client resumes from its cursor).
      this.heldBytes += frame.bytes.byteLength;
      if (this.heldBytes > this.maxQueueBytes) return this.close("slow_consumer");
      this.held.push(frame);
      return;
    }
    if (this.comingLive !== null && frame.id !== null && this.comingLive.delete(frame.id)) {
      if (this.comingLive.size === 0) this.comingLive = null;
      return;
    }
    this.wrote(frame.id, frame.cursor ?? null);
    const pending = this.pending;
    if (pending === null) {
      this.pending = frame.bytes;
      this.queue.schedule(this);
    } else if (Array.isArray(pending)) pending.push(frame.bytes);
    else this.pending = [pending, frame.bytes];
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  /** Writes the coalesced frames (the flush queue calls it once per round); returns how many were written. */
  flush(): number {
    const pending = this.pending;
    if (pending === null) return 0;
    this.pending = null;
    if (!Array.isArray(pending)) return this.enqueue(pending) ? 1 : 0;
    return this.enqueue(this.queue.join(pending)) ? pending.length : 0;
  }

  /** Writes now, after anything still pending, so order is kept; `id` and `cursor` for a durable event. */
  write(bytes: Uint8Array, id: string | null = null, cursor: string | null = null): boolean {
    if (this.pending !== null) this.flush();
    const ok = this.enqueue(bytes);
    if (ok) this.wrote(id, cursor);
    return ok;
  }

  private enqueue(bytes: Uint8Array): boolean {
    const controller = this.controller;
    if (this.closed || !controller) return false;
    try {
      controller.enqueue(bytes);
    } catch {
      this.close("write_failed");
      return false;
    }
    this.lastWriteAt = Date.now();
    // desiredSize = bound - queued bytes: below zero the reader has stopped keeping up.
    if ((controller.desiredSize ?? 0) < 0) {
      this.close("slow_consumer");
      return false;
    }
    return true;
  }

  get queuedBytes(): number {
    const desired = this.controller?.desiredSize ?? this.maxQueueBytes;
    return this.maxQueueBytes - desired;
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    this.held = null;
    this.heldBytes = 0;
    this.pending = null;
    this.gap = null;
    this.comingLive = null;
    const controller = this.controller;
    this.controller = null;
    if (controller) {
      try {
        // A reader that stopped reading would never drain a graceful close: error it instead,
        // which makes the server drop the socket at once.
        if (reason === "slow_consumer") controller.error(new Error("slow consumer"));
        else controller.close();
      } catch {
        // Already closed or errored by the other side.
      }
    }
    this.registry.remove(this);
  }
}
