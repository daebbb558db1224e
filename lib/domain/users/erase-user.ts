import "server-only";
// Erasing a provisioned user (DELETE /api/v1/users/:externalId): their sessions end (open streams
// close on every instance), the notifications that were only theirs go, and the user row goes with
// everything hanging off it (inbox entries, deliveries and their timelines, devices, settings,
// chat messages, friendships, NFTs, trading records, account tokens). Broadcasts and notifications
// shared with other users stay, without them. Triggers to the id answer 404 from then on.
import { endAllSessions } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db/client";
import { findProvisioned } from "./provision-user";

export async function eraseUser(externalId: string): Promise<void> {
  const { id } = await findProvisioned(externalId);
  await endAllSessions(id);
  const db = await prisma();
  await db.$transaction([
    db.$executeRaw`
      DELETE FROM "Notification" n
      WHERE n.audience = 'USERS'
        AND (EXISTS (SELECT 1 FROM "Recipient" r WHERE r."notificationId" = n.id AND r."userId" = ${id})
          OR EXISTS (SELECT 1 FROM "Delivery" d WHERE d."notificationId" = n.id AND d."userId" = ${id}))
        AND NOT EXISTS (SELECT 1 FROM "Recipient" r WHERE r."notificationId" = n.id AND r."userId" <> ${id})
        AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."notificationId" = n.id AND d."userId" <> ${id})`,
    db.user.delete({ where: { id } }),
  ]);
}
