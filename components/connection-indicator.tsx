"use client";
import { Button } from "@radix-ui/themes";
import { useRealtime } from "@/lib/client/realtime";

const labels = { connecting: "Connecting…", connected: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

export function ConnectionIndicator() {
  const { state, leader, reconnect } = useRealtime();
  // The user's tabs share one stream: the state shown is that stream's, whichever tab holds it.
  return (
    <span className="conn-wrap">
      <span
        className={`conn conn-${state}`}
        data-testid="connection-state"
        data-state={state}
        data-role={leader ? "leader" : "follower"}
        title={leader ? "This tab holds the live connection" : "Live through the connection of another of your tabs"}
        role="status"
      >
        <span className="dot" aria-hidden /> {labels[state]}
      </span>
      {state === "offline" && (
        <Button size="1" variant="soft" onClick={reconnect}>
          Retry now
        </Button>
      )}
    </span>
  );
}
