import type { Metadata } from "next";
import Link from "next/link";
import { MATCH_THRESHOLD } from "@/lib/domain/fact-checks/matcher";
import { requireRole } from "@/lib/auth/session";
import { CHECKWORTHINESS_SCORER_LABELS, CLAIM_STATE_LABELS } from "@/lib/domain/claims";
import { CHECKWORTHY_THRESHOLD } from "@/lib/domain/extraction/checkworthiness";
import { QUEUE_SHORTCUTS, REVIEW_SHORTCUTS } from "@/lib/domain/shortcuts";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ShortcutList } from "@/components/claims/shortcut-list";

export const metadata: Metadata = { title: "Help" };

/** How each state is reached and left (the lifecycle table, lib/domain/lifecycle.ts, decides). */
const STATES: Array<[keyof typeof CLAIM_STATE_LABELS, string]> = [
  [
    "NEW",
    "Found in an article (or added by hand) and waiting in the queue, most check-worthy first.",
  ],
  [
    "IN_REVIEW",
    "Taken by a reviewer (or assigned by an editor), who records the source, a proposed verdict, the rationale and the evidence. A claim that needs two reviews is taken by two reviewers, who do not see each other's review until both are in.",
  ],
  [
    "SUBMITTED",
    "Waiting for an editor who did not review it: approve, return with a reason, or reconcile the two reviews.",
  ],
  [
    "APPROVED",
    "Published in the exports and the API. An editor may reopen it to correct it; it is marked corrected once approved again.",
  ],
  [
    "DISMISSED",
    "Not a claim, not worth checking, or a duplicate of another, with the reason; it cannot be changed after.",
  ],
];

/** Shortcuts, the claim lifecycle and where the output goes: no query, only the session. */
export default async function HelpPage() {
  await requireRole();
  return (
    <>
      <PageHeader
        title="Help"
        description="Keyboard shortcuts and how a claim moves through the desk."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Claims queue">
          <ShortcutList shortcuts={QUEUE_SHORTCUTS} />
        </Card>
        <Card title="Claim page">
          <ShortcutList shortcuts={REVIEW_SHORTCUTS} />
        </Card>
        <Card title="How a claim moves">
          <dl className="space-y-3 text-sm">
            {STATES.map(([state, what]) => (
              <div key={state}>
                <dt className="font-medium text-slate-900">{CLAIM_STATE_LABELS[state]}</dt>
                <dd className="text-slate-700">{what}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Where the verdicts go">
          <p className="text-sm text-slate-700">
            Approved claims leave as CSV, JSON, JSON Lines and schema.org ClaimReview from the{" "}
            <Link href="/export" className="text-brand-700 underline">
              Export
            </Link>{" "}
            page, from <code className="font-mono text-xs">npm run export</code> and from the API,
            described at{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              /api/v1/openapi.json
            </a>
            .
          </p>
        </Card>
        <Card title="Check-worthiness">
          <p className="text-sm text-slate-700">
            Every claim is scored from 0 to 1 for how worth checking it is, and the queue shows the
            highest first; from {CHECKWORTHY_THRESHOLD} a claim counts as check-worthy. The{" "}
            <strong>{CHECKWORTHINESS_SCORER_LABELS.WORDS}</strong> reads the words of every sentence
            as an article is read, and picks the statements nobody is quoted for. Before the claims
            are stored, the <strong>{CHECKWORTHINESS_SCORER_LABELS.ENCODER}</strong> scores each one
            again from its words and its meaning (a sentence encoder that runs on the worker). A
            claim added or edited by hand is scored by words at once, and by the sentence model
            within seconds when the fact-check library holds anything; when the sentence model
            cannot run, the words model&apos;s score stays. Each claim says which model scored it.
          </p>
        </Card>
        <Card title="Languages">
          <p className="text-sm text-slate-700">
            Each article&apos;s language is detected when it is imported, and its page says which it
            is. Claims are extracted with the speakers and quotes of English and Spanish articles;
            an article in another language gets each of its sentences as a claim, without speakers.
            Check-worthiness is scored only in English: other claims say they are not scored. If a
            language is wrong, open the article and choose <strong>Correct the language…</strong>:
            its claims are extracted again, and claims someone has worked on stay as they are. The
            queue&apos;s <strong>Language</strong> filter shows one language&apos;s claims, and
            every export gives each claim&apos;s language.
          </p>
        </Card>
        <Card title="Notifications">
          <p className="text-sm text-slate-700">
            The bell in the header counts what you have not read yet: a claim assigned or returned
            to you, approved, published, corrected or reopened, an import of yours that finished
            with failures, and, for editors, a claim submitted for approval, whose two reviews are
            both in, or that repeats one the desk checked. Nobody is told of their own action.{" "}
            <Link href="/notifications" className="text-brand-700 underline">
              Notifications
            </Link>{" "}
            lists them; opening one marks it read. Under{" "}
            <Link href="/notifications/settings" className="text-brand-700 underline">
              Notifications → Settings
            </Link>{" "}
            choose, event by event, whether it shows in the app and comes by mail, and ask for a
            digest by mail each morning (assigned, overdue, returned, waiting for approval). Admins
            send events to other systems under Admin → Webhooks (signed JSON, or Slack messages).
          </p>
        </Card>
        <Card title="Signing in">
          <p className="text-sm text-slate-700">
            Click your name in the header for{" "}
            <Link href="/account/security" className="text-brand-700 underline">
              Sign-in security
            </Link>
            : set up two-factor sign-in there (an authenticator app&apos;s six-digit codes, and ten
            recovery codes shown once), make new recovery codes, or turn it off if your role does
            not require it. Admins must have it. Lost your phone and your codes? An admin resets it
            under Admin → Users. Where the desk is connected to your newsroom&apos;s sign-in
            (Google, Microsoft, Okta…), the login page has its button; your provider then asks for
            your second factor.
          </p>
        </Card>
        <Card title="Checked before">
          <p className="text-sm text-slate-700">
            Each new check-worthy claim is matched against the{" "}
            <Link href="/library" className="text-brand-700 underline">
              fact-check library
            </Link>
            : the desk&apos;s approved verdicts and other fact-checkers&apos; ClaimReview, by the
            words they share and by what they mean. A match scores from 0 to 1 and is shown from{" "}
            {MATCH_THRESHOLD}; say <strong>Same claim</strong> or <strong>Not the same</strong> on
            the claim page (kept, as labelled pairs for tuning the matcher), and add a match to the
            evidence in one click. A claim matching a verdict of the desk is a{" "}
            <strong>repeat</strong>.
          </p>
        </Card>
      </div>
    </>
  );
}
