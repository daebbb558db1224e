import "server-only";
// One wrapper for the JSON API's route handlers: bearer-key auth, a bounded JSON body validated
// with zod, and every failure in the one error shape.
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { env } from "@/lib/env";
import { errorResponse, HeraldError, invalid } from "@/lib/errors";

type Params = Record<string, string | string[] | undefined>;
type Context = { params: Promise<Params> };

export function apiKeyRoute<S extends z.ZodType | undefined = undefined>(
  opts: { body?: S },
  handler: (args: {
    req: NextRequest;
    body: S extends z.ZodType ? z.infer<S> : undefined;
    params: Params;
  }) => Promise<Response>,
) {
  return async (req: NextRequest, context: Context): Promise<Response> => {
    try {
      requireApiKey(req);
      const body = (opts.body ? await readJson(req, opts.body) : undefined) as S extends z.ZodType
        ? z.infer<S>
        : undefined;
      return await handler({ req, body, params: await context.params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function requireApiKey(req: Request): void {
  const expected = env().HERALD_API_KEY;
  if (!expected) throw new HeraldError("unavailable", "The trigger API is disabled: set HERALD_API_KEY");
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  // Compare digests so the comparison takes the same time whatever the key's length.
  if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), digest(expected))) {
    throw new HeraldError("unauthorized", "Missing or invalid API key (Authorization: Bearer <HERALD_API_KEY>)", {
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
