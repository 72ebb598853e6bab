import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";

/** A fact-check record with its claim, the rest empty unless given. */
export const factCheck = (
  id: string,
  claim: string,
  extra: Partial<FactCheckRecord> = {},
): FactCheckRecord => ({
  id,
  claim,
  title: null,
  subtitle: null,
  rating: null,
  ratingValue: null,
  publisher: null,
  claimant: null,
  date: null,
  url: null,
  language: null,
  ...extra,
});
