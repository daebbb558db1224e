import "server-only";
// Users provisioned by another backend (like Novu's subscribers or Knock's identify): the other
// system's id is `externalId`, and PUT is idempotent: the same body twice leaves the same user.
// The calling backend vouches for the email address, so it counts as confirmed; the user has no
// password until they set one through "Forgot your password?".
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { HeraldError } from "@/lib/errors";
import { getDeliverySettings, savePreferences } from "@/lib/notify/settings";
import type { ProvisionUserInput } from "@/lib/validations/users";

export async function provisionUser(externalId: string, input: ProvisionUserInput): Promise<{ user: ProvisionedUser; created: boolean }> {
  const db = await prisma();
  const email = input.email.toLowerCase();
  // `to` takes internal ids and external ids alike: one naming two users would be ambiguous.
  const sameId = await db.user.findUnique({ where: { id: externalId }, select: { externalId: true } });
  if (sameId && sameId.externalId !== externalId) throw new HeraldError("conflict", `externalId "${externalId}" is another user's Herald id: choose another`, {
      issues: [{ path: "externalId", message: "already another user's Herald id" }],
    });

  let created = false;
  for (let attempt = 0; ; attempt++) {
    const existing = await db.user.findUnique({ where: { externalId } });
    try {
      if (existing) {
        await db.user.update({
          where: { id: existing.id },
          data: {
            email,
            ...(email !== existing.email ? { emailVerifiedAt: new Date() } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.phone !== undefined ? { phone: input.phone } : {}),
            ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
          },
        });
      } else {
        await db.user.create({
          data: {
            id: randomUUID(),
            externalId,
            email,
            name: input.name ?? email.split("@")[0]!,
            phone: input.phone ?? null,
            timeZone: input.timeZone ?? "UTC",
            emailVerifiedAt: new Date(),
          },
        });
        created = true;
      }
      break;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Two PUTs creating the same user at once: the loser updates what the winner created.
      if (!existing && attempt === 0 && (await db.user.count({ where: { externalId } })) > 0) continue;
      throw new HeraldError("conflict", `${email} already belongs to another Herald user`, {
        issues: [{ path: "email", message: "already used by another user" }],
      });
    }
  }
  const user = await db.user.findUniqueOrThrow({ where: { externalId } });
  if (input.preferences) await savePreferences(user.id, { preferences: input.preferences });
  return { user: await presentUser(externalId), created };
}

export async function findProvisioned(externalId: string): Promise<{ id: string; email: string }> {
  const db = await prisma();
  const user = await db.user.findUnique({ where: { externalId }, select: { id: true, email: true } });
  if (!user) throw new HeraldError("not_found", `No user with externalId "${externalId}"`);
  return user;
}

/** What the API answers about a provisioned user. */
export async function presentUser(externalId: string) {
  const db = await prisma();
  const user = await db.user.findUnique({ where: { externalId } });
  if (!user) throw new HeraldError("not_found", `No user with externalId "${externalId}"`);
  const settings = await getDeliverySettings(user.id);
  return {
    externalId,
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    timeZone: user.timeZone,
    createdAt: user.createdAt.toISOString(),
    preferences: settings.preferences,
    devices: settings.devices.map((d) => ({ id: d.id, label: d.label, token: d.token, createdAt: d.createdAt })),
  };
}
export type ProvisionedUser = Awaited<ReturnType<typeof presentUser>>;
