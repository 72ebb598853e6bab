"use server";

import { runAction } from "@/lib/actions";
import { setArticleLanguage } from "@/lib/data/article-language";
import { addManualClaim } from "@/lib/data/claim-edits";
import { articleLanguageInput } from "@/lib/validation/article";
import { addClaimInput } from "@/lib/validation/claim";

export async function addClaimFromSelection(input: unknown) {
  return runAction("REVIEWER", addClaimInput, input, addManualClaim);
}

/** A reviewer corrects the article's language; its claims are extracted again in it. */
export async function correctArticleLanguage(input: unknown) {
  return runAction("REVIEWER", articleLanguageInput, input, setArticleLanguage);
}
