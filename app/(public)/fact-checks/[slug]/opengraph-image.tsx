import { ImageResponse } from "next/og";
import { cachedFactCheck } from "@/lib/data/public-pages";
import { settings } from "@/lib/settings";
import { publicTranslations } from "@/lib/i18n/public";

export const alt = "A fact-check: the claim and its verdict";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

const VERDICT_COLOURS: Record<number, string> = {
  1: "#b91c1c",
  2: "#c2410c",
  3: "#b45309",
  4: "#15803d",
  5: "#15803d",
};

/** The card shown where a fact-check is shared: the verdict, the claim, the desk. */
export default async function OpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const fact = await cachedFactCheck(decodeURIComponent((await params).slug));
  const claim = fact && fact.status !== "UNPUBLISHED" ? fact : null;
  const colour = claim ? (VERDICT_COLOURS[claim.verdictRating] ?? "#334155") : "#334155";
  const t = await publicTranslations();
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 64,
        background: "#f8fafc",
        color: "#0f172a",
      }}
    >
      <div style={{ display: "flex", fontSize: 32, color: "#475569" }}>
        {t("factCheck")} · {settings().CLAIMDESK_ORG_NAME}
      </div>
      <div style={{ display: "flex", fontSize: 54, lineHeight: 1.2 }}>
        {claim ? `${claim.claimantName}: “${claim.claimReviewed}”` : t("notAvailable")}
      </div>
      {claim && (
        <div
          style={{
            display: "flex",
            alignSelf: "flex-start",
            fontSize: 48,
            color: "white",
            background: colour,
            borderRadius: 24,
            padding: "12px 32px",
          }}
        >
          {claim.verdictLabel}
        </div>
      )}
    </div>,
    size,
  );
}
