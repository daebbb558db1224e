// The lint gate (`npm run lint`, part of `npm test`, zero warnings): typescript-eslint, Next's own
// rules, the rules of hooks, and the layers of docs/architecture.md as import rules.
import nextPlugin from "@next/eslint-plugin-next";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** Server-only parts of lib/: the browser's code (lib/client, lib/events) never imports them. */
const server = [
  ...["api", "actions", "auth", "db", "demo", "domain", "metrics", "notify", "realtime"].map((dir) => `lib/${dir}`),
  ...["boot", "env", "error-answer", "health", "log", "redis", "service"].map((file) => `lib/${file}.ts`),
];

/** One layer's rule: files under `importer` may not import from `forbidden`. */
const zone = (importer, forbidden, message) => ({ target: importer, from: forbidden, message });

export default defineConfig(
  globalIgnores([".next*/**", "**/.next*/**", "node_modules/**", ".herald/**", "bench/results/**", "next-env.d.ts", "e2e/screenshots/**", "test-results/**", "playwright-report/**"]),
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    settings: { next: { rootDir: "." } },
    rules: {
      // `_name` marks an argument or binding kept on purpose (a signature to match, a value to skip).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Types imported as types (verbatimModuleSyntax keeps a value import at run time); tests may
      // name a module's type with `typeof import(…)` when they load it after setting its env.
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
    },
  },
  {
    // The layers (docs/architecture.md): nothing imports upward, and no import circles.
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { "import-x": importX },
    settings: {
      // Parse imported TypeScript to follow its imports (the typescript preset's parser settings).
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            zone("lib/realtime", ["lib/notify", "lib/domain", "lib/auth", "app", "components"], "lib/realtime knows only transport (docs/architecture.md)"),
            zone("lib/client", [...server, "app/api"], "lib/client runs in the browser: no server code"),
            zone("lib/events", [...server, "lib/client", "app", "components"], "lib/events is shared by server and browser and imports nothing of ours"),
            zone("lib/notify", ["lib/domain", "lib/auth", "lib/demo", "app", "components"], "lib/notify sits below the features"),
            zone("lib/db", ["lib/auth", "lib/domain", "lib/notify", "lib/realtime", "lib/demo", "lib/api", "lib/actions"], "lib/db sits below every feature: the client, the migrator and outage handling"),
            zone("lib/validations", ["lib/domain", "lib/notify", "lib/realtime", "lib/auth", "lib/db", "lib/demo"], "lib/validations checks input; it knows no feature"),
            zone("lib/domain", ["lib/demo", "lib/api", "lib/actions"], "features sit below the edges and the demo"),
            zone("lib", ["app", "components"], "lib/ never imports the UI or the app"),
          ],
        },
      ],
    },
  },
  {
    // Tests and scripts run under Node or the test runner, not in the app.
    files: ["tests/**", "e2e/**", "**/*.test.ts", "bench/**", "scripts/**"],
    rules: { "import-x/no-restricted-paths": "off" },
  },
);
