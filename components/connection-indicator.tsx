"use client";
import { Button } from "@radix-ui/themes";
import { useRealtime } from "@/lib/client/realtime";

const labels = { connecting: "Connecting…", connected: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

export function ConnectionIndicator() {
  const { state, reconnect } = useRealtime();
  return (
    <span className="conn-wrap">
      <span className={`conn conn-${state}`} data-testid="connection-state" data-state={state} role="status">
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
