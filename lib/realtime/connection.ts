// One open stream. Small on purpose: no timers or closures of its own (the registry's one timer
// serves heartbeats and lifetimes for all). Cleanup runs once, whichever of abort, cancel or a
// failed write comes first.
import { randomUUID } from "node:crypto";

/** A pre-encoded frame; `id` is the durable event id, used to drop duplicates around replay. */
export type Frame = { id: string | null; bytes: Uint8Array };

export type CloseReason =
  | "client_closed"
  | "cancelled"
  | "write_failed"
  | "slow_consumer"
  | "lifetime"
  | "session_ended"
  | "shutdown";

export class Connection {
  readonly id = randomUUID();
  readonly openedAt = Date.now();
  lastWriteAt = this.openedAt;
  closed = false;
  closeReason: CloseReason | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  /** While replaying, live frames wait here so nothing is lost or sent out of order. */
  private held: Frame[] | null = null;

  constructor(
    readonly userId: string,
    readonly sid: string,
    readonly expiresAt: number,
    private readonly maxQueueBytes: number,
    private readonly onClose: (conn: Connection) => void,
  ) {}

  attach(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
  }

  /** Hold live frames until `release` (used while the missed events are replayed). */
  hold(): void {
    this.held ??= [];
  }

  /** Sends the held frames that replay did not already cover, then goes live. */
  release(skip: (frame: Frame) => boolean): void {
    const held = this.held ?? [];
    this.held = null;
    for (const frame of held) if (!skip(frame)) this.write(frame.bytes);
  }

  /** Live path: a frame from the bus. */
  send(frame: Frame): void {
    if (this.held) this.held.push(frame);
    else this.write(frame.bytes);
  }

  write(bytes: Uint8Array): boolean {
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
    this.onClose(this);
  }
}
