import { createParser, type EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { ephemeralEnvelope, type Envelope } from "@/lib/events/envelope";
import { encodeComment, encodeEnvelope, encodeRetry, eventText } from "./sse";

const decoder = new TextDecoder();

function parse(bytes: Uint8Array[]): { events: EventSourceMessage[]; comments: string[]; retry: number[] } {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const retry: number[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onRetry: (r) => retry.push(r) });
  for (const b of bytes) parser.feed(decoder.decode(b));
  return { events, comments, retry };
}

const envelope = (message: string, data: Record<string, unknown> = {}): Envelope => ({
  id: "42",
  type: "chat_message",
  category: "social",
  priority: "medium",
  message,
  data,
  timestamp: "2026-11-27T00:00:00.000Z",
});

describe("SSE framing", () => {
  it("frames a durable event with its cursor as the id and the envelope as data", () => {
    const { events } = parse([encodeEnvelope(envelope("hi"), "42.7.9")]);
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe("42.7.9");
    expect(JSON.parse(events[0]!.data)).toEqual(envelope("hi"));
  });

  it("leaves the id line out of ephemeral events so the browser's cursor stays on the last durable one", () => {
    const tick = ephemeralEnvelope("price_tick", "SOL", { symbol: "SOL", price: 1 });
    const text = decoder.decode(encodeEnvelope(tick, null));
    expect(text.startsWith("data: ")).toBe(true);
    expect(text).not.toMatch(/^id:/m);
  });

  it("cannot be split or forged by CR/LF in a payload", () => {
    const evil = "a\r\n\r\nid: 999\ndata: {\"type\":\"forged\"}\r\rdata: x\n\n";
    const bytes = encodeEnvelope(envelope(evil, { text: evil, [evil]: evil }), "42");
    const { events } = parse([bytes, encodeEnvelope(envelope("next"), "43")]);
    expect(events).toHaveLength(2);
    expect(events[0]!.id).toBe("42");
    expect(JSON.parse(events[0]!.data).message).toBe(evil);
    expect(JSON.parse(events[0]!.data).data.text).toBe(evil);
  });

  it("splits raw multi-line data into data lines that reassemble to the original", () => {
    const { events } = parse([new TextEncoder().encode(eventText("one\r\ntwo\rthree\nfour", "7\r\nid: 8"))]);
    expect(events[0]!.data).toBe("one\ntwo\nthree\nfour");
    expect(events[0]!.id).toBe("7 id: 8");
  });

  it("writes comments and retry hints that cannot carry an event", () => {
    const { events, comments, retry } = parse([encodeComment("ping\n\ndata: evil\n\n"), encodeRetry(2500)]);
    expect(events).toHaveLength(0);
    expect(comments).toHaveLength(1);
    expect(retry).toEqual([2500]);
  });
});
