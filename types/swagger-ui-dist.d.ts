// The part of swagger-ui-dist's prebuilt bundle Herald uses (the package ships no types).
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  export type SwaggerUIOptions = {
    domNode: HTMLElement;
    url: string;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    deepLinking?: boolean;
    validatorUrl?: string | null;
  };
  export default function SwaggerUI(options: SwaggerUIOptions): unknown;
}
