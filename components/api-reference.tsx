"use client";
// Renders the OpenAPI document with Swagger UI's prebuilt bundle (swagger-ui-dist), bundled into
// the app: nothing is fetched from a CDN, and no validator badge calls out. Operations, their
// bodies with each event type's data schema, responses and errors; "Authorize" takes the API key
// for trying requests against this server. (The prebuilt bundle, not swagger-ui-react: Turbopack
// breaks the latter's OpenAPI 3.1 resolver.)
import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";

export function ApiReference({ url }: { url: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (cancelled || !node.current) return;
        SwaggerUI({ domNode: node.current, url, docExpansion: "list", defaultModelsExpandDepth: 0, deepLinking: true, validatorUrl: null });
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <main className="api-reference" data-testid="api-reference">
      {failed && <p className="error">The API reference could not load: {failed}</p>}
      <div ref={node} />
    </main>
  );
}
