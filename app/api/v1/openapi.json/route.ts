import { edgeRoute } from "@/lib/api/edge";
import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 document of the JSON API (public: it describes, it grants nothing). */
export const GET = edgeRoute({ route: "GET /api/v1/openapi.json", access: { public: true } }, async () => Response.json(openApiDocument()));
