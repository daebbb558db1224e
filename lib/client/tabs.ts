// Messages between this user's tabs (same origin). Each tab keeps its own stream; this only
// carries what the server cannot: "I signed out", so the other tabs drop their streams at once.
export type TabMessage = { kind: "signed_out" };

const CHANNEL = "herald-tabs";

export function postToTabs(message: TabMessage): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
  channel.close();
}

export function listenToTabs(handler: (message: TabMessage) => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<TabMessage>) => handler(e.data);
  return () => channel.close();
}
