// Demo users for the embedded default (and HERALD_DEMO=true). Idempotent: safe on every start.
import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { seedSocial } from "./seed-social";
import { seedDashboardDemo } from "./seed-dashboard";

export const demoUsers = [
  { id: "u_alice", email: "alice@herald.test", name: "Alice", role: "ADMIN", phone: "+15550000001" },
  { id: "u_bob", email: "bob@herald.test", name: "Bob", role: "USER", phone: "+15550000002" },
  { id: "u_carol", email: "carol@herald.test", name: "Carol", role: "USER", phone: "+15550000003" },
] as const;

/** Serialises the demo seed between processes starting at once on one database. */
const SEED_LOCK = 72_707_370;

/**
 * Seeds the demo at start-up. Instances starting together would race on the seed's unique keys:
 * one seeds, the others wait for it and then find everything in place (the seed is idempotent).
 */
export async function seedDemoOnce(db: Db, password: string): Promise<void> {
  await db.exclusive(SEED_LOCK, () => seedDemo(db.prisma, password));
}

export async function seedDemo(prisma: PrismaClient, password: string): Promise<void> {
  for (const user of demoUsers) {
    const existing = await prisma.user.findUnique({ where: { email: user.email } });
    if (existing && (await verifyPassword(password, existing.passwordHash))) continue;
    // New, or HERALD_DEMO_PASSWORD changed since the last start.
    const passwordHash = await hashPassword(password);
    await prisma.user.upsert({
      where: { email: user.email },
      create: { ...user, passwordHash, emailVerifiedAt: new Date() },
      update: { passwordHash },
    });
    const token = `demo-fcm-token-${user.id}`;
    await prisma.device.upsert({ where: { token }, create: { userId: user.id, token, label: "Demo phone" }, update: {} });
  }
  await seedSocial(prisma);
  await seedDashboardDemo(prisma);
}
