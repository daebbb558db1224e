"use client";
import { useSeenReporter } from "@/lib/client/use-seen-reporter";

/** Reports rendered events as seen (attention escalation); renders nothing. */
export function SeenReporter() {
  useSeenReporter();
  return null;
}
