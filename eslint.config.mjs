import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  // lib/data is the one place that talks to the database (lib/db runs and migrates the
  // server): nothing else imports the Prisma client, the generated code or pg. The
  // generated code's types may be imported anywhere. Tests and the benchmark set up and
  // measure data directly.
  {
    ignores: [
      "lib/data/**",
      "lib/db/**",
      "tests/**",
      "e2e/**",
      "seeds/factories.ts",
      "scripts/bench/**",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              message: "Call a function of lib/data instead of using the Prisma client.",
            },
            { name: "pg", message: "Only lib/data and lib/db talk to PostgreSQL." },
          ],
          patterns: [
            {
              group: ["@/lib/generated/*"],
              allowTypeImports: true,
              message: "Only lib/data uses the generated Prisma client; import its types only.",
            },
          ],
        },
      ],
    },
  },
  // The app's own code does not reach into lib/db either; scripts may use its server
  // management (the embedded server, migrations, backups).
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts", "seeds/**"],
    ignores: ["lib/data/**", "lib/db/**", "lib/jobs/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["@/lib/db/*"], message: "lib/db is for lib/data and the scripts." }],
        },
      ],
    },
  },
]);
