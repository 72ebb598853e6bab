import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function NotFound() {
  const t = await getTranslations("NotFound");
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-6 text-slate-700">{t("body")}</p>
      <Link href="/" className="text-brand-700 underline">
        {t("back")}
      </Link>
    </main>
  );
}
