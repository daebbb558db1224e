import { apiKeyRoute } from "@/lib/api/route";
import { hub } from "@/lib/realtime/hub";

/** Open streams and online users on this instance. */
export const GET = apiKeyRoute({}, async () => Response.json((await hub()).registry.stats()));
