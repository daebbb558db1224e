// What one JSON API operation is: method, path, auth, body schema and documentation. The route
// handler is built from it (lib/api/route.ts) and the OpenAPI document from the same object
// (lib/api/openapi.ts), so what is documented is what runs. The operations themselves:
// lib/api/operations.ts (sending, reading the ledger, stats, metrics), lib/api/user-operations.ts.
import type { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { errorBodySchema } from "./schemas";

export type ApiOperation<B extends z.ZodType | undefined = z.ZodType | undefined> = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The OpenAPI path template; with the method, also the `route` label of the request metrics. */
  path: `/api/${string}`;
  /** The trigger API key, or the metrics token (HERALD_METRICS_TOKEN, else the API key). */
  auth: "apiKey" | "metrics";
  /** The JSON body the handler parses and validates. */
  body: B;
  /**
   * What the document shows for the body, when the handler checks more than `body` after parsing
   * it (the event's `data` against its type's schema): the drift test holds the two equal.
   */
  documentedBody?: z.ZodType;
  /** Bodies the handler accepts, shown in the document (and sent by the drift test). */
  examples?: Record<string, { summary: string; value: Record<string, unknown> }>;
  doc: Omit<ZodOpenApiOperationObject, "requestBody">;
};

export const defineOperation = <B extends z.ZodType | undefined>(op: ApiOperation<B>) => op;

export function routeLabel(op: Pick<ApiOperation, "method" | "path">): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

export const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
export const failure = (description: string) => json(errorBodySchema, description);
export const refused = {
  "401": failure("Missing or wrong bearer token"),
  "503": failure("Disabled: no token configured"),
};
