// Accounts over HTTP against the production build, as browsers and people use them: sessions that
// end everywhere, sign-up with email verification, password reset, sign-in limits and security
// alerts. Emails and SMS are captured (no provider configured) and read from /admin/outbox, the
// way a developer follows a link there.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminLinks } from "@/components/admin/admin-nav";
import { navLinks } from "@/components/nav-links";
import { api, awayOn, Session, signedIn, type Stream } from "../support/client";
import { capturedLink, capturedMessages, waitForCaptured } from "../support/outbox";
import { actionId, callAction } from "../support/server-actions";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let alice: Session;
const open: Stream[] = [];
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function stream(session: Session): Promise<Stream> {
  const s = await session.stream();
  open.push(s);
  await s.waitFor((e) => e.type === "connection_established");
  return s;
}

/** Calls a server action as `client` (its cookie and address). */
function action(client: Session, file: string, name: string, args: unknown[], page = "/signin") {
  return callAction(server.url, client.headers(), page, actionId(file, name), args).then((r) => r.result);
}

/** A new visitor's client (no session, a browser never seen), from `address`. */
const visitor = (address: string, userAgent?: string) => new Session(server.url, { address, userAgent, device: null });

beforeAll(async () => {
  server = await startServer({
    env: {
      // Tests name their client address in X-Forwarded-For, as a proxy in front would.
      HERALD_TRUSTED_PROXIES: "1",
      HERALD_SIGNIN_LOCK_MS: "2000",
      HERALD_SIGNIN_MAX_FAILURES_PER_ADDRESS: "30",
      HERALD_SIGNUP_MAX_PER_ADDRESS: "3",
    },
  });
  alice = await signedIn(server.url, "alice@herald.test");
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
});

afterAll(async () => {
  await server?.stop();
});

describe("sessions that end", () => {
  it("refuses a signed-out session's cookie on every signed-in page, in server actions and on the stream", async () => {
    const kept = await signedIn(server.url, "alice@herald.test");
    const pages = [...new Set([...navLinks, ...adminLinks].map((l) => l.href))];
    for (const page of pages) expect((await kept.fetch(page)).status, page).toBe(200);
    const cookie = kept.cookie;
    await kept.signOut(); // through next-auth's own endpoint
    const stale = new Session(server.url);
    stale.jar.clear();
    for (const pair of cookie.split("; ")) stale.jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));

    for (const page of pages) {
      const res = await stale.fetch(page);
      expect(res.status, page).toBe(307);
      expect(res.headers.get("location"), page).toMatch(/\/signin$/);
    }
    const contact = await action(stale, "app/(app)/settings/actions.ts", "updateContactAction", [{ phone: "", email: "", timeZone: "UTC", quietStart: "", quietEnd: "" }], "/settings");
    expect(contact).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const maintenance = await action(
      stale,
      "app/(app)/admin/actions.ts",
      "announceMaintenanceAction",
      [{ message: "Forged notice", startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 5 }],
      "/admin",
    );
    expect(maintenance).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect((await stale.stream()).status).toBe(401);
    // next-auth's own session endpoint says so too.
    expect(await (await stale.fetch("/api/auth/session")).json()).toEqual({});
  });

  it("lists the user's sessions, ends one (closing its stream at once), then all of them", async () => {
    const here = await signedIn(server.url, "bob@herald.test", undefined, { address: "198.51.100.10", userAgent: FIREFOX });
    const phone = await signedIn(server.url, "bob@herald.test", undefined, { address: "198.51.100.11", userAgent: IPHONE });
    const laptop = await signedIn(server.url, "bob@herald.test", undefined, { address: "198.51.100.12" });
    const [phoneStream, laptopStream] = [await stream(phone), await stream(laptop)];

    const html = await (await here.fetch("/settings")).text();
    expect(html).toContain("Firefox 133 on Linux");
    expect(html).toContain("Safari 17 on iOS");
    expect(html).toContain("198.51.100.11");
    const current = /data-session-id="([^"]+)" data-current="true"/.exec(html)![1];
    const ids = [...html.matchAll(/data-session-id="([^"]+)"/g)].map((m) => m[1]!);
    const phoneRow = html.split('data-testid="session"').find((row) => row.includes("Safari 17 on iOS"))!;
    const phoneId = /data-session-id="([^"]+)"/.exec(phoneRow)![1];
    expect(ids).toContain(current);

    expect(await action(here, "app/(app)/settings/actions.ts", "endSessionAction", [{ id: phoneId }], "/settings")).toMatchObject({ ok: true });
    await phoneStream.waitForEnd(5_000);
    expect((await phone.fetch("/dashboard")).status).toBe(307);
    expect(laptopStream.ended).toBe(false);
    expect((await here.fetch("/dashboard")).status).toBe(200);

    const everywhere = await action(here, "app/(app)/settings/actions.ts", "endAllSessionsAction", [], "/settings");
    expect(everywhere).toMatchObject({ ok: true });
    await laptopStream.waitForEnd(5_000);
    for (const s of [here, laptop]) expect((await s.fetch("/dashboard")).status).toBe(307);
  });
});

