// The summary table: each figure for the floor, bare Next and Herald, and Herald's ratios.
import { BATCH, INSTANCES } from "./options.mjs";
import { round } from "./stats.mjs";

export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : round(a / b, 2);
}

export function compare(floor, next, herald) {
  const rows = [
    ["connect all (ms)", (r) => r?.connect.ms, null],
    ["connect failures", (r) => r?.connect.failed, null],
    ["server CPU per stream opened (ms)", (r) => r?.connect.cpuMsPerStream, null],
    ["fan-out p50 (ms)", (r) => r?.broadcast.p50, null],
    ["fan-out p95 (ms)", (r) => r?.broadcast.p95, null],
    ["fan-out p99 (ms)", (r) => r?.broadcast.p99, "≤ 1.5×"],
    ["fan-out max (ms)", (r) => r?.broadcast.max, null],
    ["fan-out lost events", (r) => r?.broadcast.lost, "0"],
    ["delivered events/s (broadcast)", (r) => r?.broadcast.deliveredPerSec, null],
    ["server CPU per broadcast event delivered (µs)", (r) => r?.broadcast.cpuUsPerEvent, null],
    ["RSS per idle stream (KB)", (r) => r?.memory.perConnectionKB, "≤ 2×"],
    ["RSS idle, all open (MB)", (r) => r?.memory.idleRssMB, null],
    ["RSS max under load (MB)", (r) => r?.memory.underLoadMaxRssMB, null],
    ["CPU idle (% of a core)", (r) => r?.cpu.idlePct, null],
    ["CPU during fan-out (%)", (r) => r?.cpu.broadcastPct, null],
    ["targeted 1/request: delivered/s", (r) => r?.single.deliveredPerSec, null],
    ["targeted 1/request: p50 / p99 (ms)", (r) => pair(r?.single), null],
    [`targeted ${BATCH}/request: delivered/s`, (r) => r?.batch.deliveredPerSec, "≥ 5,000/s (Postgres)"],
    [`targeted ${BATCH}/request: p50 / p99 (ms)`, (r) => pair(r?.batch), null],
    [`targeted ${BATCH}/request: server CPU per event (µs)`, (r) => r?.batch.cpuUsPerEvent, null],
    ["targeted lost events", (r) => add(r?.single.lost, r?.batch.lost), "0"],
    ["streams dropped", (r) => r?.dropped, "0"],
    ["restart: every client back after SIGTERM (s)", (r) => r?.restart?.allBackS, null],
    ["restart: reconnects in the busiest second", (r) => r?.restart?.reconnectsPerSecMax, null],
    ["restart: events sent meanwhile (× streams)", (r) => r?.restart?.eventsSent, null],
    ["restart: lost / duplicated", (r) => (r?.restart ? `${r.restart.lost} / ${r.restart.duplicated}` : null), "0 / 0"],
  ];
  const ratioOf = (h, base) => (typeof base === "number" && typeof h === "number" ? ratio(h, base) : null);
  return rows.map(([metric, pick, goal]) => {
    const [f, n, h] = [pick(floor), pick(next), pick(herald)];
    return { metric, floor: f ?? null, next: n ?? null, herald: h ?? null, ratio: ratioOf(h, f), ratioToNext: ratioOf(h, n), goal };
  });
}
export const pair = (r) => (r ? `${r.p50} / ${r.p99}` : null);
export const add = (a, b) => (a == null ? null : a + (b ?? 0));

export function table(rows) {
  const herald = INSTANCES > 1 ? `herald ×${INSTANCES} instances` : "herald";
  const times = (x) => (x == null ? "" : `${x}×`);
  const cells = [["metric", "node:http floor", "bare Next route handler", herald, "herald ÷ floor", "herald ÷ bare Next", "goal (÷ floor)"]].concat(
    rows.map((r) => [r.metric, str(r.floor), str(r.next), str(r.herald), times(r.ratio), times(r.ratioToNext), r.goal ?? ""]),
  );
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c, n) => "| " + c.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |" + (n === 0 ? "\n|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|" : "")).join("\n");
}
export const str = (v) => (v == null ? "" : typeof v === "number" ? v.toLocaleString("en-US") : String(v));
