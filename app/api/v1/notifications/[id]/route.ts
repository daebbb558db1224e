import { apiKeyRoute } from "@/lib/api/route";
import { HeraldError } from "@/lib/errors";
import { getLedger } from "@/lib/notify";

/** A notification's delivery ledger. */
export const GET = apiKeyRoute({}, async ({ params }) => {
  const id = typeof params.id === "string" && /^\d{1,19}$/.test(params.id) ? BigInt(params.id) : null;
  const ledger = id === null ? null : await getLedger(id);
  if (!ledger) throw new HeraldError("not_found", `No notification with id "${String(params.id)}"`);
  return Response.json(ledger);
});
