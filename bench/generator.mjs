// A load-generator process (forked by bench/run.mjs): signs its share of the bench users in
// through next-auth's endpoints, holds their SSE streams open on raw sockets (the cheapest client
// Node has, so the generator is not the bottleneck), and records when each marked event arrives.
// Talks to the controller over IPC only. Loopback only.
import http from "node:http";
import net from "node:net";

/** Every bench event's message carries `bench:<tag>:<seq>:<emit ms>;` (one clock: this machine's). */
const MARKER = Buffer.from("bench:");
const COLON = 0x3a;
const SEMI = 0x3b;

/**
 * Reads `<tag>:<seq>:<ms>;` at `i` (just after "bench:"). Returns the index after `;`, -1 when the
 * buffer ends first (the rest arrives with the next chunk), or -2 when it is not a marker.
 */
function readMarker(buf, i, out) {
  if (i + 1 >= buf.length) return -1;
  out.tag = buf[i];
  if (buf[i + 1] !== COLON) return -2;
  let j = i + 2;
  let seq = 0;
  for (; j < buf.length && buf[j] !== COLON; j++) seq = seq * 10 + (buf[j] - 48);
  if (j >= buf.length) return -1;
  let t = 0;
  for (j++; j < buf.length && buf[j] !== SEMI; j++) t = t * 10 + (buf[j] - 48);
  if (j >= buf.length) return -1;
  out.seq = seq;
  out.t = t;
  return j + 1;
}
const found = { tag: 0, seq: 0, t: 0 };

let target = { host: "127.0.0.1", port: 0, kind: "herald" };
/** @type {{ id: string, email: string, cookie: string | null }[]} */
let users = [];
/** @type {Set<Stream>} */
const streams = new Set();
let recording = null; // { latencies: number[], received: number, lastAt: number }
let dropped = 0;

class Stream {
  constructor(user) {
    this.user = user;
    this.tail = null;
    this.head = "";
    this.live = false;
    this.socket = null;
  }

  open() {
    return new Promise((resolve) => {
      const path = target.kind !== "herald" ? `/stream?user=${encodeURIComponent(this.user.id)}` : "/api/events/stream";
      const cookie = this.user.cookie ? `Cookie: ${this.user.cookie}\r\n` : "";
      const port = this.user.port ?? target.port;
      const socket = net.connect({ host: target.host, port });
      this.socket = socket;
      let settled = false;
      const done = (ok, why) => {
        if (settled) return;
        settled = true;
        resolve({ ok, why });
      };
      socket.setNoDelay(true);
      socket.on("connect", () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target.host}:${port}\r\n${cookie}Accept: text/event-stream\r\n\r\n`);
      });
      socket.on("data", (buf) => {
        if (this.live) {
          this.scan(buf);
          return;
        }
        this.head += buf.toString("latin1");
        if (!this.head.startsWith("HTTP/1.1 200")) {
          if (this.head.includes("\r\n")) {
            done(false, this.head.slice(0, this.head.indexOf("\r\n")));
            socket.destroy();
          }
          return;
        }
        if (!this.head.includes("connection_established")) return;
        this.live = true;
        this.head = "";
        streams.add(this);
        done(true);
      });
      socket.on("error", (err) => done(false, err.code ?? err.message));
      socket.on("close", () => {
        if (streams.delete(this) && !closing) dropped++;
        done(false, "closed");
      });
    });
  }

  /** Finds the markers in a chunk by bytes (no string copies); keeps a partial one for the next chunk. */
  scan(chunk) {
    if (recording === null) {
      this.tail = null;
      return;
    }
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    let now = 0;
    let i = buf.indexOf(MARKER);
    let end = 0;
    while (i !== -1) {
      const next = readMarker(buf, i + MARKER.length, found);
      if (next === -1) {
        this.tail = Buffer.from(buf.subarray(i));
        return;
      }
      if (next > 0) {
        now ||= Date.now();
        recording.latencies.push(now - found.t);
        recording.received++;
        if (now > recording.lastAt) recording.lastAt = now;
        end = next;
      }
      i = buf.indexOf(MARKER, Math.max(end, i + 1));
    }
    // A chunk may end inside "bench:" itself.
    const from = Math.max(end, buf.length - MARKER.length + 1);
    for (let k = from; k < buf.length; k++) {
      if (buf[k] === MARKER[0] && MARKER.subarray(0, buf.length - k).equals(buf.subarray(k))) {
        this.tail = Buffer.from(buf.subarray(k));
        return;
      }
    }
  }
}

let closing = false;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** `port`: the user's instance when the bench runs several (`--instances`), the target's otherwise. */
function request(method, path, { headers = {}, body, port = target.port } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.host, port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body) req.end(body);
    else req.end();
  });
}

const cookiePairs = (setCookie = []) => setCookie.map((c) => c.split(";")[0]);

/** Runs `fn` over `items` with at most `concurrency` in flight. */
async function pool(items, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * One CSRF token per generator (next-auth's double-submit pair is stateless and signed with
 * NEXTAUTH_SECRET, which every instance shares), then one POST per user, to the user's instance.
 */
async function signIn(password, concurrency) {
  if (target.kind !== "herald") return { ok: users.length, failed: 0 }; // the floors have no sign-in
  const csrf = await request("GET", "/api/auth/csrf");
  const csrfCookie = cookiePairs(csrf.headers["set-cookie"]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body);
  let ok = 0;
  let failed = 0;
  await pool(users, concurrency, async (user) => {
    try {
      const res = await request("POST", "/api/auth/callback/credentials", {
        port: user.port ?? target.port,
        headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, email: user.email, password, json: "true" }).toString(),
      });
      const session = cookiePairs(res.headers["set-cookie"]).find((p) => p.includes("next-auth.session-token="));
      if (session) {
        user.cookie = session;
        ok++;
      } else failed++;
    } catch {
      failed++;
    }
  });
  return { ok, failed };
}

async function connectAll(concurrency) {
  const started = Date.now();
  const errors = {};
  let ok = 0;
  let failed = 0;
  await pool(users, concurrency, async (user) => {
    const res = await new Stream(user).open();
    if (res.ok) ok++;
    else {
      failed++;
      errors[res.why] = (errors[res.why] ?? 0) + 1;
    }
  });
  return { ok, failed, errors, ms: Date.now() - started, finishedAt: Date.now() };
}

const handlers = {
  init(msg) {
    target = msg.target;
    users = msg.users.map((u) => ({ ...u, cookie: null }));
    closing = false;
    dropped = 0;
    return { users: users.length };
  },
  signin: (msg) => signIn(msg.password, msg.concurrency),
  connect: (msg) => connectAll(msg.concurrency),
  record() {
    recording = { latencies: [], received: 0, lastAt: 0 };
    return { open: streams.size };
  },
  peek() {
    return { received: recording?.received ?? 0, open: streams.size, dropped };
  },
  collect() {
    const r = recording ?? { latencies: [], received: 0, lastAt: 0 };
    recording = null;
    return { latencies: r.latencies, received: r.received, lastAt: r.lastAt, open: streams.size, dropped };
  },
  close() {
    closing = true;
    for (const s of streams) s.socket?.destroy();
    streams.clear();
    agent.destroy();
    return { closed: true };
  },
};

process.on("message", async (msg) => {
  try {
    const result = await handlers[msg.cmd](msg);
    process.send({ id: msg.id, result });
  } catch (err) {
    process.send({ id: msg.id, error: err instanceof Error ? err.stack : String(err) });
  }
});
