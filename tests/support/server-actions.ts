// Calling a server action over HTTP as the browser does (POST with a `Next-Action` id), to prove
// what the action itself allows, not just what the UI shows. Ids come from the build's manifest.
import { readFileSync } from "node:fs";
import path from "node:path";

// Both vitest and Playwright run from the repository root (Playwright loads this as CommonJS: no import.meta).
const root = process.cwd();

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

export function actionId(filename: string, exportedName: string): string {
  const dist = process.env.HERALD_DIST_DIR ?? ".next";
  const manifest = JSON.parse(
    readFileSync(path.join(root, dist, "server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}: build first`);
  return found[0];
}

/** Headers and body of a server-action call with these arguments. */
export function actionRequest(origin: string, id: string, args: unknown[]) {
  return {
    headers: {
      "next-action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin,
    },
    body: JSON.stringify(args),
  };
}

/** The action's return value from the RSC response (the row that carries `ok`). */
export function actionResult(text: string): {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action's own data: tests read into it and assert its shape
  data?: any;
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
} {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const value = JSON.parse(m[1]!) as Record<string, unknown>;
      if ("ok" in value) return value as ReturnType<typeof actionResult>;
    } catch {
      // not JSON: another kind of row
    }
  }
  throw new Error(`no action result in response: ${text.slice(0, 300)}`);
}

/** Calls an action with a session cookie (or a client's headers: cookie, address…) and returns its ActionResult. */
export async function callAction(baseUrl: string, cookie: string | Record<string, string>, page: string, id: string, args: unknown[]) {
  const req = actionRequest(baseUrl, id, args);
  const headers = typeof cookie === "string" ? { cookie } : cookie;
  const res = await fetch(`${baseUrl}${page}`, { method: "POST", headers: { ...req.headers, ...headers }, body: req.body, redirect: "manual" });
  return { status: res.status, result: actionResult(await res.text()) };
}
