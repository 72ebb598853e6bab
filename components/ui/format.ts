/** English dates read day-first ("8 Dec 2026"); other interface languages their own way. */
const dateLocale = (locale: string) => (locale === "en" ? "en-GB" : locale);
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(dateLocale(locale), {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone: "UTC",
    });
    formatters.set(key, f);
  }
  return f;
}

/** A date in the interface language (UTC), or "—". */
export function formatDate(date: Date | null | undefined, locale = "en"): string {
  return date ? formatter(locale, false).format(date) : "—";
}

/** A date and time in the interface language, in UTC and saying so, or "—". */
export function formatDateTime(date: Date | null | undefined, locale = "en"): string {
  return date ? `${formatter(locale, true).format(date)} UTC` : "—";
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
