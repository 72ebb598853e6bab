import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { IntlMessageFormat } from "intl-messageformat";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import en from "./messages/en.json";
import { CLIENT_NAMESPACES, clientMessages } from "./client-messages";

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

/**
 * The arguments and tags of an ICU message, from its parse: {name}, {count, plural, …},
 * <strong>…</strong>, at any depth of plural and select branches (whose words are not
 * arguments).
 */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ("value" in element && typeof element.value === "string" && element.type !== 0)
        names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
      if (element.type === TYPE.tag) walk(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
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

/** Every component and page of the app: each visible string comes from the messages. */
export const TRANSLATED = ["app", "components"].flatMap((dir) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => path.posix.join(dir, file.split(path.sep).join("/")))
    .sort(),
);

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
/** Text that is the same in every language: the product's name, symbols, an example address. */
const untranslatable = (text: string) =>
  /^[—?…·\s\d%:()]*$/u.test(text.replaceAll("ClaimDesk", "")) || /^https?:\/\/\S+$/u.test(text);

/** Visible strings written into a component's markup instead of coming from its messages. */
export function hardCodedStrings(file: string): string[] {
  return hardCodedStringsIn(readFileSync(path.join(ROOT, file), "utf8"));
}

function hardCodedStringsIn(text: string): string[] {
  const source = ts.createSourceFile(
    "c.tsx",
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (/\p{L}/u.test(text) && !untranslatable(text)) found.push(text);
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
      const value = ts.isJsxExpression(node.initializer)
        ? node.initializer.expression!
        : node.initializer;
      // A template's own words, not those of the expressions in it (t("key") calls).
      const words = ts.isTemplateExpression(value)
        ? [value.head.text, ...value.templateSpans.map((span) => span.literal.text)].join(" ")
        : (value as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral).text;
      if (/\p{L}/u.test(words) && !untranslatable(words.trim()))
        found.push(`${node.name.getText()}=${node.initializer.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no visible string is hard-coded in a component", () => {
  it("reads every component and page", () => {
    expect(TRANSLATED.length).toBeGreaterThan(90);
    expect(TRANSLATED).toContain("app/(app)/claims/[claimId]/page.tsx");
  });

  for (const file of TRANSLATED) {
    it(file, () => {
      expect(hardCodedStrings(file)).toEqual([]);
    });
  }

  it("the scan finds what it is for, and lets through what is not words to translate", () => {
    const component = `
      export function C({ n }: { n: number }) {
        return (
          <form aria-label="Search" title={\`\${n} results\`}>
            <p>Nothing here.</p>
            <Field label={t("name")} hint={\`\${t("a")}: \${t("b")}\`} placeholder="https://example.org/x">
              ClaimDesk — {n} · {t("words")}
            </Field>
          </form>
        );
      }`;
    expect(hardCodedStringsIn(component)).toEqual([
      'aria-label="Search"',
      "title={`${n} results`}",
      "Nothing here.",
    ]);
  });
});

/** The top-level namespaces of useTranslations calls in "use client" modules and all they import. */
function clientNamespaces(): string[] {
  const resolve = (from: string, spec: string): string | null => {
    const base = spec.startsWith("@/")
      ? spec.slice(2)
      : spec.startsWith(".")
        ? path.join(path.dirname(from), spec)
        : null;
    if (base === null) return null;
    const file = [".tsx", ".ts"]
      .map((ext) => base + ext)
      .find((f) => existsSync(path.join(ROOT, f)));
    return file && /^(app|components)\//.test(file) ? file : null;
  };
  const seen = new Set<string>();
  const names = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(path.join(ROOT, file), "utf8");
    for (const m of source.matchAll(/useTranslations(?:<[^>]*>)?\("([A-Za-z]+)/g)) names.add(m[1]!);
    for (const m of source.matchAll(/from "([^"]+)"/g)) {
      const next = resolve(file, m[1]!);
      if (next) visit(next);
    }
  };
  for (const file of TRANSLATED)
    if (/^["']use client["']/.test(readFileSync(path.join(ROOT, file), "utf8"))) visit(file);
  return [...names].sort();
}

describe("the messages sent to the browser", () => {
  it("are the namespaces client components read, no fewer and no more", () => {
    const found = clientNamespaces();
    expect(found).toContain("QueueTable");
    expect([...CLIENT_NAMESPACES].sort()).toEqual(found);
  });

  it("are cut from the whole messages by namespace", () => {
    const picked = clientMessages(en as Record<string, unknown>);
    expect(Object.keys(picked).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(picked).not.toHaveProperty("Help");
  });
});
