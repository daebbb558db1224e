// `npm run bench:pipeline`: what one chunk costs on its way through the pipe every Next.js route
// handler's ReadableStream goes through (next/dist/server/pipe-readable.js: `readable.pipeTo()` into
// a WritableStream whose async `write` calls `res.write`), with the socket write left out, against
// calling the sink directly as a node:http server does. Once as a plain Node process, once with an
// AsyncLocalStorage in use, as Next always has (on Node 20 that turns promise hooks on for every
// promise). No Next, no sockets: the pipe alone, N streams, one chunk each per round.
import { AsyncLocalStorage } from "node:async_hooks";
import { fork } from "node:child_process";
import { parseArgs } from "node:util";

const { values: opt } = parseArgs({
  options: {
    streams: { type: "string", short: "n", default: "10000" },
    rounds: { type: "string", default: "30" },
    mode: { type: "string" },
  },
});
const N = Number(opt.streams);
const ROUNDS = Number(opt.rounds);
if (!(N > 0 && ROUNDS > 0)) throw new Error("bad -n or --rounds");

const chunk = new TextEncoder().encode(`data: ${JSON.stringify({ id: "1", type: "system_maintenance", message: "bench" })}\n\n`);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** µs per chunk: synchronous part (the loop of enqueues or calls) and until the next turn. */
async function measure(setup) {
  let sunk = 0;
  const sink = (bytes) => {
    sunk += bytes.length;
  };
  const writers = setup(sink);
  await turn();
  const sync = [];
  const total = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const write of writers) write(chunk);
    const t1 = performance.now();
    await turn();
    const t2 = performance.now();
    sync.push(((t1 - t0) * 1000) / N);
    total.push(((t2 - t0) * 1000) / N);
  }
  if (sunk !== N * ROUNDS * chunk.length) throw new Error(`lost chunks: ${sunk}`);
  return { syncUs: +median(sync).toFixed(1), totalUs: +median(total).toFixed(1) };
}

const direct = (sink) => Array.from({ length: N }, () => sink);

const piped = (sink) =>
  Array.from({ length: N }, () => {
    let controller;
    const readable = new ReadableStream({ start: (c) => void (controller = c) });
    // The shape of Next's createWriterFromResponse: an async write that calls the response.
    const writable = new WritableStream({
      write: async (bytes) => {
        sink(bytes);
      },
    });
    void readable.pipeTo(writable, { signal: new AbortController().signal });
    return (bytes) => controller.enqueue(bytes);
  });

async function child(mode) {
  if (mode.endsWith("+als")) {
    const als = new AsyncLocalStorage();
    als.enterWith({ request: true });
  }
  const result = await measure(mode.startsWith("direct") ? direct : piped);
  process.send({ mode, ...result });
}

if (opt.mode) {
  await child(opt.mode);
} else {
  const modes = ["direct", "direct+als", "pipeTo", "pipeTo+als"];
  const rows = [];
  for (const mode of modes) {
    // One process per mode: promise hooks, once on, stay on.
    const proc = fork(import.meta.filename, ["--mode", mode, "-n", String(N), "--rounds", String(ROUNDS)]);
    rows.push(await new Promise((resolve, reject) => proc.once("message", resolve).once("error", reject)));
    proc.kill();
  }
  console.log(`${N.toLocaleString("en-US")} streams, one ${chunk.length}-byte chunk each per round, median of ${ROUNDS} rounds (Node ${process.version})\n`);
  console.log("| path | µs per chunk, synchronous | µs per chunk, until the next turn |");
  console.log("|---|---|---|");
  for (const r of rows) console.log(`| ${r.mode} | ${r.syncUs} | ${r.totalUs} |`);
}
