// Fake Twilio, SendGrid and FCM HTTP servers on 127.0.0.1 for tests: the real SDKs talk to them
// (docs/architecture.md, "Provider SDKs against loopback fakes"). Every request is recorded; answers are
// the providers' success shapes unless a test scripts others (429 + Retry-After, 5xx, 400, FCM's
// UNREGISTERED 404) for the next requests of a provider.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Provider = "twilio" | "sendgrid" | "fcm";

export type Recorded = {
  provider: Provider;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** Twilio's form fields. */
  form: Record<string, string>;
  /** SendGrid's and FCM's JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a provider's request as the SDK sent it: tests read into it and assert its shape
  json: any;
  /** The status the fake answered with. */
  status: number;
};

export type Scripted = { status: number; headers?: Record<string, string>; body?: unknown };

export const unregisteredToken: Scripted = {
  status: 404,
  body: {
    error: {
      code: 404,
      message: "Requested entity was not found.",
      status: "NOT_FOUND",
      details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "UNREGISTERED" }],
    },
  },
};

export const tooManyRequests = (retryAfterSeconds: number): Scripted => ({
  status: 429,
  headers: { "retry-after": String(retryAfterSeconds) },
  body: { code: 20429, message: "Too Many Requests", status: 429 },
});

export const serverError: Scripted = { status: 503, body: { code: 20503, message: "Service Unavailable", status: 503 } };

export const badRequest = (provider: Provider): Scripted =>
  provider === "sendgrid"
    ? { status: 400, body: { errors: [{ message: "The to email does not contain a valid address.", field: "personalizations.0.to" }] } }
    : provider === "twilio"
      ? { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } }
      : { status: 400, body: { error: { code: 400, message: "Invalid registration token", status: "INVALID_ARGUMENT" } } };

let counter = 0;
const hex = (n: number) => n.toString(16).padStart(32, "0");

export class FakeProviders {
  readonly requests: Recorded[] = [];
  private readonly scripts: Record<Provider, Scripted[]> = { twilio: [], sendgrid: [], fcm: [] };
  /** Delay before every answer, so concurrent workers overlap. */
  delayMs = 0;
  /** While set, every answer of that provider is this one (a storm). */
  readonly always: Partial<Record<Provider, Scripted>> = {};

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeProviders> {
    // The handler runs only once the server listens, after `fake` exists.
    const server = createServer((req, res) => void fake.handle(req, res));
    const fake = new FakeProviders(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The app's environment pointing every channel at this fake (test credentials only). */
  env(extra: { twilioAuthToken?: string } = {}): Record<string, string> {
    return {
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(31)}1`,
      TWILIO_AUTH_TOKEN: extra.twilioAuthToken ?? "test-twilio-auth-token",
      TWILIO_FROM: "+15005550006",
      TWILIO_API_BASE_URL: this.url,
      SENDGRID_API_KEY: "SG.test-key",
      SENDGRID_FROM: "herald@herald.test",
      SENDGRID_API_BASE_URL: this.url,
      FIREBASE_PROJECT_ID: "herald-test",
      FCM_ACCESS_TOKEN: "test-access-token",
      FCM_ENDPOINT_HOST: "127.0.0.1",
      FCM_ENDPOINT_PORT: String(this.port),
    };
  }

  /** The next requests to `provider` get these answers, in order; then success again. */
  script(provider: Provider, ...responses: Scripted[]): void {
    this.scripts[provider].push(...responses);
  }

  of(provider: Provider): Recorded[] {
    return this.requests.filter((r) => r.provider === provider);
  }

  reset(): void {
    this.requests.length = 0;
    for (const p of Object.keys(this.scripts) as Provider[]) {
      this.scripts[p] = [];
      delete this.always[p];
    }
    this.delayMs = 0;
  }

  async waitFor(check: () => boolean, timeoutMs = 15_000, what = "provider requests"): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.requests.map((r) => `${r.provider} ${r.status}`))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "/";
    const provider: Provider | null = path.startsWith("/2010-04-01/")
      ? "twilio"
      : path.startsWith("/v3/mail/send")
        ? "sendgrid"
        : /^\/v1\/projects\/[^/]+\/messages:send/.test(path)
          ? "fcm"
          : null;
    if (!provider) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: `no fake for ${path}` }));
      return;
    }
    const answer = this.always[provider] ?? this.scripts[provider].shift() ?? this.success(provider);
    this.requests.push({
      provider,
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      form: provider === "twilio" ? Object.fromEntries(new URLSearchParams(raw)) : {},
      json: provider === "twilio" || !raw ? null : JSON.parse(raw),
      status: answer.status,
    });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(body);
  }

  private success(provider: Provider): Scripted {
    const n = ++counter;
    if (provider === "twilio") return { status: 201, body: { sid: `SM${hex(n)}`, status: "queued" } };
    if (provider === "sendgrid") return { status: 202, headers: { "x-message-id": `sg-${n}` } };
    return { status: 200, body: { name: `projects/herald-test/messages/${n}` } };
  }
}
