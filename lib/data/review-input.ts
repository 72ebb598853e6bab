import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { submissionProblems } from "@/lib/domain/lifecycle";
import type { ReviewFormInput } from "@/lib/validation/review";
import { pickFields, REVIEW_FIELDS, type ReviewField } from "@/lib/domain/review-fields";

/** What the review form holds of a claim (or of one reviewer's blind review) besides evidence. */
export const REVIEW_SELECT = Object.fromEntries(REVIEW_FIELDS.map((f) => [f, true])) as {
  [K in ReviewField]: true;
};

/** Refuses a verdict that is not in the vocabulary (unknown, or retired). */
export async function requireVocabularyVerdict(
  tx: Prisma.TransactionClient,
  verdictId: string,
): Promise<void> {
  const verdict = await tx.verdict.findUnique({
    where: { id: verdictId },
    select: { retiredAt: true },
  });
  if (!verdict || verdict.retiredAt) {
    throw new AppError("VALIDATION", "That verdict is not in the vocabulary.", {
      verdictId: "Unknown verdict",
    });
  }
}

export const EVIDENCE_SELECT = {
  id: true,
  position: true,
  url: true,
  archivedUrl: true,
  title: true,
  publisher: true,
  excerpt: true,
  stance: true,
  sourceType: true,
} as const;

/** The form's source, verdict and rationale fields, as written to a claim or a blind review. */
export const reviewValues = (input: ReviewFormInput): Pick<ReviewFormInput, ReviewField> =>
  pickFields(input, REVIEW_FIELDS);

/** The verdict is in the vocabulary, evidence ids are the claim's, a submission is complete. */
export async function checkReviewInput(
  tx: Prisma.TransactionClient,
  input: ReviewFormInput,
  evidenceIds: Set<string>,
  submit: boolean,
) {
  if (input.verdictId) await requireVocabularyVerdict(tx, input.verdictId);
  if (input.evidence.some((item) => item.id && !evidenceIds.has(item.id))) {
    throw new AppError("VALIDATION", "An evidence item no longer exists; reload the claim.", {
      evidence: "Unknown item",
    });
  }
  if (submit) {
    const problems = submissionProblems({
      verdictId: input.verdictId,
      rationale: input.rationale,
      evidenceCount: input.evidence.length,
    });
    if (Object.keys(problems).length > 0) {
      throw new AppError("VALIDATION", Object.values(problems).join(". ") + ".", problems);
    }
  }
}

/** An evidence item's stored fields, as the form sends them (its position and owner apart). */
export function evidenceFields(item: ReviewFormInput["evidence"][number]) {
  return {
    url: item.url,
    archivedUrl: item.archivedUrl,
    title: item.title,
    publisher: item.publisher,
    excerpt: item.excerpt,
    stance: item.stance,
    sourceType: item.sourceType,
  };
}

/** What an audit event records of an evidence list: each item's address, stance, type and title. */
export function evidenceSummary(
  items: Array<{ url: string; stance: string; sourceType: string; title: string | null }>,
) {
  return items.map((e) => ({
    url: e.url,
    stance: e.stance,
    sourceType: e.sourceType,
    title: e.title,
  }));
}
