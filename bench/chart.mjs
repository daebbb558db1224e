// The bench's chart as plain SVG (no native dependencies): fan-out latency percentiles of the
// servers on the left; on the right, key figures as ratios to the node:http floor (with the goals),
// Herald's bar above the bare Next.js route handler's, which shows how much of the gap is Next's.

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const COLORS = { floor: "#8e9aaf", next: "#c2b8a3", herald: "#3e63dd" };

/** A log scale from `lo` to `hi` onto [0, 1]: the bare Next handler is tens of times the others. */
const logScale = (lo, hi) => (v) => Math.max(0, Math.log10(Math.max(v, lo) / lo) / Math.log10(hi / lo));
const TICKS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

function bars(x0, y0, w, h, groups, title, unit) {
  const values = groups.flatMap((g) => g.values.map((v) => v.value ?? 0)).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...values) / 2)));
  const hi = Math.max(lo * 10, ...values) * 1.3;
  const y = logScale(lo, hi);
  const gw = w / groups.length;
  const per = groups[0]?.values.length ?? 1;
  const bw = Math.min(24, (gw - 16) / per);
  let out = `<text x="${x0}" y="${y0 - 12}" font-size="14" font-weight="600">${esc(title)}</text>`;
  for (const t of TICKS.filter((t) => t >= lo && t <= hi)) {
    const ty = y0 + h - y(t) * (h - 16);
    out += `<line x1="${x0}" y1="${ty}" x2="${x0 + w}" y2="${ty}" stroke="#eee"/><text x="${x0 - 3}" y="${ty + 3}" font-size="9" text-anchor="end" fill="#777">${t.toLocaleString("en-US")}</text>`;
  }
  out += `<line x1="${x0}" y1="${y0 + h}" x2="${x0 + w}" y2="${y0 + h}" stroke="#999"/>`;
  groups.forEach((g, i) => {
    const gx = x0 + i * gw + (gw - per * bw - (per - 1) * 4) / 2;
    g.values.forEach((v, j) => {
      const bh = v.value == null ? 0 : y(v.value) * (h - 16);
      const x = gx + j * (bw + 4);
      out += `<rect x="${x}" y="${y0 + h - bh}" width="${bw}" height="${bh}" fill="${COLORS[v.key]}"/>`;
      out += `<text x="${x + bw / 2}" y="${y0 + h - bh - 3}" font-size="10" text-anchor="middle">${v.value == null ? "" : esc(Math.round(v.value).toLocaleString("en-US"))}</text>`;
    });
    out += `<text x="${x0 + i * gw + gw / 2}" y="${y0 + h + 14}" font-size="11" text-anchor="middle">${esc(g.label)}</text>`;
  });
  out += `<text x="${x0}" y="${y0 + 4}" font-size="10" fill="#555">${esc(unit)}, log scale</text>`;
  return out;
}

function ratios(x0, y0, w, rows) {
  const hi = Math.max(10, ...rows.flatMap((r) => [r.ratio ?? 0, r.next ?? 0])) * 1.5;
  const unit = logScale(0.5, hi);
  const scale = (v) => x0 + 150 + unit(v) * (w - 190);
  let out = `<text x="${x0}" y="${y0 - 12}" font-size="14" font-weight="600">÷ node:http floor (1× = the floor; log scale)</text>`;
  for (const t of TICKS.filter((t) => t <= hi)) {
    out += `<line x1="${scale(t)}" y1="${y0 - 4}" x2="${scale(t)}" y2="${y0 + rows.length * 30}" stroke="#eee"/>`;
    out += `<text x="${scale(t)}" y="${y0 + rows.length * 30 + 10}" font-size="9" text-anchor="middle" fill="#777">${t}×</text>`;
  }
  rows.forEach((r, i) => {
    const y = y0 + i * 30;
    out += `<text x="${x0}" y="${y + 13}" font-size="11">${esc(r.label)}</text>`;
    if (r.ratio != null) {
      out += `<rect x="${scale(0.5)}" y="${y + 1}" width="${scale(r.ratio) - scale(0.5)}" height="13" fill="${COLORS.herald}"/>`;
      out += `<text x="${scale(r.ratio) + 4}" y="${y + 12}" font-size="11">${esc(r.ratio)}×</text>`;
    }
    if (r.next != null) {
      out += `<rect x="${scale(0.5)}" y="${y + 15}" width="${scale(r.next) - scale(0.5)}" height="9" fill="${COLORS.next}"/>`;
      out += `<text x="${scale(r.next) + 4}" y="${y + 23}" font-size="9" fill="#555">${esc(r.next)}×</text>`;
    }
    if (r.goal) out += `<line x1="${scale(r.goal)}" y1="${y}" x2="${scale(r.goal)}" y2="${y + 26}" stroke="#e5484d" stroke-width="2"/>`;
  });
  const yEnd = y0 + rows.length * 30;
  out += `<line x1="${scale(1)}" y1="${y0 - 4}" x2="${scale(1)}" y2="${yEnd}" stroke="#333" stroke-dasharray="3 3"/>`;
  out += `<text x="${x0}" y="${yEnd + 26}" font-size="10" fill="#e5484d">red mark = the issue's goal; thick bar Herald, thin bar bare Next</text>`;
  return out;
}

export function chart(result) {
  const { floor, next, herald, options, machine } = result;
  const pct = ["p50", "p95", "p99", "max"];
  const latency = pct.map((p) => ({
    label: p,
    values: [
      { key: "floor", value: floor?.broadcast[p] ?? null },
      { key: "next", value: next?.broadcast[p] ?? null },
      { key: "herald", value: herald?.broadcast[p] ?? null },
    ],
  }));
  const r = (a, b) => (a == null || b == null || b === 0 ? null : Math.round((a / b) * 100) / 100);
  const both = (label, pick, goal) => ({ label, ratio: r(pick(herald), pick(floor)), next: r(pick(next), pick(floor)), goal });
  const rows = [
    both("connect all", (x) => x?.connect.ms),
    both("fan-out p50", (x) => x?.broadcast.p50),
    both("fan-out p99", (x) => x?.broadcast.p99, 1.5),
    both("RSS per idle stream", (x) => x?.memory.perConnectionKB, 2),
    both("CPU per event (fan-out)", (x) => x?.broadcast.cpuUsPerEvent),
    both("CPU per stream opened", (x) => x?.connect.cpuMsPerStream),
    both("targeted p99 (batch)", (x) => x?.batch.p99),
  ];
  const W = 900;
  const H = 440;
  const title = `${options.connections.toLocaleString("en-US")} SSE streams, ${options.events} broadcasts at ${options.rate}/s — ${machine.nproc} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.database}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="20" y="26" font-size="15" font-weight="700">${esc(title)}</text>
${bars(40, 80, 360, 220, latency, "Broadcast fan-out latency, emit → received", "ms")}
<rect x="20" y="${H - 30}" width="12" height="12" fill="${COLORS.floor}"/><text x="38" y="${H - 20}" font-size="11">node:http floor</text>
<rect x="130" y="${H - 30}" width="12" height="12" fill="${COLORS.next}"/><text x="148" y="${H - 20}" font-size="11">bare Next route handler</text>
<rect x="290" y="${H - 30}" width="12" height="12" fill="${COLORS.herald}"/><text x="308" y="${H - 20}" font-size="11">Herald</text>
${ratios(450, 80, 430, rows)}
</svg>
`;
}
