// `node bench/prof-top.mjs FILE.cpuprofile [--from ISO --to ISO] [--top N]`: where a V8 CPU
// profile (node --cpu-prof, e.g. from `npm run bench -- --server-node-options=...`) spent its
// time, by function (self time) and by package (node_modules/<name>, Herald's own code, Node's
// internals), optionally only between two wall-clock times (the bench log's phase times).
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: "string" }, to: { type: "string" }, top: { type: "string", default: "25" } },
});
const file = positionals[0];
if (!file) {
  console.error("usage: node bench/prof-top.mjs FILE.cpuprofile [--from ISO --to ISO] [--top N]");
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
// Profile times are µs on a monotonic clock; the file's mtime is (about) its endTime on the wall clock.
const wallEnd = statSync(file).mtimeMs * 1000;
const toMono = (iso) => prof.endTime - (wallEnd - Date.parse(iso) * 1000);
const from = opt.from ? toMono(opt.from) : -Infinity;
const to = opt.to ? toMono(opt.to) : Infinity;

const self = new Map();
const byPackage = new Map();
let t = prof.startTime;
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i];
  if (t < from || t > to) continue;
  const dt = prof.timeDeltas[i + 1] ?? 0;
  const n = nodes.get(prof.samples[i]);
  const cf = n.callFrame;
  const where = cf.url ? `${cf.url.replace(/^file:\/\//, "").replace(/.*\/(node_modules|\.next)\//, "$1/")}:${cf.lineNumber + 1}` : "";
  const key = `${cf.functionName || "(anonymous)"} ${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(cf.url)?.[1] ?? (cf.url.includes(".next/") ? "herald (.next)" : cf.url.startsWith("node:") ? "node internals" : cf.url ? cf.url : cf.functionName);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
  total += dt;
}
const top = (m) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(opt.top))
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
    .join("\n");
console.log(`${(total / 1e6).toFixed(2)} s sampled\n\nby package:\n${top(byPackage)}\n\nby function (self):\n${top(self)}`);
