import "server-only";
// One wrapper for every route handler (the JSON API's through apiRoute, the stream, seen reports,
// webhooks, health): a request id (the caller's X-Request-Id or a new one, echoed in the answer and
// on every log line), who may call it, and every failure in the one error shape
// (lib/errors.ts). The JSON API's routes are also counted in the request metrics.
import type { NextRequest } from "next/server";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { errorResponse } from "@/lib/error-answer";
import { HeraldError, isHeraldError } from "@/lib/errors";
import { log, requestIdOf } from "@/lib/log";
import { apiDuration, apiRequests } from "@/lib/metrics/instruments";

export type Params = Record<string, string | string[] | undefined>;
type Context = { params: Promise<Params> };

/** Anyone (a signature or nothing guards it), or a signed-in user (`unauthorized` with this message otherwise). */
type Access = { public: true } | { signedIn: string };

type Args<A extends Access> = {
  req: NextRequest;
  params: Params;
  requestId: string;
} & (A extends { signedIn: string } ? { viewer: Viewer } : unknown);

export type EdgeOptions<A extends Access> = {
  /** The route's label in logs and metrics: method and path template. */
  route: string;
  access: A;
  /** Checks before the handler runs (a bearer token): throw a HeraldError to refuse. */
  check?: (req: NextRequest) => void | Promise<void>;
  /** Count the request in the JSON API's request metrics. */
  metered?: boolean;
};

export function edgeRoute<A extends Access>(options: EdgeOptions<A>, handler: (args: Args<A>) => Promise<Response>) {
  const { route, access, check, metered } = options;
  return async (req: NextRequest, context?: Context): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    let res: Response;
    try {
      await check?.(req);
      const params = (await context?.params) ?? {};
      let viewer: Viewer | null = null;
      if ("signedIn" in access) {
        viewer = await getViewer();
        if (!viewer) throw new HeraldError("unauthorized", access.signedIn);
      }
      res = await handler({ req, params, requestId, ...(viewer ? { viewer } : {}) } as Args<A>);
      log().debug({ reqId: requestId, route, status: res.status }, "request");
    } catch (err) {
      res = errorResponse(err, { requestId });
      // Server faults are logged by errorResponse; a refused request is worth a line too.
      if (res.status < 500) {
        const code = isHeraldError(err) ? err.code : "invalid_request";
        log().info({ reqId: requestId, route, status: res.status, code }, `request refused: ${err instanceof Error ? err.message : code}`);
      }
    }
    res.headers.set("X-Request-Id", requestId);
    if (metered) {
      apiRequests.inc({ route, status: res.status });
      apiDuration.observe({ route }, (performance.now() - started) / 1000);
    }
    return res;
  };
}
