import { getTranslations } from "next-intl/server";
import Link from "next/link";

/**
 * Shown where a page calls forbidden(): inside the app's layout, whose <main> holds it, so
 * it is not a landmark of its own.
 */
export default async function Forbidden() {
  const t = await getTranslations("Forbidden");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-6 text-slate-700">{t("body")}</p>
      <Link href="/" className="text-brand-700 underline">
        {t("back")}
      </Link>
    </div>
  );
}
