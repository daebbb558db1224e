import { describe, expect, it, vi } from "vitest";
import { Dispatcher, parseEnvelope } from "./dispatcher";
import type { Envelope } from "@/lib/events/envelope";

const chat: Envelope = {
  id: "7",
  type: "chat_message",
  category: "social",
  priority: "medium",
  message: "New message in Trading Room",
  data: { roomId: "trading", sender: "Alice", text: "SOL looking bullish!" },
  timestamp: "2026-11-27T10:00:00.000Z",
};

describe("parseEnvelope", () => {
  it("accepts an envelope whose data matches its type in the catalogue", () => {
    expect(parseEnvelope(JSON.stringify(chat))).toEqual(chat);
  });

  it("rejects non-JSON, unknown types and data that breaks the type's schema", () => {
    expect(parseEnvelope("not json")).toBeNull();
    expect(parseEnvelope(JSON.stringify({ ...chat, type: "mystery_event" }))).toBeNull();
    expect(parseEnvelope(JSON.stringify({ ...chat, data: { roomId: "trading", sender: "Alice" } }))).toBeNull();
  });
});

describe("Dispatcher", () => {
  it("calls the handlers of the event's type, then the catch-all ones, and no others", () => {
    const d = new Dispatcher();
    const calls: string[] = [];
    d.on("chat_message", (e) => calls.push(`chat:${e.data.text}`));
    d.on("price_tick", () => calls.push("tick"));
    d.on("*", (e) => calls.push(`all:${e.type}`));
    d.dispatch(chat);
    expect(calls).toEqual(["chat:SOL looking bullish!", "all:chat_message"]);
  });

  it("stops calling a handler once it unsubscribes", () => {
    const d = new Dispatcher();
    const handler = vi.fn();
    const off = d.on("chat_message", handler);
    d.dispatch(chat);
    off();
    d.dispatch(chat);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("keeps dispatching to the other handlers when one throws", () => {
    const d = new Dispatcher();
    const after = vi.fn();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    d.on("chat_message", () => {
      throw new Error("boom");
    });
    d.on("chat_message", after);
    d.dispatch(chat);
    expect(after).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});

describe("Dispatcher deliveries", () => {
  it("tells each handler where the event is shown (here, in another tab, or nowhere)", () => {
    const d = new Dispatcher();
    const seen: string[] = [];
    d.on("*", (_e, { where }) => seen.push(where));
    d.dispatch(chat, { where: "other" });
    d.dispatch(chat);
    expect(seen).toEqual(["other", "here"]);
  });
});
