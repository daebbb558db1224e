"use client";
import Link from "next/link";
import { useUnreadCount } from "./unread-count";

/** The header's bell: the live unread count, linking to the notification center. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const label = unread === null ? "Notifications" : `Notifications: ${unread} unread`;
  return (
    <Link href="/notifications" className="bell" aria-label={label} title={label} data-testid="notification-bell">
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      <span className={`bell-count${unread ? " has-unread" : ""}`} data-testid="unread-count" data-count={unread ?? ""}>
        {unread ?? "…"}
      </span>
    </Link>
  );
}
