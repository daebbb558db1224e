"use client";
import { useConnectionState } from "@/lib/client/realtime";

const labels = { connecting: "Connecting…", connected: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

export function ConnectionIndicator() {
  const state = useConnectionState();
  return (
    <span className={`conn conn-${state}`} data-testid="connection-state" data-state={state} role="status">
      <span className="dot" aria-hidden /> {labels[state]}
    </span>
  );
}
