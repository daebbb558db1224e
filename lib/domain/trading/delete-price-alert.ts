import "server-only";
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";

export async function deletePriceAlert(userId: string, alertId: string): Promise<void> {
  const db = await prisma();
  const { count } = await db.priceAlert.deleteMany({ where: { id: alertId, userId } });
  if (count === 0) throw new HeraldError("not_found", "No such alert");
}
