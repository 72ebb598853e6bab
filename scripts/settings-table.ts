/**
 * Prints the README's table of settings from lib/settings.ts (the one description of
 * them): `npx tsx scripts/settings-table.ts`, then paste it over the table under
 * "Configuration". lib/settings.test.ts fails while the two differ.
 */
import { settingsTableRows } from "@/lib/settings";

const rows = [["variable", "default", "meaning"], ["---", "---", "---"], ...settingsTableRows()];
console.log(rows.map((row) => `| ${row.join(" | ")} |`).join("\n"));
