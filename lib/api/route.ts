import "server-only";
// The JSON API's route handlers, built from the route's operation (lib/api/operation.ts) on the one
// edge wrapper (lib/api/edge.ts): bearer auth, a bounded JSON body validated with the operation's
// schema, the request metrics, and every failure in the one error shape.
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { env } from "@/lib/env";
import { HeraldError, invalid } from "@/lib/errors";
import { edgeRoute, type Params } from "./edge";
import { routeLabel, type ApiOperation } from "./operation";

export function apiRoute<S extends z.ZodType | undefined>(
  op: ApiOperation<S>,
  handler: (args: {
    req: NextRequest;
    body: S extends z.ZodType ? z.infer<S> : undefined;
    params: Params;
    requestId: string;
  }) => Promise<Response>,
) {
  type Body = S extends z.ZodType ? z.infer<S> : undefined;
  const options = { route: routeLabel(op), access: { public: true } as const, check: (req: NextRequest) => requireToken(req, op.auth), metered: true };
  const handle = edgeRoute(options, async ({ req, params, requestId }) => {
    const body = (op.body ? await readJson(req, op.body) : undefined) as Body;
    return handler({ req, body, params, requestId });
  });
  // The operation travels with the handler, so a test can check each route serves the one documented.
  return Object.assign(handle, { operation: op as ApiOperation });
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The bearer token an operation needs: the API key, or for metrics their own token (else the API key). */
export function requireToken(req: Request, auth: ApiOperation["auth"]): void {
  const e = env();
  const metricsToken = auth === "metrics" ? e.HERALD_METRICS_TOKEN : undefined;
  const expected = metricsToken ?? e.HERALD_API_KEY;
  const name = metricsToken ? "HERALD_METRICS_TOKEN" : "HERALD_API_KEY";
  if (!expected) throw new HeraldError("unavailable", `This API is disabled: set ${name}`);
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  // Compare digests so the comparison takes the same time whatever the key's length.
  if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), digest(expected))) {
    const what = metricsToken ? "metrics token" : "API key";
    throw new HeraldError("unauthorized", `Missing or invalid ${what} (Authorization: Bearer <${name}>)`, {
      headers: { "WWW-Authenticate": 'Bearer realm="herald"' },
    });
  }
}

/** Reads at most HERALD_API_MAX_BODY_BYTES of JSON and validates it. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HeraldError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readText(req);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HeraldError("invalid_json", text.trim() ? "The body is not valid JSON" : "The body is empty: send JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error, "body");
  return parsed.data;
}

/** The raw body, at most HERALD_API_MAX_BODY_BYTES (413 past it); webhooks verify signatures over it. */
export async function readText(req: Request): Promise<string> {
  const limit = env().HERALD_API_MAX_BODY_BYTES;
  const tooLarge = () => new HeraldError("payload_too_large", `The body is larger than ${limit} bytes`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function bodyHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}
