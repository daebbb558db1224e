// The OpenAPI 3.1 document of the JSON API, generated (zod-openapi) from the operations the route
// handlers are built from: the request schemas here are the handlers' own.
import { createDocument } from "zod-openapi";
import packageJson from "@/package.json";
import type { ApiOperation } from "./operation";
import { documentedOperations } from "./operations";

type Paths = NonNullable<Parameters<typeof createDocument>[0]["paths"]>;

function operationObject(op: ApiOperation) {
  const body = op.documentedBody ?? op.body;
  return {
    ...op.doc,
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body, examples: op.examples } } } } : {}),
  };
}

export function openApiDocument() {
  const paths: Paths = {};
  for (const op of documentedOperations) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Herald API",
      version: packageJson.version,
      description:
        "Server-to-server API of a Herald instance: trigger notifications and broadcasts, read their delivery ledger, and scrape its metrics. Every error has the shape `{ error: { code, message, issues? } }`. Every answer carries `X-Request-Id` (yours, when you send a valid one).",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "HERALD_API_KEY" },
        metricsToken: { type: "http", scheme: "bearer", description: "HERALD_METRICS_TOKEN, or HERALD_API_KEY when it is unset" },
      },
    },
    paths,
  });
}
