import "server-only";
// What an operator asks of one instance: its open streams and online users, and optionally one
// user's streams here and whether presence counts them online (anywhere, lingering included).
import { resolveRecipients } from "@/lib/notify/recipients";
import { hub } from "@/lib/realtime/hub";

export async function streamStats(user?: string) {
  const { registry, presence } = await hub();
  const stats = registry.stats();
  if (!user) return stats;
  const id = (await resolveRecipients([user]))[0]!; // an unknown user is a 404 there
  const online = (await presence.lookup([id])).online.has(id);
  return { ...stats, user: { id, streams: registry.count(id), online } };
}
