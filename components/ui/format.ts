const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDate(date: Date | null | undefined): string {
  return date ? DATE.format(date) : "—";
}

export function formatDateTime(date: Date | null | undefined): string {
  return date ? `${DATE_TIME.format(date)} UTC` : "—";
}

/**
 * "5 min", "3 h", "12 d": how long ago, short; in another interface language, the
 * platform's short units for it ("3 h", "12 días", "٣ س").
 */
export function formatAge(date: Date, now = new Date(), locale = "en"): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const [value, unit] =
    minutes < 60
      ? [minutes, "minute"]
      : hours < 48
        ? [hours, "hour"]
        : [Math.floor(hours / 24), "day"];
  if (locale === "en") return `${value} ${{ minute: "min", hour: "h", day: "d" }[unit]}`;
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
}

/** yyyy-mm-dd for date inputs. */
export function dateInputValue(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "";
}
