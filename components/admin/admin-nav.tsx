import Link from "next/link";
import { cx } from "@/components/ui/cx";

export function AdminNav({
  current,
}: {
  current: "users" | "verdicts" | "tokens" | "webhooks" | "extraction" | "sign-in";
}) {
  const items = [
    { key: "users", href: "/admin", label: "Users" },
    { key: "verdicts", href: "/admin/verdicts", label: "Verdict vocabulary" },
    { key: "tokens", href: "/admin/tokens", label: "API tokens" },
    { key: "webhooks", href: "/admin/webhooks", label: "Webhooks" },
    { key: "extraction", href: "/admin/extraction", label: "Extraction" },
    { key: "sign-in", href: "/admin/sign-in", label: "Sign-in locks" },
  ] as const;
  return (
    <nav aria-label="Admin" className="mb-6 flex gap-2 border-b border-slate-200">
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
