import "server-only";
// Who is online now on this instance: users with at least one open stream, or whose last one
// closed moments ago (the registry's linger: a tab handing the stream to another is not leaving).
import { prisma } from "@/lib/db/client";
import { hub } from "@/lib/realtime/hub";

export async function onlineUsers() {
  const { registry } = await hub();
  const ids = registry.onlineUserIds();
  if (ids.length === 0) return [];
  const db = await prisma();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, role: true } });
  return users
    .map((u) => ({ ...u, streams: registry.count(u.id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
