// What every bus implementation and every instance agree on: the messages, the bus's interface,
// and which shard a user's events travel on. Types and one pure function, so that both bus
// implementations and the factory that picks one can import it without importing each other.
import type { Envelope } from "@/lib/events/envelope";

/**
 * `at`: when the publisher sent it (epoch ms), for the fan-out latency metric and the cursor horizon.
 * A durable event also carries its row's transaction id and its insert's snapshot xmin (decimal),
 * from which every instance builds the same kind of resume cursor (lib/realtime/horizon.ts).
 */
type StoredAt = { txid: string; xmin: string };
type EventMessage = { envelope: Envelope; durable: boolean; at?: number; stored?: StoredAt };
export type BusMessage =
  | ({ kind: "users"; userIds: string[] } & EventMessage)
  | ({ kind: "broadcast" } & EventMessage)
  | { kind: "session_ended"; userId: string; sid: string };

/**
 * For metrics, health and the admin view: is the bus usable, how often did it have to reconnect,
 * how many messages reached this instance, and how many shard channels it listens to now.
 */
export type BusState = { kind: "memory" | "redis"; connected: boolean; reconnects: number; received: number; shards: number };

/**
 * What a bus tells its subscriber about gaps: `down` when messages may stop arriving (a
 * connection dropped: what is published meanwhile is lost to this instance), `up` once it
 * delivers again, so the subscriber can read what it missed from the database.
 */
export type BusGap = "down" | "up";

export interface Bus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  /**
   * This instance now holds a stream of `userId`: resolves once the user's targeted events reach
   * it (a bus that carries everything everywhere resolves at once). Paired with `unwatch` when
   * that stream closes.
   */
  watch(userId: string): Promise<void>;
  unwatch(userId: string): void;
  onGap(handler: (gap: BusGap) => void): void;
  close(): Promise<void>;
  state(): BusState;
}

/**
 * The shard of a user's targeted events, 0 ≤ shard < shards (FNV-1a of the id): every instance
 * must compute the same one, so it is part of the wire contract.
 */
export function shardOf(userId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
