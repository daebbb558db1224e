// What each server is put through, in order: sign-in, connect, idle, broadcast fan-out, targeted
// sends (1 and BATCH recipients per request), and for Herald the restart under open streams.
import { BATCH, DURATION_MS, EVENTS, GENERATORS, HOST, IDLE_MS, INFLIGHT, INSTANCES, N, RATE, RECONNECT_RATE, RESTART_RATE, log, opt, sleep } from "./options.mjs";
import { BENCH_PASSWORD } from "../users.mjs";
import { Generators } from "./generators.mjs";
import { cpuSeconds, rssBytes, sampled } from "./processes.mjs";
import { merge, percentiles, round, settle } from "./stats.mjs";

export async function runPhases(kind, server, trigger, users) {
  const gens = new Generators(GENERATORS);
  const target = { host: HOST, port: server.port, kind };
  const share = (i) => users.filter((_, j) => j % GENERATORS === i);
  await gens.all((i) => ({ cmd: "init", target, users: share(i) }));
  const out = { kind };
  try {
    let t = Date.now();
    const signed = await gens.all({ cmd: "signin", password: BENCH_PASSWORD, concurrency: 8 });
    out.signIn = { ms: Date.now() - t, ok: sum(signed, "ok"), failed: sum(signed, "failed") };
    if (kind === "herald") log(`${kind}: signed in ${out.signIn.ok}/${N} in ${out.signIn.ms} ms (${out.signIn.failed} failed)`);

    await sleep(2000);
    const baselineRss = rssBytes(server.pids);
    t = Date.now();
    const cpuBefore = cpuSeconds(server.pids);
    const connected = await gens.all({ cmd: "connect", concurrency: Math.max(8, Math.ceil(200 / GENERATORS)) });
    const connectMs = Math.max(...connected.map((c) => c.finishedAt)) - t;
    const connectCpuMs = (cpuSeconds(server.pids) - cpuBefore) * 1000;
    const errors = {};
    for (const c of connected) for (const [k, v] of Object.entries(c.errors)) errors[k] = (errors[k] ?? 0) + v;
    out.connect = { ms: connectMs, ok: sum(connected, "ok"), failed: sum(connected, "failed"), errors };
    // CPU the server spent, per stream: steadier than wall time on a machine shared with others.
    out.connect.cpuMsPerStream = round(connectCpuMs / Math.max(1, out.connect.ok), 2);
    log(`${kind}: ${out.connect.ok}/${N} streams open in ${connectMs} ms (${out.connect.failed} failed, ${out.connect.cpuMsPerStream} ms CPU each)`, errors);

    // Let the connect burst's garbage be collected (GC threads count as CPU) before idling.
    await sleep(6000);
    if (opt["heap-snapshot"] && kind === "herald") {
      for (const pid of server.pids) process.kill(pid, "SIGUSR2");
      log(`${kind}: heap snapshot requested (written in the server's cwd)`);
      await sleep(Math.max(5000, N * 5));
    }
    // One whole heartbeat interval (both servers beat every 15 s), so each stream's heartbeat is counted once.
    const idle = await sampled(server.pids, () => sleep(IDLE_MS));
    const idleRss = rssBytes(server.pids);
    out.memory = {
      baselineRssMB: round(baselineRss / 2 ** 20),
      idleRssMB: round(idleRss / 2 ** 20),
      perConnectionKB: round((idleRss - baselineRss) / 1024 / Math.max(1, out.connect.ok)),
    };
    out.cpu = { idlePct: idle.cpuPct };
    log(`${kind}: idle RSS ${out.memory.idleRssMB} MB (${out.memory.perConnectionKB} KB/stream), idle CPU ${idle.cpuPct}%`);

    out.broadcast = await broadcastPhase(kind, server, gens, trigger);
    out.cpu.broadcastPct = out.broadcast.cpuPct;
    out.memory.underLoadMaxRssMB = out.broadcast.maxRssMB;
    log(`${kind}: broadcast`, fmt(out.broadcast));

    const ids = users.map((u) => u.id);
    out.single = await targetedPhase(kind, server, gens, trigger, ids, 1, "s");
    log(`${kind}: targeted, 1 recipient per request`, fmt(out.single));
    out.batch = await targetedPhase(kind, server, gens, trigger, ids, BATCH, "t");
    log(`${kind}: targeted, ${BATCH} recipients per request`, fmt(out.batch));

    if (kind === "herald" && opt.restart && INSTANCES === 1 && server.restart) {
      out.restart = await restartPhase(server, gens, trigger);
      log(`${kind}: restart`, fmtRestart(out.restart));
    }

    const final = await gens.all({ cmd: "peek" });
    out.dropped = sum(final, "dropped");
    out.openAtEnd = sum(final, "open");
  } finally {
    await gens.all({ cmd: "close" }).catch(() => undefined);
    gens.stop();
  }
  return out;
}

