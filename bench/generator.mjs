// A load-generator process (forked by bench/run.mjs): signs its share of the bench users in
// through next-auth's endpoints, holds their SSE streams open on raw sockets (the cheapest client
// Node has, so the generator is not the bottleneck), and records when each marked event arrives.
// Talks to the controller over IPC only. Loopback only.
import http from "node:http";
import net from "node:net";

/** Every bench event's message carries `bench:<tag>:<seq>:<emit ms>;` (one clock: this machine's). */
const MARK = /bench:(\w):(\d+):(\d+);/g;
const CARRY = 48;

let target = { host: "127.0.0.1", port: 0, kind: "herald" };
/** @type {{ id: string, email: string, cookie: string | null }[]} */
let users = [];
/** @type {Set<Stream>} */
const streams = new Set();
let recording = null; // { latencies: number[], receipts: Map<string, number>, lastAt: number }
let dropped = 0;

class Stream {
  constructor(user) {
    this.user = user;
    this.carry = "";
    this.head = "";
    this.live = false;
    this.socket = null;
  }

  open() {
    return new Promise((resolve) => {
      const path = target.kind === "floor" ? `/stream?user=${encodeURIComponent(this.user.id)}` : "/api/events/stream";
      const cookie = this.user.cookie ? `Cookie: ${this.user.cookie}\r\n` : "";
      const socket = net.connect({ host: target.host, port: target.port });
      this.socket = socket;
      let settled = false;
      const done = (ok, why) => {
        if (settled) return;
        settled = true;
        resolve({ ok, why });
      };
      socket.setNoDelay(true);
      socket.on("connect", () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\n${cookie}Accept: text/event-stream\r\n\r\n`);
      });
      socket.on("data", (buf) => {
        const text = buf.toString("latin1");
        if (!this.live) {
          this.head += text;
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
          return;
        }
        this.scan(text);
      });
      socket.on("error", (err) => done(false, err.code ?? err.message));
      socket.on("close", () => {
        if (streams.delete(this) && !closing) dropped++;
        done(false, "closed");
      });
    });
  }

  scan(text) {
    if (recording === null || (text.indexOf("bench:") === -1 && this.carry.indexOf("bench:") === -1)) {
      this.carry = text.length > CARRY ? text.slice(-CARRY) : text;
      return;
    }
    const now = Date.now();
    const prior = this.carry.length;
    const all = this.carry + text;
    MARK.lastIndex = 0;
    for (let m = MARK.exec(all); m; m = MARK.exec(all)) {
      if (m.index + m[0].length <= prior) continue; // counted with the previous chunk
      recording.latencies.push(now - Number(m[3]));
      const key = `${m[1]}:${m[2]}`;
      recording.receipts.set(key, (recording.receipts.get(key) ?? 0) + 1);
      if (now > recording.lastAt) recording.lastAt = now;
    }
    this.carry = all.length > CARRY ? all.slice(-CARRY) : all;
  }
}

let closing = false;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.host, port: target.port, method, path, headers, agent }, (res) => {
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

/** One CSRF token per generator (next-auth's double-submit pair is stateless), then one POST per user. */
async function signIn(password, concurrency) {
  if (target.kind === "floor") return { ok: users.length, failed: 0 };
  const csrf = await request("GET", "/api/auth/csrf");
  const csrfCookie = cookiePairs(csrf.headers["set-cookie"]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < users.length) {
      const user = users[next++];
      try {
        const res = await request("POST", "/api/auth/callback/credentials", {
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
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ok, failed };
}

async function connectAll(concurrency) {
  const started = Date.now();
  const errors = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < users.length) {
      const user = users[next++];
      const res = await new Stream(user).open();
      if (res.ok) ok++;
      else {
        failed++;
        errors[res.why] = (errors[res.why] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
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
    recording = { latencies: [], receipts: new Map(), lastAt: 0 };
    return { open: streams.size };
  },
  peek() {
    let received = 0;
    if (recording) for (const v of recording.receipts.values()) received += v;
    return { received, open: streams.size, dropped };
  },
  collect() {
    const r = recording ?? { latencies: [], receipts: new Map(), lastAt: 0 };
    recording = null;
    return { latencies: r.latencies, receipts: Object.fromEntries(r.receipts), lastAt: r.lastAt, open: streams.size, dropped };
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
