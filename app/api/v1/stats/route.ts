import { getStats } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import type { statsSchema } from "@/lib/api/schemas";
import { hub } from "@/lib/realtime/hub";
import type { z } from "zod";

/** Open streams and online users on this instance. */
export const GET = apiRoute(getStats, async () =>
  Response.json((await hub()).registry.stats() satisfies z.input<typeof statsSchema>),
);
