import { cx } from "./cx";

const TONES = {
  error: "bg-red-50 text-red-800 ring-red-200",
  info: "bg-brand-50 text-brand-800 ring-brand-100",
  success: "bg-green-50 text-green-800 ring-green-200",
} as const;

/** A message block; errors are announced to screen readers as they appear. */
export function Alert({
  tone = "info",
  children,
}: {
  tone?: keyof typeof TONES;
  children: React.ReactNode;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx("rounded-md px-3 py-2 text-sm ring-1 ring-inset", TONES[tone])}
    >
      {children}
    </div>
  );
}
