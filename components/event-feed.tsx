"use client";
import { useState } from "react";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { catalogue } from "@/lib/events/catalogue";
import type { Envelope } from "@/lib/events/envelope";

/** The events that arrived on this page, newest first. */
export function EventFeed() {
  const [events, setEvents] = useState<Envelope[]>([]);
  useRealtimeEvent("*", (event) => {
    if (!catalogue[event.type].inApp.feed) return;
    setEvents((list) => [event, ...list].slice(0, 50));
  });
  if (events.length === 0) return <p className="muted">No events yet on this page. They appear here as they arrive.</p>;
  return (
    <ul className="feed" data-testid="event-feed">
      {events.map((e) => (
        <li key={e.id} className={`feed-item priority-${e.priority}`}>
          <span className={`tag tag-${e.category}`}>{e.category}</span>
          <span className="feed-message">{e.message}</span>
          <time dateTime={e.timestamp}>{new Date(e.timestamp).toLocaleTimeString()}</time>
        </li>
      ))}
    </ul>
  );
}
