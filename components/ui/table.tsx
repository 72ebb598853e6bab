import { useTranslations } from "next-intl";
import { cx } from "./cx";

export function Table({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx(
        "px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-600",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-3 py-2 align-top text-slate-800", className)} {...props} />;
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-8 text-center text-slate-600">
        {children}
      </td>
    </tr>
  );
}

/** A header row of plain column labels; an empty label is an actions column, named for screen readers. */
export function TableHead({
  columns,
}: {
  columns: Array<string | { label: React.ReactNode; className?: string }>;
}) {
  const t = useTranslations("Common");
  return (
    <thead className="bg-slate-50">
      <tr>
        {columns.map((column, i) => {
          const { label, className } =
            typeof column === "string" ? { label: column, className: undefined } : column;
          return (
            <Th key={i} className={className}>
              {label || <span className="sr-only">{t("actions")}</span>}
            </Th>
          );
        })}
      </tr>
    </thead>
  );
}
