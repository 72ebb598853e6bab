/**
 * The fields of a review besides its evidence — a claim's own review, or one reviewer's
 * blind review of a claim that needs two — defined once. The validation
 * (lib/validation/review.ts), what the writers read and audit (lib/data/review-input.ts),
 * the review form, the history, the comparison of two reviews and the exports' columns of
 * a blind review all follow this table, in its order. The words people read for each field
 * are in the interface's messages, keyed by the field (ReviewFields, ReviewFieldsShort,
 * History.fields), which type checking holds to this table.
 */

export const CLAIMANT_TYPES = ["PERSON", "ORGANISATION", "GOVERNMENT"] as const;

export interface ReviewFieldDef {
  /** Where the form shows it: the claim's short form, its source, or its verdict. */
  part: "claim" | "source" | "status";
  kind: "text" | "url" | "date" | "claimantType" | "verdict";
  /** Characters at most (text). */
  max?: number;
  /** The field's name in a validation message ("Appearance URL is too long"). */
  name: string;
  /** The form starts a new row with it. */
  startsRow?: boolean;
}

export const REVIEW_FIELD_DEFS = {
  shortText: {
    part: "claim",
    kind: "text",
    max: 300,
    name: "Short form",
  },
  claimantName: {
    part: "source",
    kind: "text",
    max: 300,
    name: "Claimant name",
  },
  claimantRole: {
    part: "source",
    kind: "text",
    max: 300,
    name: "Role",
  },
  claimantType: {
    part: "source",
    kind: "claimantType",
    name: "Claimant type",
  },
  appearanceUrl: {
    part: "source",
    kind: "url",
    name: "Appearance URL",
    startsRow: true,
  },
  appearanceDate: {
    part: "source",
    kind: "date",
    name: "Appearance date",
  },
  firstAppearanceUrl: {
    part: "source",
    kind: "url",
    name: "First appearance URL",
  },
  firstAppearanceDate: {
    part: "source",
    kind: "date",
    name: "First appearance date",
  },
  verdictId: {
    part: "status",
    kind: "verdict",
    name: "Verdict",
  },
  rationale: {
    part: "status",
    kind: "text",
    max: 20_000,
    name: "Rationale",
  },
} as const satisfies Record<string, ReviewFieldDef>;

export type ReviewFieldDefs = typeof REVIEW_FIELD_DEFS;
export type ReviewField = keyof ReviewFieldDefs;
export type SourceField = {
  [K in ReviewField]: ReviewFieldDefs[K]["part"] extends "status" ? never : K;
}[ReviewField];

/** A field's stored value: an instant for a date, else text (an enum's name, a verdict's id). */
export type ReviewFieldValue<F extends ReviewField> = ReviewFieldDefs[F]["kind"] extends "date"
  ? Date
  : string;

/** Every review field, in the table's order. */
export const REVIEW_FIELDS = Object.keys(REVIEW_FIELD_DEFS) as ReviewField[];

/** The review's source annotation and short form: every field but the verdict and rationale. */
export const SOURCE_FIELDS = REVIEW_FIELDS.filter(
  (f): f is SourceField => REVIEW_FIELD_DEFS[f].part !== "status",
);

/** Whether the field holds an instant (a Date; the form's date input, the exports' ISO text). */
export const isDateField = (field: ReviewField): boolean =>
  REVIEW_FIELD_DEFS[field].kind === "date";

/** `fields` of a review (a claim's, a blind review's, the form's input), nothing else. */
export function pickFields<R extends Record<F, unknown>, F extends ReviewField>(
  review: R,
  fields: readonly F[],
): Pick<R, F> {
  return Object.fromEntries(fields.map((f) => [f, review[f]])) as Pick<R, F>;
}

/** The source annotation and short form of a review (a claim's or a blind review's). */
export const sourceValues = <R extends Record<SourceField, unknown>>(review: R) =>
  pickFields(review, SOURCE_FIELDS);