describe("sign-up and email verification", () => {
  it("names each bad field, and says nothing else", async () => {
    const result = await action(visitor("203.0.113.1"), "app/signup/actions.ts", "signUpAction", [
      { name: "", email: "not-an-email", password: "short", phone: "555-1234", timeZone: "Mars/Olympus" },
    ]);
    expect(result.ok).toBe(false);
    expect([...new Set(result.error?.issues?.map((i) => i.path))].sort()).toEqual([
      "email",
      "name",
      "password",
      "phone",
      "timeZone",
    ]);
  });

  it("signs up, captures the verification email, and its link verifies once", async () => {
    const dana = visitor("203.0.113.2");
    const email = "dana@example.test";
    const signUp = await action(dana, "app/signup/actions.ts", "signUpAction", [
      { name: "Dana", email, password: "dana-password-1", phone: "", timeZone: "Europe/Paris" },
    ]);
    expect(signUp).toEqual({ ok: true, data: { email } });
    // Not before the address is confirmed; the sign-in form then offers a new link.
    expect(await dana.attemptSignIn(email, "dana-password-1")).toEqual({ ok: false, error: "email_unverified" });
    const firstLink = await capturedLink(alice, email, "/verify-email");
    expect(await action(dana, "app/signin/actions.ts", "resendVerificationAction", [{ email }])).toEqual({ ok: true, data: null });

    const link = await capturedLink(alice, email, "/verify-email", [firstLink]);
    expect(link).not.toBe(firstLink);
    const first = await dana.fetch(new URL(link).pathname + new URL(link).search);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/signin?verified=1");
    const again = await dana.fetch(new URL(link).pathname + new URL(link).search);
    expect(again.headers.get("location")).toBe("/signin?verified=0");

    expect(await dana.attemptSignIn(email, "dana-password-1")).toEqual({ ok: true, error: null });
    expect((await dana.fetch("/dashboard")).status).toBe(200);
    // Confirming the address used up its other link too.
    const older = await dana.fetch(new URL(firstLink).pathname + new URL(firstLink).search);
    expect(older.headers.get("location")).toBe("/signin?verified=0");
  });

  it("answers a sign-up with a taken address exactly as any other, and tells the owner by email", async () => {
    const result = await action(visitor("203.0.113.3"), "app/signup/actions.ts", "signUpAction", [
      { name: "Impostor", email: "carol@herald.test", password: "impostor-password", phone: "", timeZone: "" },
    ]);
    expect(result).toEqual({ ok: true, data: { email: "carol@herald.test" } });
    const told = await waitForCaptured(alice, "carol@herald.test", (m) => m.text.includes("You already have a Herald account"));
    expect(told.links.map((l) => new URL(l).pathname)).toEqual(["/signin", "/forgot-password"]);
    // The impostor's password did not replace hers.
    expect((await visitor("203.0.113.3").attemptSignIn("carol@herald.test", "impostor-password")).error).toBe("CredentialsSignin");
  });

  it("limits sign-ups per client address", async () => {
    const from = visitor("203.0.113.4");
    for (let i = 0; i < 3; i++) {
      const ok = await action(from, "app/signup/actions.ts", "signUpAction", [
        { name: `Bulk ${i}`, email: `bulk${i}@example.test`, password: "bulk-password", phone: "", timeZone: "" },
      ]);
      expect(ok.ok).toBe(true);
    }
    const refused = await action(from, "app/signup/actions.ts", "signUpAction", [
      { name: "Bulk 3", email: "bulk3@example.test", password: "bulk-password", phone: "", timeZone: "" },
    ]);
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", message: "Too many attempts: try again in 1 hour." } });
  });

  it("sends nothing but the verification link to an address nobody confirmed", async () => {
    await capturedLink(alice, "bulk0@example.test", "/verify-email");
    const sent = await api(server.url, "POST", "/api/v1/notifications", {
      to: "bulk0@example.test",
      type: "feature_announcement",
      message: "Mail for an unconfirmed address",
    });
    expect(sent.status).toBe(202);
    // Low priority, away: the email channel, which has no confirmed address to use.
    await expect
      .poll(async () => (await api(server.url, "GET", `/api/v1/notifications/${sent.body!.id}`)).body!.deliveries.find((d: { channel: string }) => d.channel !== "sse"), {
        timeout: 15_000,
      })
      .toMatchObject({ status: "failed", lastError: expect.stringContaining("no email address") });
    expect((await capturedMessages(alice)).filter((m) => m.destination === "bulk0@example.test")).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("emails a single-use link; the new password works, the old one and every other session do not", async () => {
    const email = "erin@example.test";
    const erin = visitor("203.0.113.5");
    await action(erin, "app/signup/actions.ts", "signUpAction", [{ name: "Erin", email, password: "erin-old-password", phone: "", timeZone: "" }]);
    const verify = new URL(await capturedLink(alice, email, "/verify-email"));
    await erin.fetch(verify.pathname + verify.search);
    const desk = await signedIn(server.url, email, "erin-old-password", { address: "203.0.113.5" });
    const tablet = await signedIn(server.url, email, "erin-old-password", { address: "203.0.113.5" });
    const deskStream = await stream(desk);

    // The same answer for an address with no account, and nothing sent there.
    const forgot = visitor("203.0.113.6");
    expect(await action(forgot, "app/forgot-password/actions.ts", "requestPasswordResetAction", [{ email: "nobody@example.test" }], "/forgot-password")).toEqual({
      ok: true,
      data: null,
    });
    expect(await action(forgot, "app/forgot-password/actions.ts", "requestPasswordResetAction", [{ email }], "/forgot-password")).toEqual({ ok: true, data: null });
    const link = new URL(await capturedLink(alice, email, "/reset-password"));
    expect((await capturedMessages(alice)).some((m) => m.destination === "nobody@example.test")).toBe(false);
    const token = link.searchParams.get("token")!;
    expect(await (await forgot.fetch(link.pathname + link.search)).text()).toContain("Choose a new password");

    const reset = await action(forgot, "app/reset-password/actions.ts", "resetPasswordAction", [{ token, password: "erin-new-password" }], "/reset-password");
    expect(reset).toEqual({ ok: true, data: null });
    await deskStream.waitForEnd(5_000);
    for (const s of [desk, tablet]) expect((await s.fetch("/dashboard")).status).toBe(307);
    expect((await visitor("203.0.113.7").attemptSignIn(email, "erin-old-password")).error).toBe("CredentialsSignin");
    expect((await visitor("203.0.113.7").attemptSignIn(email, "erin-new-password")).ok).toBe(true);

    // The link worked once.
    const twice = await action(forgot, "app/reset-password/actions.ts", "resetPasswordAction", [{ token, password: "erin-third-password" }], "/reset-password");
    expect(twice).toMatchObject({ ok: false, error: { code: "invalid_request", message: expect.stringContaining("expired or was already used") } });
    expect(await (await forgot.fetch(link.pathname + link.search)).text()).toContain("This link no longer works");
    // Erin has no phone or push device: the security alert about the reset reached her by email.
    await waitForCaptured(alice, email, (m) => m.text.includes("Your Herald password was changed"));
  });
});

describe("sign-in limits", () => {
  it("refuses an account's 21st attempt unchecked after 20 wrong passwords, until the lock passes, from any address", async () => {
    // The right password clears an account's count: start from zero.
    expect((await visitor("192.0.2.2").attemptSignIn("carol@herald.test", "herald-demo")).ok).toBe(true);
    const attacker = visitor("192.0.2.1");
    for (let i = 0; i < 20; i++) expect((await attacker.attemptSignIn("carol@herald.test", `wrong-${i}`)).error).toBe("CredentialsSignin");
    // The right password, 21st: refused before it is checked.
    const refused = await attacker.attemptSignIn("carol@herald.test", "herald-demo");
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/^rate_limited:[12]$/);
    // The sign-in page (a form posted without JavaScript lands there) says when to come back.
    expect(await (await attacker.fetch(`/signin?error=${refused.error}`)).text()).toMatch(/Too many attempts: try again in [12] seconds?\./);

    // The lock is the account's: carol from elsewhere waits for it too, then gets in.
    const carol = visitor("192.0.2.2");
    const answers: (string | null)[] = [];
    await expect
      .poll(
        async () => {
          const attempt = await carol.attemptSignIn("carol@herald.test", "herald-demo");
          answers.push(attempt.error);
          return attempt.ok;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(true);
    expect(answers.slice(0, -1).every((e) => e?.startsWith("rate_limited:"))).toBe(true);
  });

  it("limits failed sign-ins per client address, whichever accounts they try", async () => {
    const sprayer = visitor("192.0.2.3");
    for (let i = 0; i < 30; i++) expect((await sprayer.attemptSignIn(`nobody${i}@example.test`, "guess")).error).toBe("CredentialsSignin");
    expect((await sprayer.attemptSignIn("bob@herald.test", "herald-demo")).error).toMatch(/^rate_limited:/);
    expect((await visitor("192.0.2.4").attemptSignIn("bob@herald.test", "herald-demo")).ok).toBe(true);
  });
});

describe("security alerts", () => {
  it("alerts the away user by SMS about a sign-in from a new browser, even if that browser opens a stream at once", async () => {
    await signedIn(server.url, "bob@herald.test"); // the test runner's browser: known from now on
    await awayOn(server.url, "u_bob"); // no stream of his left, nor lingering
    const stranger = new Session(server.url, { address: "203.0.113.66", userAgent: FIREFOX, device: null });
    expect((await stranger.attemptSignIn("bob@herald.test")).ok).toBe(true);
    await stream(stranger); // bob is "online" now, through the stranger's own page
    const sms = await waitForCaptured(alice, "+15550000002", (m) => m.text.includes("New sign-in to your Herald account from Firefox 133 on Linux (203.0.113.66)"));
    expect(sms.channel).toBe("sms");

    // The same browser again: known now, no second alert. Its open stream would get one (bob is
    // online); a notification sent after the sign-in answered marks where it would have been.
    const s = open.at(-1)!;
    expect((await stranger.attemptSignIn("bob@herald.test")).ok).toBe(true);
    const marker = await api(server.url, "POST", "/api/v1/notifications", { to: "bob@herald.test", type: "badge_earned", message: "marker", data: { badgeId: "m", name: "M" } });
    await s.waitFor((e) => e.id === marker.body!.id);
    expect(s.envelopes.filter((e) => e.type === "security_alert")).toHaveLength(0);
  });

  it("shows the alert in the app when the user is online, and sends nothing offline", async () => {
    const carol = await signedIn(server.url, "carol@herald.test", undefined, { address: "198.51.100.30" });
    const s = await stream(carol);
    await new Session(server.url, { address: "203.0.113.77", userAgent: IPHONE, device: null }).signIn("carol@herald.test");
    const alert = await s.waitFor((e) => e.type === "security_alert");
    expect(alert).toMatchObject({ priority: "high", data: { kind: "new_device", device: "Safari 17 on iOS", ip: "203.0.113.77" } });
    const ledger = await api(server.url, "GET", `/api/v1/notifications/${alert.id}`);
    expect(ledger.body!.deliveries).toContainEqual(expect.objectContaining({ channel: "sse", status: "sent" }));
    expect(ledger.body!.deliveries.filter((d: { status: string; channel: string }) => ["captured", "sent"].includes(d.status) && d.channel !== "sse")).toEqual([]);
  });
});
