import { useTranslations } from "next-intl";
import Link from "next/link";
import { cx } from "@/components/ui/cx";

export function AdminNav({
  current,
}: {
  current: "users" | "verdicts" | "tokens" | "webhooks" | "extraction" | "sign-in";
}) {
  const t = useTranslations("AdminNav");
  const items = [
    { key: "users", href: "/admin", label: t("users") },
    { key: "verdicts", href: "/admin/verdicts", label: t("verdicts") },
    { key: "tokens", href: "/admin/tokens", label: t("tokens") },
    { key: "webhooks", href: "/admin/webhooks", label: t("webhooks") },
    { key: "extraction", href: "/admin/extraction", label: t("extraction") },
    { key: "sign-in", href: "/admin/sign-in", label: t("signIn") },
  ] as const;
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-2 border-b border-slate-200">
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          aria-current={current === item.key ? "page" : undefined}
          className={cx(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === item.key
              ? "border-brand-600 text-brand-800"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
