import { ApiReference } from "@/components/api-reference";

export const metadata = { title: "API reference · Herald" };

/** The JSON API's reference for developers, rendered from /api/v1/openapi.json (public: it grants nothing). */
export default function ApiDocsPage() {
  return <ApiReference url="/api/v1/openapi.json" />;
}
