import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import en from "./messages/en.json";

type Messages = { [key: string]: string | Messages };
const ROOT = path.resolve(import.meta.dirname, "../..");
const messages = Object.fromEntries(
  LOCALES.map((l) => [
    l,
    JSON.parse(readFileSync(path.join(import.meta.dirname, `messages/${l}.json`), "utf8")),
  ]),
) as Record<string, Messages>;

function flatten(m: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The placeholders of an ICU message: {name}, {count, plural, …}. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)) names.add(m[1]!);
  return [...names].sort();
}

describe("the interface's messages", () => {
  const english = flatten(en as Messages);

  for (const locale of LOCALES) {
    it(`${locale}: has every English key and no other, with the same placeholders, each a valid ICU message`, () => {
      const own = flatten(messages[locale]!);
      expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of own) {
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english.get(key)!));
        expect(() => new IntlMessageFormat(text, locale), `${locale} ${key}`).not.toThrow();
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
      }
    });
  }
});

/**
 * The components whose every visible string comes from the messages. A file joins the list
 * once it is translated; the list only grows (README: "Translating the interface").
 */
export const TRANSLATED = [
  "app/(app)/layout.tsx",
  "app/(app)/claims/page.tsx",
  "app/(app)/account/language/page.tsx",
  "components/account/language-form.tsx",
  "components/claims/queue-filters.tsx",
  "components/claims/queue-table.tsx",
  "components/claims/queue-toolbar.tsx",
  "components/claims/queue-row.tsx",
];

/** Attributes a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  "aria-label",
  "title",
  "placeholder",
  "alt",
  "label",
  "hint",
  "caption",
  "none",
  "submitLabel",
  "description",
]);
/** Text that is the same in every language: the product's name, symbols. */
const UNTRANSLATABLE = /^(ClaimDesk|[—?…·\s\d%:()]*)$/u;

/** Visible strings written into a component's markup instead of coming from its messages. */
export function hardCodedStrings(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(ROOT, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (/\p{L}/u.test(text) && !UNTRANSLATABLE.test(text)) found.push(text);
    } else if (
      ts.isJsxAttribute(node) &&
      VISIBLE_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      (ts.isStringLiteral(node.initializer) ||
        (ts.isJsxExpression(node.initializer) &&
          node.initializer.expression &&
          (ts.isStringLiteral(node.initializer.expression) ||
            ts.isNoSubstitutionTemplateLiteral(node.initializer.expression) ||
            ts.isTemplateExpression(node.initializer.expression))))
    ) {
      const text = node.initializer.getText();
      if (/\p{L}/u.test(text) && !UNTRANSLATABLE.test(text.replace(/^["'`{]+|["'`}]+$/g, "")))
        found.push(`${node.name.getText()}=${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no visible string is hard-coded in a translated component", () => {
  for (const file of TRANSLATED) {
    it(file, () => {
      expect(hardCodedStrings(file)).toEqual([]);
    });
  }

  it("the scan finds what it is for", () => {
    // The untranslated logout page (not on the list) has markup text and a title.
    expect(hardCodedStrings("app/(auth)/logout/page.tsx").length).toBeGreaterThan(0);
  });
});
