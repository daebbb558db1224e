import "server-only";
// The metrics Herald's code records as things happen (one call per event, request or provider
// attempt; never per stream). What is counted per stream and frame stays a plain integer in the
// connection registry and is read at scrape time (lib/metrics/scrape.ts). Labels are bounded:
// event types, categories, route templates, channels, outcomes; never user ids or raw paths.
import { counter, histogram } from "./registry";

export const eventsPublished = counter({
  name: "herald_events_published_total",
  help: "Events published on the bus by this instance, by event type and category",
  labelNames: ["type", "category"] as const,
});

export const fanoutLatency = histogram({
  name: "herald_fanout_latency_seconds",
  help: "From publishing an event to writing it to the last of this instance's streams that get it",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const apiRequests = counter({
  name: "herald_api_requests_total",
  help: "Requests to the JSON API (trigger API, stats, metrics), by route template and HTTP status",
  labelNames: ["route", "status"] as const,
});

export const apiDuration = histogram({
  name: "herald_api_request_duration_seconds",
  help: "Time to answer a JSON API request, by route template",
  labelNames: ["route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const providerAttempts = counter({
  name: "herald_provider_attempts_total",
  help: "Offline sends handed to a channel adapter, by channel and outcome (sent, captured, retry, failed, dead, token_removed)",
  labelNames: ["channel", "outcome"] as const,
});

export const providerDuration = histogram({
  name: "herald_provider_request_duration_seconds",
  help: "Time a channel adapter's send took, by channel and outcome",
  labelNames: ["channel", "outcome"] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});
