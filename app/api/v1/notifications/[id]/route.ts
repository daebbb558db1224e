import type { z } from "zod";
import { getNotification } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import type { ledgerSchema } from "@/lib/api/schemas";
import { HeraldError } from "@/lib/errors";
import { getLedger } from "@/lib/notify/ledger";
import { notificationIdSchema } from "@/lib/validations/trigger";

/** A notification's delivery ledger. */
export const GET = apiRoute(getNotification, async ({ params }) => {
  const id = notificationIdSchema.safeParse(params.id);
  const ledger = id.success ? await getLedger(BigInt(id.data)) : null;
  if (!ledger) throw new HeraldError("not_found", `No notification with id "${String(params.id)}"`);
  return Response.json(ledger satisfies z.input<typeof ledgerSchema>);
});
