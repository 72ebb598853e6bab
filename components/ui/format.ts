const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDate(date: Date | null | undefined): string {
  return date ? DATE.format(date) : "—";
}
