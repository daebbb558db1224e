"use client";
// The maintenance banner on every signed-in page: the active window is read from the server on
// mount (so a page opened later still shows it) and replaced live by new `system_maintenance`
// events. It counts down to the start, then to the end, and disappears when the window is over.
import { Callout } from "@radix-ui/themes";
import { useEffect, useState } from "react";
import { activeMaintenanceAction } from "@/app/(app)/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { MaintenanceNotice } from "@/lib/domain/system/maintenance";

const DEFAULT_WINDOW_MS = 60 * 60_000;

export function MaintenanceBanner() {
  const [notice, setNotice] = useState<MaintenanceNotice | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    void activeMaintenanceAction().then((r) => {
      if (live && r.ok && r.data) setNotice((current) => current ?? r.data);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);

  useRealtimeEvent("system_maintenance", (event) => {
    const { data } = event;
    const endTime = data.endTime ?? new Date(Date.parse(data.startTime) + DEFAULT_WINDOW_MS).toISOString();
    setNotice({ id: data.windowId ?? event.id, message: data.text ?? event.message, startTime: data.startTime, endTime });
    setNow(Date.now());
  });

  useEffect(() => {
    if (!notice) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [notice]);

  if (!notice) return null;
  const start = Date.parse(notice.startTime);
  const end = Date.parse(notice.endTime);
  if (now >= end) return null;
  const started = now >= start;
  return (
    <section className="maintenance-banner" aria-label="Maintenance notice" data-testid="maintenance-banner">
      <Callout.Root color="amber" variant="surface">
        <Callout.Text>
          <strong>{started ? "Maintenance in progress" : "Scheduled maintenance"}:</strong> {notice.message}{" "}
          <span className="countdown" data-testid="maintenance-countdown">
            {started ? "Ends in " : "Starts in "}
            <time dateTime={started ? notice.endTime : notice.startTime}>{countdown((started ? end : start) - now)}</time>
          </span>
        </Callout.Text>
      </Callout.Root>
    </section>
  );
}

function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(s).padStart(2, "0")}s`;
}
