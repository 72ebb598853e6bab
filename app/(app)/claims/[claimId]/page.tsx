import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getClaimDetail, listSiblingClaims } from "@/lib/data/claims";
import { CLAIM_STATE_TONES } from "@/lib/domain/claims";
import { PageHeader, Card } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { ClaimEditTools } from "@/components/claims/claim-edit-tools";
import { SpeakerName } from "@/components/claims/speaker-name";
import { ClaimContext } from "@/components/claims/claim-context";
import { ReviewForm, type ReviewValues } from "@/components/claims/review-form";
import { ClaimHistory } from "@/components/claims/claim-history";
import { CommentThread } from "@/components/claims/comment-thread";
import { Tabs } from "@/components/ui/tabs";
import { dateInputValue, formatDate, formatDateTime } from "@/components/ui/format";
import { listActiveVerdicts } from "@/lib/data/verdicts";
import { listAssignableUsers } from "@/lib/data/users";
import { listClaimHistory } from "@/lib/data/history";
import { listComments } from "@/lib/data/comments";
import { allows, refusalOf } from "@/lib/domain/lifecycle";
import { latestReturn } from "@/lib/data/approval";
import { SimilarClaims } from "@/components/claims/similar-claims";
import { CheckedBefore, type CheckedBeforeMatch } from "@/components/claims/checked-before";
import { listClaimLibraryMatches } from "@/lib/data/fact-check-matches";
import { hasRole } from "@/lib/domain/roles";
import { Alert } from "@/components/ui/alert";
import { DecisionButtons } from "@/components/claims/decision-buttons";
import { getDoubleReview, type BlindEvidence } from "@/lib/data/blind-reviews";
import { ReconcilePanel } from "@/components/claims/reconcile-panel";
import { DoubleReviewStatus } from "@/components/claims/double-review-status";
import { ReviewModeControl } from "@/components/claims/review-mode-control";
import { PublishPanel } from "@/components/claims/publish-panel";
import { publishingOf } from "@/lib/data/publishing";
import { factCheckUrl } from "@/lib/data/public";
import { REVIEW_FIELDS, type ReviewField, type ReviewFieldValue } from "@/lib/domain/review-fields";
import { CheckworthinessScore } from "@/components/claims/checkworthiness-score";

/** A claim's review or a blind review, with its evidence (the same fields either way). */
type FormSource = { [F in ReviewField]: ReviewFieldValue<F> | null } & {
  evidence: BlindEvidence[];
};

/** The review form's values from a claim's review or a blind review. */
function formValues(review: FormSource): ReviewValues {
  return {
    ...(Object.fromEntries(
      REVIEW_FIELDS.map((f) => {
        const value = review[f];
        return [f, value instanceof Date ? dateInputValue(value) : (value ?? "")];
      }),
    ) as Record<ReviewField, string>),
    evidence: review.evidence.map((e) => ({
      key: e.id,
      id: e.id,
      url: e.url,
      archivedUrl: e.archivedUrl ?? "",
      title: e.title ?? "",
      publisher: e.publisher ?? "",
      excerpt: e.excerpt ?? "",
      stance: e.stance,
      sourceType: e.sourceType,
    })),
  };
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Claim"))("title") };
}

