import { Fragment } from "react";
import { useTranslations } from "next-intl";
import type { Shortcuts } from "@/lib/domain/shortcuts";

const kbd = "rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs";

/** Keys and what they do, as a definition list. */
export function ShortcutList({ shortcuts }: { shortcuts: Shortcuts }) {
  const t = useTranslations("Shortcuts");
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {shortcuts.map(([keys, what]) => (
        <div key={what} className="contents">
          <dt>
            {keys.map((key, i) => (
              <Fragment key={key}>
                {i > 0 && ` ${t("or")} `}
                <kbd className={kbd}>{key}</kbd>
              </Fragment>
            ))}
          </dt>
          <dd className="text-slate-700">{t(what)}</dd>
        </div>
      ))}
    </dl>
  );
}
