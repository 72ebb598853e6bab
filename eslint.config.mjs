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
      // lib/data is the one place that talks to the database.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              message: "Import data functions from lib/data instead of the Prisma client.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/data/**", "lib/auth/**", "seeds/**", "scripts/**", "tests/**", "e2e/**"],
    rules: { "no-restricted-imports": "off" },
  },
]);
