import "server-only";
// NEXTAUTH_SECRET, or in demo mode a random one generated once and kept (mode 0600) in the data
// folder, so demo sessions survive a restart and no secret is ever committed.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { processWide } from "@/lib/service";

export function authSecret(): string {
  return processWide("auth-secret", readOrCreate);
}

function readOrCreate(): string {
  const e = env();
  let secret = e.NEXTAUTH_SECRET;
  if (!secret) {
    const file = path.resolve(e.HERALD_DATA_DIR, "auth-secret");
    try {
      secret = readFileSync(file, "utf8").trim();
    } catch {
      secret = randomBytes(32).toString("base64url");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    }
  }
  return secret;
}
