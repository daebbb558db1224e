"use client";
import { usePathname } from "next/navigation";
import { toast } from "sonner";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { Envelope } from "@/lib/events/envelope";

/** Live ticks and stream control events update the page; they are not worth a toast. */
const quiet = new Set<Envelope["type"]>([
  "connection_established",
  "resync",
  "price_tick",
  "nft_upgrade_status",
  "notifications_read",
  "system_stats",
]);

/** Events a page already shows live where they belong: a toast would only repeat them. */
const shownBy: Record<string, Envelope["type"][]> = { "/social": ["chat_message", "friend_activity"] };

export function RealtimeToasts() {
  const pathname = usePathname();
  // One of the user's tabs shows each event (a visible one): toasts appear there only.
  useRealtimeEvent("*", (event, { where }) => {
    if (where !== "here" || quiet.has(event.type) || shownBy[pathname]?.includes(event.type)) return;
    const show = event.priority === "high" ? toast.warning : event.category === "system" ? toast.info : toast;
    show(event.message, { id: event.id, description: event.type.replaceAll("_", " ") });
  });
  return null;
}
