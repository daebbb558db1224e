"use client";
import { usePathname } from "next/navigation";
import { toast } from "sonner";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { catalogue } from "@/lib/events/catalogue";

/** A toast for each event its catalogue entry toasts, unless the open page already shows it live. */
export function RealtimeToasts() {
  const pathname = usePathname();
  // One of the user's tabs shows each event (a visible one): toasts appear there only.
  useRealtimeEvent("*", (event, { where }) => {
    const { inApp } = catalogue[event.type];
    if (where !== "here" || !inApp.toast || inApp.shownOn === pathname) return;
    const show = event.priority === "high" ? toast.warning : event.category === "system" ? toast.info : toast;
    show(event.message, { id: event.id, description: event.type.replaceAll("_", " ") });
  });
  return null;
}
