"use client";
// Holds a lease on a server-side live feed while the component is mounted: renewed every few
// seconds, released on unmount or when the page is hidden for good (a tab closed without
// releasing simply lets its lease run out on the server).
import { useEffect } from "react";

const RENEW_MS = 10_000;

type LeaseAction = (input: { watchId: string }) => Promise<unknown>;

export function useLease(watch: LeaseAction, unwatch: LeaseAction): void {
  useEffect(() => {
    const watchId = uuid();
    const renew = () => void watch({ watchId }).catch(() => undefined);
    const release = () => void unwatch({ watchId }).catch(() => undefined);
    renew();
    const timer = setInterval(renew, RENEW_MS);
    window.addEventListener("pagehide", release);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", release);
      release();
    };
  }, [watch, unwatch]);
}

/** A v4 UUID that also works outside secure contexts (plain-HTTP LAN demos lack randomUUID). */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