export const sum = (list, key) => list.reduce((a, x) => a + (x[key] ?? 0), 0);
export const fmt = (r) =>
  `${r.received}/${r.expected} received, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} max ${r.max} ms, ${r.deliveredPerSec}/s delivered, CPU ${r.cpuPct}% (${r.cpuUsPerEvent} µs/event)`;

export async function broadcastPhase(kind, server, gens, trigger) {
  const open = sum(await gens.all({ cmd: "record" }), "open");
  const firstEmit = Date.now();
  let failed = 0;
  const cpu0 = cpuSeconds(server.pids);
  const { result, maxRss, cpuPct } = await sampled(server.pids, async () => {
    const sends = [];
    for (let k = 0; k < EVENTS; k++) {
      const due = firstEmit + (k * 1000) / RATE;
      await sleep(Math.max(0, due - Date.now()));
      sends.push(trigger.broadcast(`bench:b:${k}:${Date.now()};`).catch(() => failed++));
    }
    await Promise.all(sends);
    await settle(gens, open * (EVENTS - failed));
  });
  void result;
  const cpuUs = (cpuSeconds(server.pids) - cpu0) * 1e6;
  const got = merge(await gens.all({ cmd: "collect" }));
  const expected = open * (EVENTS - failed);
  return {
    events: EVENTS,
    rate: RATE,
    streams: open,
    expected,
    received: got.received,
    lost: expected - got.received,
    failedRequests: failed,
    ...percentiles(got.latencies),
    offeredPerSec: open * RATE,
    deliveredPerSec: Math.round(got.received / Math.max(0.001, (got.lastAt - firstEmit) / 1000)),
    cpuPct,
    cpuUsPerEvent: round(cpuUs / Math.max(1, got.received), 1),
    maxRssMB: round(maxRss / 2 ** 20),
  };
}

export async function targetedPhase(kind, server, gens, trigger, ids, batch, tag) {
  await gens.all({ cmd: "record" });
  const start = Date.now();
  const end = start + DURATION_MS;
  let seq = 0;
  let expected = 0;
  let requests = 0;
  let failed = 0;
  const cpu0 = cpuSeconds(server.pids);
  const { cpuPct, maxRss } = await sampled(server.pids, async () => {
    const worker = async () => {
      while (Date.now() < end) {
        const from = Math.floor(Math.random() * ids.length);
        const to = Array.from({ length: batch }, (_, j) => ids[(from + j) % ids.length]);
        try {
          await trigger.notify(to, `bench:${tag}:${seq++}:${Date.now()};`);
          expected += batch;
          requests++;
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: INFLIGHT }, worker));
    await settle(gens, expected);
  });
  const cpuUs = (cpuSeconds(server.pids) - cpu0) * 1e6;
  const got = merge(await gens.all({ cmd: "collect" }));
  const seconds = Math.max(0.001, (got.lastAt - start) / 1000);
  return {
    recipientsPerRequest: batch,
    requests,
    failedRequests: failed,
    requestsPerSec: Math.round(requests / (DURATION_MS / 1000)),
    expected,
    received: got.received,
    lost: expected - got.received,
    ...percentiles(got.latencies),
    deliveredPerSec: Math.round(got.received / seconds),
    cpuUsPerEvent: round(cpuUs / Math.max(1, got.received), 1),
    cpuPct,
    maxRssMB: round(maxRss / 2 ** 20),
  };
}

