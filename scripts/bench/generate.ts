/**
 * The benchmark's data set: a year of a desk's work, made by a seeded generator (the same
 * seed gives the same rows). Articles of plausible news prose with claims at exact
 * offsets, speakers, claims in every state with their reviews, decisions, evidence,
 * comments and audit history; about one claim in seven restates an earlier fact, so that
 * similar claims exist. Rows go in by json_populate_recordset in batches.
 */
import pg from "pg";
import { DEFAULT_VERDICTS } from "@/seeds/demo";
import { matchFields } from "@/lib/domain/matching";

export interface GenerateOptions {
  articles: number;
  claimsPerArticle: number;
  seed: number;
  passwordHash: string;
  log?: (line: string) => void;
}

export interface BenchUser {
  id: string;
  email: string;
  role: "REVIEWER" | "EDITOR" | "ADMIN";
}

export interface Dataset {
  users: BenchUser[];
  verdicts: Array<{ id: string; key: string }>;
  counts: Record<string, number>;
  seconds: number;
}

/** mulberry32: small, fast, good enough for test data, and seeded. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = "4";
    hex[16] = "89ab"[int(4)]!;
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

const FIRST = [
  "Anna",
  "Ben",
  "Carla",
  "David",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Karin",
  "Liam",
  "Maya",
  "Nikolai",
  "Olga",
  "Pedro",
  "Quinn",
  "Rosa",
  "Samir",
  "Tara",
  "Umar",
  "Vera",
  "Wei",
  "Yusuf",
  "Zoe",
  "Marta",
  "Oscar",
  "Priya",
  "Sean",
  "Lena",
];
const LAST = [
  "Adams",
  "Brennan",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ivanova",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Morgan",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quist",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Usman",
  "Varga",
  "Walsh",
  "Yilmaz",
  "Zhou",
  "Moreau",
  "Novak",
  "Patel",
  "Reyes",
  "Sato",
];
const TITLES = [
  "the finance minister",
  "the mayor",
  "Senator",
  "the health secretary",
  "a government spokesperson",
  "the opposition leader",
  "the central bank governor",
  "the police commissioner",
  "the education minister",
  "the council leader",
];
const TITLE_WORDS = [
  "Minister",
  "Mayor",
  "Senator",
  "Secretary",
  "Spokesperson",
  "Leader",
  "Governor",
  "Commissioner",
];
const OUTLETS = [
  "The Daily Ledger",
  "Metro Courier",
  "The Northern Post",
  "Capital Times",
  "The Evening Star",
  "Harbour Herald",
  "National Wire",
  "The Civic Review",
];
const PLACES = [
  "Riverton",
  "Eastport",
  "the northern region",
  "Lakeside",
  "the capital",
  "Westfield",
  "Hillcrest",
  "the coastal districts",
  "Brookvale",
  "Southgate",
  "Millbrook",
  "the province",
  "Ashford",
  "Cedar Falls",
  "Dunmore",
  "Elmwood",
  "Fairhaven",
  "Glenrock",
  "Harborview",
  "Ironbridge",
  "Juniper Bay",
  "Kingsport",
  "Larchmont",
  "Maplewood",
  "Newhaven",
  "Oakridge",
  "Pinecrest",
  "Queensbury",
  "Redcliff",
  "Stonegate",
  "Thornbury",
  "Upton",
  "Valemont",
  "Whitby",
  "Yarrow",
  "Zephyr Point",
  "the valley towns",
  "the border counties",
  "the old port district",
  "the university quarter",
];
const SUBJECTS = [
  "unemployment",
  "youth unemployment",
  "inflation",
  "food inflation",
  "violent crime",
  "burglaries",
  "knife crime",
  "the budget deficit",
  "hospital waiting times",
  "ambulance response times",
  "average rents",
  "social rents",
  "carbon emissions",
  "air pollution",
  "school funding",
  "teacher vacancies",
  "the minimum wage",
  "tax revenue",
  "corporate tax receipts",
  "net migration",
  "asylum applications",
  "energy prices",
  "heating bills",
  "house prices",
  "first-time buyer numbers",
  "public debt",
  "interest payments",
  "child poverty",
  "pensioner poverty",
  "bus ridership",
  "rail punctuality",
  "rough sleeping",
  "homelessness",
  "exports",
  "manufacturing output",
  "farm incomes",
  "broadband coverage",
  "recycling rates",
  "water leaks",
  "potholes",
  "GP appointments",
  "dental waiting lists",
  "class sizes",
  "university applications",
  "apprenticeships",
  "small business closures",
  "tourist numbers",
  "road deaths",
  "prison overcrowding",
  "court backlogs",
];
const RISES = [
  "rose",
  "fell",
  "doubled",
  "halved",
  "increased",
  "dropped",
  "climbed",
  "declined",
  "soared",
  "slumped",
  "tripled",
  "edged up",
  "edged down",
  "stalled",
];
const THINGS = [
  "road repairs",
  "the new stadium",
  "flood defences",
  "school meals",
  "police overtime",
  "the harbour bridge",
  "broadband rollout",
  "hospital beds",
  "street lighting",
  "social housing",
  "the tram extension",
  "a new incinerator",
  "library closures",
  "consultants' fees",
  "the festival",
  "cycle lanes",
  "the convention centre",
  "council offices",
  "IT contracts",
  "bus subsidies",
  "youth clubs",
  "care homes",
  "sea walls",
  "the airport link",
  "tree planting",
  "CCTV cameras",
  "public toilets",
  "the ice rink",
  "a rebranding campaign",
  "legal settlements",
];
const SOURCES = [
  "the statistics office",
  "a leaked memo",
  "the annual report",
  "official figures",
  "the audit office",
  "a university study",
  "the treasury",
  "the regulator",
  "a think tank",
  "the census",
];
const FILLER = [
  "The meeting lasted more than two hours and ended without a vote.",
  "Reporters were not allowed into the chamber for the second session.",
  "Several residents attended the hearing, some holding handwritten signs.",
  "The figures were presented on slides that were not shared afterwards.",
  "A spokesperson declined to comment further when contacted on Thursday.",
  "The debate will continue next week, when the committee meets again.",
  "Officials said a full report would be published later this year.",
  "The announcement came a day before the regional elections.",
];
const REASONS = [
  "Not a factual claim",
  "Opinion, not checkable",
  "Duplicate of an earlier claim",
  "Out of scope for the desk",
];

interface Fact {
  subject: string;
  verb: string;
  amount: number;
  place: string;
  year: number;
  thing: string;
  kind: number;
}

function claimSentence(
  fact: Fact,
  speaker: string,
  title: string,
  variant: number,
): { text: string; kind: string } {
  const money = `$${fact.amount} million`;
  const source = SOURCES[(fact.amount + fact.year) % SOURCES.length]!;
  switch ((fact.kind + variant) % 10) {
    case 0:
      return {
        text: `"${cap(fact.subject)} ${fact.verb} by ${fact.amount} percent in ${fact.place} last year," ${speaker} said.`,
        kind: "DIRECT_QUOTE",
      };
    case 1:
      return {
        text: `${speaker} said ${fact.subject} had ${fact.verb} to ${fact.amount} per thousand residents since ${fact.year}.`,
        kind: "INDIRECT_QUOTE",
      };
    case 2:
      return {
        text: `According to ${speaker}, ${fact.place} spent ${money} on ${fact.thing} in ${fact.year}.`,
        kind: "INDIRECT_QUOTE",
      };
    case 3:
      return {
        text: `${speaker}, ${title}, claimed that ${fact.subject} was at its highest level since ${fact.year}.`,
        kind: "INDIRECT_QUOTE",
      };
    case 4:
      return {
        text: `"We have cut ${fact.subject} in ${fact.place} by a ${fact.amount > 30 ? "third" : "fifth"} since we took office," ${speaker} told reporters.`,
        kind: "DIRECT_QUOTE",
      };
    case 5:
      return {
        text: `${speaker} insisted that ${fact.thing} had cost taxpayers nothing, despite ${source} putting the bill at ${money}.`,
        kind: "INDIRECT_QUOTE",
      };
    case 6:
      return {
        text: `"Not a single penny of the ${money} for ${fact.thing} has been wasted," said ${speaker}.`,
        kind: "DIRECT_QUOTE",
      };
    case 7:
      return {
        text: `${cap(fact.place)} now has the worst record on ${fact.subject} of any area, ${speaker} argued, citing ${source}.`,
        kind: "INDIRECT_QUOTE",
      };
    case 8:
      return {
        text: `Figures from ${source} show ${fact.subject} in ${fact.place} ${fact.verb} by ${fact.amount} percent between ${fact.year} and ${fact.year + 3}.`,
        kind: "ASSERTION",
      };
    default:
      return {
        text: `${speaker} told the committee that ${fact.amount},000 people in ${fact.place} were affected by ${fact.subject} in ${fact.year}.`,
        kind: "INDIRECT_QUOTE",
      };
  }
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

type Row = Record<string, unknown>;

async function insert(client: pg.Client, table: string, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const columns = Object.keys(batch[0]!)
      .map((c) => `"${c}"`)
      .join(", ");
    await client.query(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
      [JSON.stringify(batch)],
    );
  }
}

const DAY = 86_400_000;

export async function generateDataset(
  client: pg.Client,
  options: GenerateOptions,
): Promise<Dataset> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const r = prng(options.seed);
  const yearStart = Date.UTC(2025, 10, 1);
  const iso = (ms: number) => new Date(ms).toISOString();

  const users: BenchUser[] = [
    ...Array.from({ length: 20 }, (_, i) => ({
      id: r.uuid(),
      email: `reviewer${i + 1}@bench.test`,
      role: "REVIEWER" as const,
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      id: r.uuid(),
      email: `editor${i + 1}@bench.test`,
      role: "EDITOR" as const,
    })),
    { id: r.uuid(), email: "admin@bench.test", role: "ADMIN" as const },
  ];
  await insert(
    client,
    "User",
    users.map((u, i) => ({
      id: u.id,
      email: u.email,
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      passwordHash: options.passwordHash,
      role: u.role,
      createdAt: iso(yearStart - DAY),
      updatedAt: iso(yearStart - DAY),
    })),
  );
  const reviewers = users.filter((u) => u.role === "REVIEWER");
  const editors = users.filter((u) => u.role === "EDITOR");
  const verdicts = DEFAULT_VERDICTS.map((v, i) => ({ id: r.uuid(), ...v, order: i }));
  await insert(
    client,
    "Verdict",
    verdicts.map((v) => ({ ...v, createdAt: iso(yearStart - DAY) })),
  );

  const counts: Record<string, number> = {};
  const facts: Fact[] = [];
  const CHUNK = 500;
  for (let first = 0; first < options.articles; first += CHUNK) {
    const rows: Record<string, Row[]> = {
      Article: [],
      Speaker: [],
      Claim: [],
      Evidence: [],
      Review: [],
      Decision: [],
      Comment: [],
      AuditEvent: [],
    };
    const audit = (
      actorId: string,
      action: string,
      entity: string,
      entityId: string,
      at: number,
      after: Row,
    ) => rows.AuditEvent!.push({ actorId, action, entity, entityId, at: iso(at), after });
    for (let n = first; n < Math.min(first + CHUNK, options.articles); n++) {
      const articleId = r.uuid();
      const created = yearStart + Math.floor((n / options.articles) * 365 * DAY) + r.int(DAY);
      const importer = r.pick(reviewers);
      const speakers = new Map<string, { id: string; title: string }>();
      const parts: string[] = [];
      let length = 0;
      const add = (text: string) => {
        const start = length + (parts.length ? 2 : 0);
        parts.push(text);
        length = start + text.length;
        return start;
      };
      const claims: Array<{
        text: string;
        kind: string;
        start: number;
        speakerId: string;
        speaker: string;
      }> = [];
      for (let c = 0; c < options.claimsPerArticle; c++) {
        if (r.next() < 0.5) add(r.pick(FILLER));
        const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
        if (!speakers.has(name)) speakers.set(name, { id: r.uuid(), title: r.pick(TITLES) });
        const speaker = speakers.get(name)!;
        const fact: Fact =
          facts.length > 50 && r.next() < 0.15
            ? r.pick(facts)
            : {
                subject: r.pick(SUBJECTS),
                verb: r.pick(RISES),
                amount: 2 + r.int(60),
                place: r.pick(PLACES),
                year: 2008 + r.int(16),
                thing: r.pick(THINGS),
                kind: r.int(10),
              };
        facts.push(fact);
        if (facts.length > 5000) facts.splice(0, 1000);
        const sentence = claimSentence(fact, name, speaker.title, r.int(2));
        claims.push({
          ...sentence,
          start: add(sentence.text),
          speakerId: speaker.id,
          speaker: name,
        });
      }
      const body = parts.join("\n\n");
      const title = `${cap(r.pick(SUBJECTS))} in ${r.pick(PLACES)}: ${r.pick(["a heated debate", "new figures", "questions over spending", "the row continues", "what was said"])}`;
      rows.Article!.push({
        id: articleId,
        title,
        body,
        outlet: r.pick(OUTLETS),
        url: `https://news.example/${n}`,
        publishedAt: iso(created - DAY),
        contentHash: `bench-${n}`,
        importedById: importer.id,
        createdAt: iso(created),
        updatedAt: iso(created),
        language: "en",
      });
      audit(importer.id, "article.import", "Article", articleId, created, {
        title,
        claims: claims.length,
      });
      for (const [name, s] of speakers) {
        rows.Speaker!.push({
          id: s.id,
          articleId,
          name,
          title: r.next() < 0.5 ? r.pick(TITLE_WORDS) : null,
          aliases: [],
          createdAt: iso(created),
        });
      }
      for (const claim of claims) {
        const id = r.uuid();
        const roll = r.next();
        const state =
          roll < 0.35
            ? "NEW"
            : roll < 0.55
              ? "IN_REVIEW"
              : roll < 0.65
                ? "SUBMITTED"
                : roll < 0.95
                  ? "APPROVED"
                  : "DISMISSED";
        const reviewer = r.pick(reviewers);
        const editor = r.pick(editors);
        const verdict = r.pick(verdicts);
        const reviewed =
          state === "SUBMITTED" ||
          state === "APPROVED" ||
          (state === "IN_REVIEW" && r.next() < 0.5);
        const t = created + r.int(20 * DAY);
        const version = {
          NEW: 1,
          IN_REVIEW: reviewed ? 3 : 2,
          SUBMITTED: 4,
          APPROVED: 5,
          DISMISSED: 2,
        }[state]!;
        rows.Claim!.push({
          id,
          articleId,
          text: claim.text,
          start: claim.start,
          end: claim.start + claim.text.length,
          quoteExact: claim.text,
          kind: claim.kind,
          origin: "EXTRACTED",
          speakerId: claim.speakerId,
          checkworthiness: Math.round(r.next() * 1e6) / 1e6,
          state,
          version,
          assigneeId: state === "NEW" || state === "DISMISSED" ? null : reviewer.id,
          dueAt: state === "IN_REVIEW" ? iso(t + 7 * DAY) : null,
          verdictId: reviewed && state !== "IN_REVIEW" ? verdict.id : null,
          rationale: reviewed
            ? `Official statistics for ${claim.speaker.split(" ")[1]}'s figure show a different picture; see the evidence.`
            : null,
          claimantName: reviewed ? claim.speaker : null,
          claimantType: reviewed ? "PERSON" : null,
          appearanceUrl: reviewed ? `https://news.example/${n}` : null,
          approvedById: state === "APPROVED" ? editor.id : null,
          approvedAt: state === "APPROVED" ? iso(t + 3 * DAY) : null,
          dismissReason: state === "DISMISSED" ? r.pick(REASONS) : null,
          ...matchFields(claim.text),
          createdAt: iso(created),
          updatedAt: iso(t),
        });
        if (state !== "NEW" && state !== "DISMISSED")
          audit(reviewer.id, "claim.take", "Claim", id, t, { assigneeId: reviewer.id, version: 2 });
        if (state === "DISMISSED")
          audit(reviewer.id, "claim.dismiss", "Claim", id, t, { state, version: 2 });
        if (reviewed) {
          for (let p = 0; p < (state === "IN_REVIEW" ? 1 : 2); p++) {
            rows.Evidence!.push({
              id: r.uuid(),
              claimId: id,
              position: p,
              url: `https://stats.example/${r.int(100000)}`,
              title: `${cap(r.pick(SUBJECTS))} statistics ${2010 + r.int(15)}`,
              publisher: "Statistics Office",
              stance: p === 0 ? "REFUTES" : "CONTEXT",
              sourceType: p === 0 ? "PRIMARY" : "SECONDARY",
              addedById: reviewer.id,
              addedAt: iso(t + DAY),
              updatedAt: iso(t + DAY),
            });
          }
          audit(reviewer.id, "claim.review", "Claim", id, t + DAY, { version: 3 });
        }
        if (state === "SUBMITTED" || state === "APPROVED") {
          const reviewId = r.uuid();
          rows.Review!.push({
            id: reviewId,
            claimId: id,
            reviewerId: reviewer.id,
            verdictId: verdict.id,
            rationale: "See the evidence.",
            submittedAt: iso(t + 2 * DAY),
          });
          audit(reviewer.id, "claim.submit", "Claim", id, t + 2 * DAY, {
            state: "SUBMITTED",
            reviewId,
            version: 4,
          });
          if (state === "APPROVED") {
            rows.Decision!.push({
              id: r.uuid(),
              reviewId,
              editorId: editor.id,
              outcome: "APPROVE",
              decidedAt: iso(t + 3 * DAY),
            });
            audit(editor.id, "claim.approve", "Claim", id, t + 3 * DAY, {
              state: "APPROVED",
              version: 5,
            });
          }
        }
        if (r.next() < 0.1) {
          rows.Comment!.push({
            id: r.uuid(),
            claimId: id,
            authorId: r.pick(users).id,
            body: "Can we find the original dataset for this?",
            createdAt: iso(t + DAY),
          });
        }
      }
    }
    rows.AuditEvent!.sort((x, y) => String(x.at).localeCompare(String(y.at)));
    for (const [table, list] of Object.entries(rows)) {
      if (list.length) await insert(client, table, list);
      counts[table] = (counts[table] ?? 0) + list.length;
    }
    log(`generated ${Math.min(first + CHUNK, options.articles)} of ${options.articles} articles`);
  }
  // A year-old desk's tables have been vacuumed: visibility map set, hint bits written.
  // Without this the first reads of each freshly loaded page pay for that during the run.
  await client.query("VACUUM ANALYZE");
  return {
    users,
    verdicts: verdicts.map((v) => ({ id: v.id, key: v.key })),
    counts,
    seconds: (performance.now() - started) / 1000,
  };
}
