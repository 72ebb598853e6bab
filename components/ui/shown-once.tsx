import { useTranslations } from "next-intl";
import { CopyButton } from "./copy-button";

/**
 * A secret the server keeps only as a hash (an API token, a webhook's signing secret, a
 * one-time password), shown once after it was made, with a Copy button. Read out politely.
 */
export function ShownOnce({
  label,
  value,
  testId,
  what,
  children,
}: {
  /** What it is, before "shown only now". */
  label: React.ReactNode;
  value: string;
  testId: string;
  /** For the Copy button's message: "the token". */
  what: string;
  /** After the Copy button (a Done button). */
  children?: React.ReactNode;
}) {
  const t = useTranslations("Common");
  return (
    <div role="status" className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
      {label}
      {t("shownOnlyNow")}{" "}
      <code className="rounded bg-white px-2 py-1 font-mono break-all" data-testid={testId}>
        {value}
      </code>{" "}
      <CopyButton text={value} what={what} />
      {children}
    </div>
  );
}
