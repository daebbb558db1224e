// What a client of Herald does over HTTP: sign in through next-auth's standard endpoints, call
// the trigger API, and read the SSE stream (parsed by eventsource-parser, a spec-compliant parser).
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { DEVICE_COOKIE, TEST_DEVICE } from "./device";
import { API_KEY, DEMO_PASSWORD } from "./server";

export type Envelope = {
  id: string;
  type: string;
  category: string;
  priority: string;
  message: string;
  data: Record<string, unknown>;
  timestamp: string;
};

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1);
    if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

export type SessionOptions = {
  /** The device cookie to present: the test runner's own by default, null for a browser never seen before. */
  device?: string | null;
  /** Sent as X-Forwarded-For on every request, for a server started with HERALD_TRUSTED_PROXIES=1. */
  address?: string;
  userAgent?: string;
};

export class Session {
  readonly jar = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly options: SessionOptions = {},
  ) {
    const device = options.device === undefined ? TEST_DEVICE : options.device;
    if (device) this.jar.set(DEVICE_COOKIE, device);
  }

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The headers this client sends with every request (cookie, address, user agent). */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      cookie: this.cookie,
      ...(this.options.address ? { "x-forwarded-for": this.options.address } : {}),
      ...(this.options.userAgent ? { "user-agent": this.options.userAgent } : {}),
      ...extra,
    };
  }

  /** A request as this client, keeping the cookies it is given. */
  async fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${path}`, { redirect: "manual", ...init, headers: this.headers(init.headers) });
    cookiesFrom(res, this.jar);
    return res;
  }

  async csrf(): Promise<string> {
    const res = await this.fetch("/api/auth/csrf");
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** One sign-in attempt: ok, or next-auth's error code (`CredentialsSignin`, `rate_limited:<s>`, `email_unverified`). */
  async attemptSignIn(email: string, password = DEMO_PASSWORD): Promise<{ ok: boolean; error: string | null }> {
    const csrfToken = await this.csrf();
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const { url } = (await res.json()) as { url: string };
    const error = new URL(url, this.baseUrl).searchParams.get("error");
    return { ok: !error && [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token")), error };
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<boolean> {
    return (await this.attemptSignIn(email, password)).ok;
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    await this.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
  }

  async userId(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/session`, { headers: { cookie: this.cookie } });
    return ((await res.json()) as { user: { id: string } }).user.id;
  }

  stream(opts: { lastEventId?: string; query?: string } = {}): Promise<Stream> {
    return Stream.open(
      `${this.baseUrl}/api/events/stream${opts.query ?? ""}`,
      this.headers(opts.lastEventId ? { "last-event-id": opts.lastEventId } : {}),
    );
  }
}

export async function signedIn(baseUrl: string, email: string, password = DEMO_PASSWORD, options: SessionOptions = {}): Promise<Session> {
  const s = new Session(baseUrl, options);
  const attempt = await s.attemptSignIn(email, password);
  if (!attempt.ok) throw new Error(`could not sign in as ${email}: ${attempt.error}`);
  return s;
}

/** An open SSE stream: every parsed message, the comments, and how it ended. */
export class Stream {
  readonly messages: (EventSourceMessage & { envelope: Envelope })[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  ended = false;
  private waiters = new Set<() => void>();
  private controller = new AbortController();

  private constructor(readonly response: Response) {}

  static async open(url: string, headers: Record<string, string>): Promise<Stream> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
    const stream = new Stream(response);
    stream.controller = controller;
    if (response.ok && response.body) void stream.pump(response.body);
    else stream.ended = true;
    return stream;
  }

  get status(): number {
    return this.response.status;
  }

  get envelopes(): Envelope[] {
    return this.messages.map((m) => m.envelope);
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({
      onEvent: (message) => {
        this.messages.push({ ...message, envelope: JSON.parse(message.data) as Envelope });
        this.notify();
      },
      onComment: (comment) => {
        this.comments.push(comment.trim());
        this.notify();
      },
      onRetry: (ms) => (this.retry = ms),
    });
    const decoder = new TextDecoder();
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted by close(), or the server dropped us
    }
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const w of this.waiters) w();
  }

  /** Resolves once `check` holds, or rejects after `timeoutMs`. */
  async until<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.envelopes.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 250));
        this.waiters.add(done);
      });
    }
  }

  waitFor(predicate: (e: Envelope) => boolean, timeoutMs = 10_000): Promise<Envelope> {
    return this.until(() => this.envelopes.find(predicate), timeoutMs, "event");
  }

  waitForEnd(timeoutMs = 10_000): Promise<true> {
    return this.until(() => this.ended || undefined, timeoutMs, "stream end");
  }

  close(): void {
    this.controller.abort();
  }
}

export async function api(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer under test: tests read into it and assert its shape
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `check` holds (polled every `everyMs`); fails after `timeoutMs`, saying what it waited for. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Open streams on a server (its registry's count). */
export async function openStreams(baseUrl: string): Promise<number> {
  return (await api(baseUrl, "GET", "/api/v1/stats")).body!.streams as number;
}

/** Waits until the server has seen streams close (a client's close reaches it a moment later). */
export async function streamsClosed(baseUrl: string, atMost = 0): Promise<void> {
  await waitUntil(async () => (await openStreams(baseUrl)) <= atMost, `at most ${atMost} open streams`, 10_000, 25);
}

/** The durable events of a stream (frames with an `id:` line), as event ids in arrival order. */
export function durableIds(stream: Stream): string[] {
  return stream.messages.filter((m) => m.id).map((m) => m.envelope.id);
}

/** The stream's resume cursor: the `id:` of its last durable frame, as a browser keeps it (Last-Event-ID). */
export function lastCursor(stream: Stream): string | undefined {
  return stream.messages.findLast((m) => m.id)?.id;
}

/** Ids in first-arrival order with repeats dropped, as the browser's client does (it drops an id it has seen). */
export function firstArrivals(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Counts of a delivery check, printed so a reader of the CI log sees them. */
export function report(what: string, counts: Record<string, number | string>): void {
  console.log(`[fault] ${what}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(" ")}`);
}

/**
 * Waits until presence no longer counts `user` (id or email) online on the server at `baseUrl`:
 * their streams closed and the linger after the last one (HERALD_PRESENCE_LINGER_MS) is over.
 */
export async function awayOn(baseUrl: string, user: string, timeoutMs = 15_000): Promise<void> {
  await waitUntil(async () => {
    const res = await api(baseUrl, "GET", `/api/v1/stats?user=${encodeURIComponent(user)}`);
    if (res.status !== 200) throw new Error(`stats: ${res.status} ${JSON.stringify(res.body)}`);
    return !res.body!.user.online;
  }, `${user} to count as away`, timeoutMs);
}
