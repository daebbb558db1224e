// The OpenAPI document: valid OpenAPI 3.1 (checked by a maintained validator), and describing
// exactly the routes that serve it: every route built with apiRoute is documented, with the very
// operation object (and so the body schema) its handler validates with.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { emittableTypes } from "@/lib/events/catalogue";
import { openApiDocument } from "./openapi";
import { routeLabel, type ApiOperation } from "./operation";
import { documentedOperations } from "./operations";

const root = path.resolve(import.meta.dirname, "../..");

/** Every app/api route module, with the URL path template it serves ([id] → {id}). */
function routeFiles(dir = path.join(root, "app/api")): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const url = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    return [{ file: full, path: url }];
  });
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument())) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("includes each event type's data schema", () => {
    const schemas = openApiDocument().components?.schemas ?? {};
    for (const type of emittableTypes) expect(Object.keys(schemas)).toContain(`${type}_data`);
  });

  it("documents every route built from an operation, with the operation its handler uses", async () => {
    const served: string[] = [];
    for (const route of routeFiles()) {
      const mod = (await import(route.file)) as Record<string, { operation?: ApiOperation }>;
      for (const [method, handler] of Object.entries(mod)) {
        if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) continue;
        const op = handler?.operation;
        // Every route of the versioned API is built from an operation (and so documented).
        const versioned = route.path.startsWith("/api/v1/") && route.path !== "/api/v1/openapi.json";
        expect(Boolean(op) || !versioned, `${method} ${route.path} is not built with apiRoute(operation)`).toBe(true);
        if (!op) continue;
        expect(documentedOperations, `${method} ${route.path} is not in documentedOperations`).toContain(op);
        expect(routeLabel(op)).toBe(`${method} ${route.path}`);
        served.push(routeLabel(op));
      }
    }
    expect(served.sort()).toEqual(documentedOperations.map(routeLabel).sort());
    // A cold import of every route module (next-auth, the provider SDKs): 3 s alone, past vitest's
    // 5 s default while the other unit files load beside it.
  }, 60_000);

  it("shows, for each operation, the schema its handler parses", () => {
    const doc = openApiDocument();
    for (const op of documentedOperations) {
      const item = doc.paths?.[op.path]?.[op.method];
      expect(item, routeLabel(op)).toBeDefined();
      expect(Boolean(item?.requestBody), routeLabel(op)).toBe(Boolean(op.body));
    }
  });
});