const fmtRestart = (r) =>
  `${r.streams} streams (${r.notBackInTime} not back in time): all back ${r.allBackS} s after SIGTERM (down ${r.downS} s, ${r.reconnectsPerSecMax}/s at most), ${r.eventsSent} events sent during it (${r.failedRequests} refused), ${r.lost} lost, ${r.duplicated} duplicated, ${r.unexpected} unexpected`;

/**
 * Herald restarted under every stream open: SIGTERM (each stream gets its spread `retry:` hint and
 * ends), the process exits and starts again on the same port and database. Broadcasts are sent
 * throughout (RESTART_RATE per second; those refused while no process listens are not expected);
 * the generators come back after their hint with Last-Event-ID, as EventSource does. Reports when
 * every client was back, and whether each stream got every accepted broadcast exactly once.
 */
async function restartPhase(server, gens, trigger) {
  const seqs = [];
  let seq = 0;
  let failed = 0;
  const send = async () => {
    const k = seq++;
    try {
      await trigger.broadcast(`bench:r:${k}:${Date.now()};`);
      seqs.push(k);
    } catch {
      failed++;
    }
  };
  const peek = async () => {
    const parts = await gens.all({ cmd: "restartPeek", seqs });
    return { streams: sum(parts, "streams"), complete: sum(parts, "complete"), cursors: sum(parts, "cursors"), back: sum(parts, "back"), open: sum(parts, "open") };
  };
  const until = async (check, what, ms) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const p = await peek();
      if (check(p)) return p;
      if (Date.now() > deadline) {
        log(`restart: gave up waiting for ${what}`, p);
        return p;
      }
      await sleep(250);
    }
  };
  await gens.all({ cmd: "arm" });
  // One broadcast first: every stream then has a cursor to resume from, as a browser would.
  await send();
  const before = await until((p) => p.complete === p.streams, "the first broadcast", 60_000);
  const streams = before.streams;
  const sigtermAt = Date.now();
  let sending = true;
  const sender = (async () => {
    while (sending) {
      const next = Date.now() + 1000 / RESTART_RATE;
      await send();
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
  const { exitedAt, healthyAt } = await server.restart();
  const spreadMs = (streams / RECONNECT_RATE) * 1000;
  const back = await until((p) => p.back >= streams, "every client back", spreadMs * 2 + 120_000);
  sending = false;
  await sender;
  // One more after everyone is back, then wait until every stream has every accepted broadcast.
  await send();
  await until((p) => p.complete === p.streams, "every event on every stream", 60_000);
  const parts = await gens.all({ cmd: "restartCollect", seqs });
  const backAt = parts.flatMap((p) => p.backAt).sort((a, b) => a - b);
  const perSecond = new Map();
  for (const t of backAt) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  return {
    streams,
    reconnectRate: RECONNECT_RATE,
    back: back.back,
    notBackInTime: streams - Math.min(streams, back.back),
    allBackS: backAt.length ? round((backAt[backAt.length - 1] - sigtermAt) / 1000) : null,
    firstBackS: backAt.length ? round((backAt[0] - sigtermAt) / 1000) : null,
    stoppedS: round((exitedAt - sigtermAt) / 1000),
    downS: round((healthyAt - sigtermAt) / 1000),
    backAfterUpS: backAt.length ? round((backAt[backAt.length - 1] - healthyAt) / 1000) : null,
    reconnectsPerSecMax: Math.max(0, ...perSecond.values()),
    failedAttempts: sum(parts, "failedAttempts"),
    eventsSent: seqs.length,
    failedRequests: failed,
    expected: seqs.length * streams,
    lost: sum(parts, "lost"),
    duplicated: sum(parts, "duplicated"),
    unexpected: sum(parts, "unexpected"),
    dropped: sum(parts, "dropped"),
  };
}
