// Streams end at their maximum lifetime, so every reconnect re-authenticates; a reconnect resumes
// after the last event, and is refused once the session is gone.
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, signedIn } from "../support/client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { HERALD_STREAM_MAX_LIFETIME_MS: "1500" } });
});
afterAll(async () => {
  await server?.stop();
});

it("ends a stream at its maximum lifetime; the reconnect resumes, and is refused after sign-out", async () => {
  const bob = await signedIn(server.url, "bob@herald.test");
  const s = await bob.stream();
  const sent = await api(server.url, "POST", "/api/v1/notifications", {
    to: "u_bob",
    type: "badge_earned",
    message: "before the lifetime ends",
    data: { badgeId: "b", name: "B" },
  });
  await s.waitFor((e) => e.id === sent.body!.id);
  // The server ends it (the client never closes it).
  await s.waitForEnd(30_000);

  const missed = await api(server.url, "POST", "/api/v1/notifications", {
    to: "u_bob",
    type: "badge_earned",
    message: "while reconnecting",
    data: { badgeId: "c", name: "C" },
  });
  const again = await bob.stream({ lastEventId: sent.body!.id as string });
  expect(again.status).toBe(200);
  expect((await again.waitFor((e) => e.id === missed.body!.id)).message).toBe("while reconnecting");
  again.close();

  await bob.signOut();
  expect((await bob.stream({ lastEventId: missed.body!.id as string })).status).toBe(401);
});
