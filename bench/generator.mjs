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
/** Every stream object (one per user), open or waiting to reconnect. */
const everyStream = new Set();
let recording = null; // { latencies: number[], received: number, lastAt: number }
let dropped = 0;
/**
 * The restart phase: while armed, each stream keeps its last `id:` and `retry:` (as EventSource
 * does), a stream the server ends is opened again after its retry hint with Last-Event-ID, and the
 * `bench:r:` events each stream receives are counted by sequence number (duplicates too).
 */
let armed = null; // { backAt: number[], reconnects: number, failedAttempts: number }
const FALLBACK_RETRY_MS = 3000;

class Stream {
  constructor(user) {
    this.user = user;
    this.tail = null;
    this.head = "";
    this.live = false;
    this.socket = null;
    /** While armed: the last `id:` and `retry:` seen, a partial line, and the restart events by seq. */
    this.cursor = null;
    this.retry = null;
    this.lines = "";
    this.seen = null;
    this.duplicates = 0;
  }

  open() {
    return new Promise((resolve) => {
      const path = target.kind !== "herald" ? `/stream?user=${encodeURIComponent(this.user.id)}` : "/api/events/stream";
      const cookie = this.user.cookie ? `Cookie: ${this.user.cookie}\r\n` : "";
      const resume = this.cursor ? `Last-Event-ID: ${this.cursor}\r\n` : "";
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
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target.host}:${port}\r\n${cookie}${resume}Accept: text/event-stream\r\n\r\n`);
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
        // What followed the greeting in the same chunk (a replay may).
        if (armed) this.scan(buf);
      });
      socket.on("error", (err) => done(false, err.code ?? err.message));
      socket.on("close", () => {
        const wasOpen = streams.delete(this);
        if (armed && !closing) {
          // As EventSource: wait the server's retry hint, then come back with Last-Event-ID.
          if (!wasOpen) armed.failedAttempts++;
          this.live = false;
          this.head = "";
          this.tail = null;
          this.lines = "";
          setTimeout(() => this.reopen(), this.retry ?? FALLBACK_RETRY_MS);
        } else if (wasOpen && !closing) dropped++;
        done(false, "closed");
      });
    });
  }

  async reopen() {
    if (closing || !armed) return;
    const res = await this.open();
    if (res.ok && armed) {
      armed.reconnects++;
      armed.backAt.push(Date.now());
    }
  }

  /** While armed: the `id:` and `retry:` lines (as EventSource keeps them), and the restart events. */
  track(chunk) {
    const text = this.lines + chunk.toString("latin1");
    const end = text.lastIndexOf("\n");
    this.lines = text.slice(end + 1);
    for (const line of text.slice(0, end).split("\n")) {
      if (line.startsWith("id: ")) this.cursor = line.slice(4);
      else if (line.startsWith("retry: ")) this.retry = Number(line.slice(7));
      else if (line.startsWith("data: ")) {
        const at = line.indexOf("bench:r:");
        if (at === -1) continue;
        const seq = Number(line.slice(at + 8, line.indexOf(":", at + 8)));
        this.seen ??= new Set();
        if (this.seen.has(seq)) this.duplicates++;
        else this.seen.add(seq);
      }
    }
  }

  /** Finds the markers in a chunk by bytes (no string copies); keeps a partial one for the next chunk. */
  scan(chunk) {
    if (armed) this.track(chunk);
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
    const stream = new Stream(user);
    const res = await stream.open();
    if (res.ok) {
      ok++;
      everyStream.add(stream);
    }
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
    return { received: recording?.received ?? 0, open: streams.size, dropped, back: armed?.reconnects ?? 0 };
  },
  arm() {
    armed = { backAt: [], reconnects: 0, failedAttempts: 0 };
    return { open: streams.size };
  },
  /** Per stream: the restart events it has (distinct), and all streams' duplicates, misses of `seqs`. */
  restartPeek(msg) {
    const all = [...everyStream];
    let complete = 0;
    let cursors = 0;
    for (const s of all) {
      if (s.cursor) cursors++;
      if (msg.seqs.every((q) => s.seen?.has(q))) complete++;
    }
    return { streams: all.length, complete, cursors, open: streams.size, back: armed?.reconnects ?? 0 };
  },
  restartCollect(msg) {
    const all = [...everyStream];
    let lost = 0;
    let duplicated = 0;
    let unexpected = 0;
    const expected = new Set(msg.seqs);
    for (const s of all) {
      duplicated += s.duplicates;
      for (const q of msg.seqs) if (!s.seen?.has(q)) lost++;
      for (const q of s.seen ?? []) if (!expected.has(q)) unexpected++;
    }
    const r = armed;
    armed = null;
    return { streams: all.length, lost, duplicated, unexpected, backAt: r.backAt, reconnects: r.reconnects, failedAttempts: r.failedAttempts, open: streams.size, dropped };
  },
  collect() {
    const r = recording ?? { latencies: [], received: 0, lastAt: 0 };
    recording = null;
    return { latencies: r.latencies, received: r.received, lastAt: r.lastAt, open: streams.size, dropped };
  },
  close() {
    closing = true;
    armed = null;
    for (const s of streams) s.socket?.destroy();
    streams.clear();
    everyStream.clear();
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