export default async function ClaimPage({ params }: { params: Promise<{ claimId: string }> }) {
  const user = await requireRole();
  const [t, states, kinds, locale] = await Promise.all([
    getTranslations("Claim"),
    getTranslations("States"),
    getTranslations("Kinds"),
    getLocale(),
  ]);
  const parsed = z.uuid().safeParse((await params).claimId);
  if (!parsed.success) notFound();
  const detail = await getClaimDetail(parsed.data);
  if (!detail) notFound();
  // A claim needing two reviews: who took it and who submitted, for the lifecycle table;
  // the other reviewer's review only once both are in (getDoubleReview withholds it).
  const double = detail.doubleReview ? await getDoubleReview(detail.id, user) : null;
  const claim = {
    ...detail,
    blind: double
      ? {
          reviewers: double.reviewers.map((r) => r.id),
          submitted: double.reviewers.filter((r) => r.submitted).map((r) => r.id),
        }
      : null,
  };
  const actor = { role: user.role, userId: user.id };
  const editable =
    claim.article !== null &&
    claim.start !== null &&
    claim.end !== null &&
    allows("edit", actor, claim);
  const siblings =
    editable && claim.article ? await listSiblingClaims(claim.article.id, claim.id) : [];
  const isEditor = hasRole(user.role, "EDITOR");
  const [verdicts, history, comments, users, returned, publishing, libraryMatches] =
    await Promise.all([
      listActiveVerdicts(),
      listClaimHistory(claim.id, user.id, { doubleReview: claim.doubleReview }),
      listComments(claim.id),
      listAssignableUsers(),
      claim.state === "IN_REVIEW" ? latestReturn(claim.id) : Promise.resolve(null),
      isEditor && claim.state !== "NEW" && claim.state !== "DISMISSED"
        ? publishingOf(claim.id)
        : Promise.resolve(null),
      listClaimLibraryMatches(claim.id),
    ]);
  const checkedBefore: CheckedBeforeMatch[] = libraryMatches.map((m) => ({
    id: m.id,
    score: m.score,
    foundBy: m.stage,
    repeat: m.repeat,
    judgement: m.judgement,
    judgedBy: m.judgedBy?.name ?? null,
    claim: m.factCheck.claim,
    title: m.factCheck.title,
    rating: m.factCheck.ratingName,
    publisher: m.factCheck.publisher,
    date: m.factCheck.reviewedAt ? formatDate(m.factCheck.reviewedAt, locale) : null,
    url: m.factCheck.url,
    deskClaimId: m.factCheck.claimId,
    corrections: m.factCheck._count.revisions,
  }));
  // A repeat of the desk's own verdict, unless a reviewer said it is not the same claim.
  const repeat = libraryMatches.find((m) => m.repeat && m.judgement !== "NOT_SAME");
  const submittedBy = claim.reviews[0]?.reviewerId ?? null;
  // The form shows the claim's review, or the viewer's own blind review of a claim needing two.
  const mine = double?.mine ?? null;
  const initial = formValues(mine ?? detail);
  // Where it appeared: the article's address and date unless the review says otherwise.
  if (!initial.appearanceUrl && claim.article?.url) {
    initial.appearanceUrl = claim.article.url;
    initial.appearanceDate ||= dateInputValue(claim.article.publishedAt);
  }
  // Someone who is not one of the two reviewers has no review to see before reconciliation.
  const notice =
    double &&
    !mine &&
    (claim.state === "IN_REVIEW" || claim.state === "SUBMITTED" || claim.state === "NEW")
      ? claim.state === "SUBMITTED"
        ? t("noticeBothIn")
        : double.reviewers.length < 2
          ? t("noticeTakeToJoin")
          : t("noticeWriting")
      : undefined;
  // Ids in the history read as names.
  const names = Object.fromEntries([
    ...verdicts.map((v) => [v.id, v.label] as const),
    ...users.map((u) => [u.id, u.name] as const),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          claim.article
            ? t.rich("from", {
                article: () => (
                  <Link
                    className="text-brand-700 underline"
                    href={`/articles/${claim.article!.id}`}
                  >
                    {claim.article!.title}
                  </Link>
                ),
              })
            : undefined
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Card>
            <div className="mb-3 flex flex-wrap items-center gap-2">
              <Badge tone={CLAIM_STATE_TONES[claim.state]}>{states(claim.state)}</Badge>
              <Badge>{kinds(claim.kind)}</Badge>
              {claim.doubleReview && <Badge tone="info">{t("twoIndependentReviews")}</Badge>}
              {claim.origin === "MANUAL" && <Badge tone="info">{t("addedByHand")}</Badge>}
              <CheckworthinessScore score={claim.checkworthiness} by={claim.checkworthinessBy} />
            </div>
            <blockquote
              className="border-s-4 border-amber-300 ps-4 text-lg leading-relaxed text-slate-900"
              // The claim reads in its own direction whatever the interface's.
              dir="auto"
              data-testid="claim-text"
            >
              {claim.text}
            </blockquote>
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("speaker")}</dt>
              <dd>
                <SpeakerName speaker={claim.speaker} />
              </dd>
              <dt className="text-slate-600">{t("cue")}</dt>
              <dd>{claim.cueText ?? "—"}</dd>
              {claim.dismissReason && (
                <>
                  <dt className="text-slate-600">{t("dismissed")}</dt>
                  <dd>
                    {claim.dismissReason}
                    {claim.duplicateOf && (
                      <>
                        {" "}
                        (
                        <Link
                          className="text-brand-700 underline"
                          href={`/claims/${claim.duplicateOf.id}`}
                        >
                          {t("claimItDuplicates")}
                        </Link>
                        )
                      </>
                    )}
                  </dd>
                </>
              )}
            </dl>
          </Card>
          {repeat && (
            <Alert tone="info">
              <strong>
                {repeat.factCheck.reviewedAt
                  ? t("repeatOfOn", {
                      rating: repeat.factCheck.ratingName ?? t("byTheDesk"),
                      date: formatDate(repeat.factCheck.reviewedAt, locale),
                    })
                  : t("repeatOf", { rating: repeat.factCheck.ratingName ?? t("byTheDesk") })}
              </strong>
              {repeat.factCheck.deskClaim && (
                <>
                  {" "}
                  (
                  {[
                    repeat.factCheck.deskClaim.speaker?.name ?? repeat.factCheck.claimant,
                    repeat.factCheck.deskClaim.article?.outlet ??
                      repeat.factCheck.deskClaim.article?.title,
                  ]
                    .filter(Boolean)
                    .join(", ") || t("earlierClaim")}
                  ):{" "}
                  <Link className="underline" href={`/claims/${repeat.factCheck.deskClaim.id}`}>
                    {repeat.factCheck.claim}
                  </Link>
                </>
              )}
            </Alert>
          )}
          {claim.article && claim.start !== null && claim.end !== null && (
            <Card title={t("inTheArticle")}>
              <ClaimContext body={claim.article.body} claim={claim} />
            </Card>
          )}
          {returned && (
            <Alert tone="error">
              <strong>{t("returnedBy", { name: returned.editor.name })}</strong> (
              {formatDateTime(returned.decidedAt, locale)}): {returned.reason}
            </Alert>
          )}
          {isEditor && allows("mode", actor, claim) && (
            <Card title={t("reviews")}>
              <ReviewModeControl
                claimId={claim.id}
                version={claim.version}
                double={claim.doubleReview}
              />
            </Card>
          )}
          {double && (
            <DoubleReviewStatus
              double={double}
              state={claim.state}
              viewerId={user.id}
              names={names}
            />
          )}
          {claim.state === "APPROVED" && (
            <Alert tone="success">
              {t.rich("approvedAs", {
                verdict: claim.verdict?.label ?? "",
                name: claim.approvedBy?.name ?? "—",
                date: formatDateTime(claim.approvedAt, locale),
                corrected: String(claim.correctedAt !== null),
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </Alert>
          )}
          {isEditor && double && claim.state === "SUBMITTED" && (
            <Card title={t("reconcile")}>
              <ReconcilePanel
                claimId={claim.id}
                version={claim.version}
                reviews={double.reviews.map((r) => ({
                  id: r.id,
                  reviewer: r.reviewer.name,
                  verdictId: r.verdictId,
                  verdict: r.verdict?.label ?? null,
                }))}
                verdicts={verdicts}
                refusal={refusalOf("reconcile", actor, claim)}
              />
            </Card>
          )}
          {isEditor && ((!double && claim.state === "SUBMITTED") || claim.state === "APPROVED") && (
            <Card title={claim.state === "SUBMITTED" ? t("decision") : t("correction")}>
              <DecisionButtons
                claimId={claim.id}
                version={claim.version}
                mode={claim.state === "SUBMITTED" ? "decide" : "reopen"}
                approveRefusal={refusalOf("approve", actor, { ...claim, submittedBy })}
              />
            </Card>
          )}
          {publishing && (allows("publish", actor, claim) || publishing.publication) && (
            <Card title={t("publishing")}>
              <PublishPanel
                claimId={claim.id}
                version={claim.version}
                canPublish={allows("publish", actor, claim)}
                checklist={publishing.checklist}
                suggestedHeadline={publishing.suggestedHeadline}
                correctionDue={publishing.correctionDue}
                publication={
                  publishing.publication && {
                    ...publishing.publication,
                    publishedAt: publishing.publication.publishedAt.toISOString(),
                    url: factCheckUrl(publishing.publication.slug),
                    embedUrl: `${factCheckUrl(publishing.publication.slug)}/embed`,
                  }
                }
              />
            </Card>
          )}
          <Card>
            <Tabs
              tabs={[
                {
                  label: t("reviewTab"),
                  content: (
                    <ReviewForm
                      claimId={claim.id}
                      version={mine ? mine.version : claim.version}
                      state={claim.state}
                      editable={allows("review", actor, claim)}
                      canTake={allows("take", actor, claim)}
                      initial={initial}
                      verdicts={verdicts}
                      content={claim.content ?? claim.text}
                      blind={mine !== null}
                      takeVersion={claim.version}
                      notice={notice}
                    />
                  ),
                },
                {
                  label: t("historyTab", { count: history.length }),
                  content: <ClaimHistory events={history} names={names} />,
                },
                {
                  label: t("commentsTab", { count: comments.length }),
                  content: (
                    <CommentThread
                      claimId={claim.id}
                      comments={comments.map((c) => ({
                        id: c.id,
                        body: c.body,
                        at: formatDateTime(c.createdAt, locale),
                        author: c.author.name,
                        role: c.author.role,
                      }))}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </div>
        <div className="space-y-4">
          <Card title={t("checkedBefore", { count: checkedBefore.length })}>
            <CheckedBefore
              claimId={claim.id}
              version={claim.version}
              matches={checkedBefore}
              canAdopt={!claim.doubleReview && allows("review", actor, claim)}
              evidenceUrls={detail.evidence.map((e) => e.url)}
            />
          </Card>
          <Card title={t("similarClaims")}>
            <SimilarClaims key={claim.id} claimId={claim.id} />
          </Card>
          {editable && claim.article && (
            <Card title={t("claimTextAndSpan")}>
              <ClaimEditTools
                claim={{
                  id: claim.id,
                  version: claim.version,
                  start: claim.start!,
                  end: claim.end!,
                }}
                body={claim.article.body}
                siblings={siblings}
                canDismiss={allows("dismiss", actor, claim)}
                returnsReviews={(claim.blind?.reviewers.length ?? 0) > 0}
              />
            </Card>
          )}
          {!editable && mine && claim.state === "IN_REVIEW" && (
            <Card title={t("claimTextAndSpan")}>
              <p className="text-sm text-slate-700" data-testid="span-frozen">
                {refusalOf("edit", actor, claim)}
              </p>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
