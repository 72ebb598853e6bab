/**
 * Attribution in Spanish news: who said what, with the exact spans of speaker, cue and
 * content, by rules written for the language's news style:
 *
 * - «comillas», “inglesas” and "rectas", and the dialogue dash (—No cerraremos —dijo—.);
 * - speech verbs in the preterite, present and perfect (dijo, afirma, ha asegurado…),
 *   before the content (X afirmó que…, X dijo: «…») or after it («…», dijo X);
 * - sources (según X, …; …, según X; de acuerdo con X, …);
 * - the speaker's title and name («el ministro de Economía, Luis Carranza»), resolved over
 *   the article (a later «Carranza», «el funcionario» or an unnamed subject, which Spanish
 *   drops, is the same person).
 *
 * Every claim is an attributed statement; assertions in the article's own voice are not
 * proposed (there is no check-worthiness model for Spanish to pick them). Work is bounded
 * per sentence, so the cost is linear in the text. Measured on tests/fixtures/spanish-news.json
 * by `npm run eval:es`.
 */
import type { ExtractedClaim, ExtractionResult } from "./extract";
import { splitSentences, type Span } from "./text";
import { countStep } from "./work";

const verbs = (list: string) => list.trim().split(/\s+/);

/** Speech verbs: third person singular and plural, preterite and present, and participles. */
const SPEECH_FORMS = new Set(
  verbs(`
  dijo dice dijeron dicen dicho
  afirmó afirma afirmaron afirman afirmado aseguró asegura aseguraron aseguran asegurado
  señaló señala señalaron señalan señalado declaró declara declararon declaran declarado
  explicó explica explicaron explican explicado indicó indica indicaron indican indicado
  sostuvo sostiene sostuvieron sostienen sostenido advirtió advierte advirtieron advierten advertido
  agregó agrega agregaron agregan agregado añadió añade añadieron añaden añadido
  manifestó manifiesta manifestaron manifestado expresó expresa expresaron expresado
  subrayó subraya subrayaron subrayado destacó destaca destacaron destacado
  insistió insiste insistieron insisten insistido reconoció reconoce reconocieron reconocido
  admitió admite admitieron admitido negó niega negaron niegan negado
  denunció denuncia denunciaron denuncian denunciado criticó critica criticaron criticado
  respondió responde respondieron respondido replicó replica replicaron replicado
  anunció anuncia anunciaron anuncian anunciado informó informa informaron informan informado
  precisó precisa precisaron precisado apuntó apunta apuntaron apuntado
  recalcó recalca recalcaron recalcado enfatizó enfatiza enfatizaron enfatizado
  comentó comenta comentaron comentado aclaró aclara aclararon aclarado
  confirmó confirma confirmaron confirman confirmado prometió promete prometieron prometido
  alertó alerta alertaron alertado estimó estima estimaron estiman estimado
  consideró considera consideraron consideran considerado opinó opina opinaron opinado
  argumentó argumenta argumentaron argumentado reiteró reitera reiteraron reiterado
  lamentó lamenta lamentaron lamentado acusó acusa acusaron acusado
  recordó recuerda recordaron recordado concluyó concluye concluyeron concluido
  relató relata relataron relatado detalló detalla detallaron detallado
  desmintió desmiente desmintieron desmentido sentenció sentenciaron
  garantizó garantiza garantizaron garantizado calculó calcula calcularon calculado
  `),
);

/** Verbs whose content may be an infinitive clause: «negó haber recibido…». */
const INFINITIVE_CUES = new Set(
  verbs(`negó niega negaron prometió promete prometieron admitió admite reconoció reconoce
  aseguró asegura aseguraron afirmó afirma dijo`),
);

const AUXILIARIES = new Set(verbs("ha han había habían habría hubiera"));
const CLITICS = new Set(verbs("lo la le les se me nos"));
/** Words that may stand between a subject and its verb: «Carranza también aseguró». */
const ADVERBS = new Set(
  verbs(`también además luego después finalmente hoy ayer anoche entonces incluso ya no
  igualmente asimismo nuevamente recientemente posteriormente`),
);
const DETERMINERS = new Set(verbs("el la los las su sus un una este esta"));
/** Particles inside names: «Andrés Manuel López de la Vega», «Ministerio de Salud». */
const NAME_PARTICLES = new Set(verbs("de del la las los y e"));
/** Words that end a noun phrase's title: prepositions, adverbs and conjunctions. */
const STOP_WORDS = new Set(
  verbs(`en ante durante a al tras con por para sin sobre desde hasta hacia entre que y o e ni
  como cuando donde este esta ese esa hoy ayer según no lo le se también además quien quienes`),
);
/** Nouns that say the source is a document or figures of an institution: «datos del Ministerio». */
const SOURCE_NOUNS = new Set(
  verbs("datos cifras fuentes informe informes estimaciones estadísticas encuesta estudio"),
);
/** Descriptions of one person, resolved to the person last named: «el funcionario». */
const PERSON_DESCRIPTIONS = new Set(
  verbs(`funcionario funcionaria aspirante candidato candidata mandatario mandataria ministro
  ministra presidente presidenta portavoz vocero vocera dirigente líder jefe jefa exmandatario
  político política senador senadora diputado diputada alcalde alcaldesa gobernador gobernadora
  secretario secretaria director directora fiscal juez jueza experto experta economista
  exministro exministra expresidente expresidenta opositor opositora titular`),
);
/** First words of an institution's name (not a person's). */
const INSTITUTION_HEADS = new Set(
  verbs(`Ministerio Instituto Banco Organización Superintendencia Gobierno Partido Consejo
  Comisión Fiscalía Tribunal Corte Agencia Secretaría Universidad Fondo Asociación Federación
  Sindicato Cámara Congreso Senado Ejecutivo Policía Ejército Oficina Servicio Departamento
  Dirección Autoridad Junta Ayuntamiento Alcaldía Municipalidad Cruz Naciones Unión Defensoría
  Procuraduría Contraloría Registro Centro Observatorio Frente Movimiento Coalición Asamblea`),
);

/** The longest sentence analysed as one; a longer one (a list, an attack) in pieces. */
const MAX_SENTENCE_CHARS = 1_500;
/** How far a subject, a name or the gap between a verb and «que» may run, in words. */
const MAX_PHRASE_WORDS = 14;
const MAX_GAP_WORDS = 8;

interface Word extends Span {
  text: string;
  lower: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[.’'\-–][\p{L}\p{M}\p{N}]+)*|\S/gu;

function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && m.index < end) {
    countStep();
    const stop = Math.min(end, m.index + m[0].length);
    const value = text.slice(m.index, stop);
    out.push({ start: m.index, end: stop, text: value, lower: value.toLowerCase() });
  }
  return out;
}

const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
const isLowerWord = (w: Word) => /^\p{Ll}/u.test(w.text);
const isCue = (w: Word | undefined) => w !== undefined && SPEECH_FORMS.has(w.lower);

/** A quoted passage: its span with the marks, and its inside. */
interface Quote extends Span {
  inner: Span;
}

const OPENERS: Record<string, string> = { "«": "»", "“": "”", '"': '"' };

/**
 * «…», “…” and "…" passages, outermost only (a “quote” inside «…» belongs to it). A mark
 * never closed within a long news quote is a stray one.
 */
export function findSpanishQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  // Where each closing mark next occurs: found once and reused while still ahead, so a
  // text of marks that never close is scanned once per kind of mark, not once per mark.
  const nextClose = new Map<string, number>();
  let i = 0;
  while (i < text.length) {
    countStep();
    const close = OPENERS[text[i]!];
    if (!close) {
      i++;
      continue;
    }
    let end = nextClose.get(close) ?? -1;
    if (end !== Infinity && end <= i) {
      end = text.indexOf(close, i + 1);
      if (end < 0) end = Infinity;
      nextClose.set(close, end);
    }
    if (end === Infinity || end - i > 5_000) {
      i++;
      continue;
    }
    quotes.push({ start: i, end: end + 1, inner: { start: i + 1, end } });
    i = end + 1;
  }
  return quotes;
}

/** A noun phrase naming a source: its span and what it says of them. */
interface Source extends Span {
  name: string;
  title: string | null;
  /** A description («el funcionario», «los sindicatos médicos»), no name in it. */
  description: boolean;
  person: boolean;
}

/**
 * Reads a source's noun phrase from words[i]: a determiner, a title («ministro de
 * Economía», «líder opositor»), a name («Luis Carranza», «Instituto Nacional de
 * Estadística») and a name in apposition («…, Luis Carranza»). Returns it and the index
 * of the word after it, or null.
 */
function readSource(ws: Word[], i: number): { source: Source; next: number } | null {
  const first = i;
  if (ws[i] && DETERMINERS.has(ws[i]!.lower)) i++;
  const titleWords: Word[] = [];
  // A document of an institution: «datos del Ministerio de Salud».
  if (ws[i] && SOURCE_NOUNS.has(ws[i]!.lower) && /^de(?:l)?$/.test(ws[i + 1]?.lower ?? "")) {
    i += 2;
    if (ws[i] && DETERMINERS.has(ws[i]!.lower)) i++;
  }
  while (
    ws[i] &&
    isLowerWord(ws[i]!) &&
    !STOP_WORDS.has(ws[i]!.lower) &&
    !NAME_PARTICLES.has(ws[i]!.lower) &&
    !isCue(ws[i]) &&
    !AUXILIARIES.has(ws[i]!.lower) &&
    titleWords.length < 5
  ) {
    titleWords.push(ws[i]!);
    i++;
    // The title's complement: «de Economía», «del Gobierno», «del organismo».
    if (ws[i] && /^(?:de|del)$/.test(ws[i]!.lower) && ws[i + 1] && !isCue(ws[i + 1])) {
      const after = readName(ws, i + 1);
      if (after > i + 1) {
        titleWords.push(...ws.slice(i, after));
        i = after;
      } else if (isLowerWord(ws[i + 1]!) && !STOP_WORDS.has(ws[i + 1]!.lower)) {
        titleWords.push(ws[i]!, ws[i + 1]!);
        i += 2;
      }
    }
  }
  let nameStart = i;
  let nameEnd = readName(ws, i);
  // A name in apposition: «la portavoz del Gobierno, Marta Villalobos».
  if (nameEnd === i && titleWords.length > 0 && ws[i]?.text === ",") {
    const apposed = readName(ws, i + 1);
    if (apposed > i + 1) {
      nameStart = i + 1;
      nameEnd = apposed;
    }
  }
  const end = Math.max(nameEnd, i);
  if (end === first || (titleWords.length === 0 && nameEnd === nameStart)) return null;
  // A closing comma of the apposition belongs to the phrase: «…, Luis Carranza, afirmó».
  let next = end;
  if (nameStart > i && ws[next]?.text === ",") next++;
  const nameWords = ws.slice(nameStart, nameEnd);
  const title = titleWords.length ? join(titleWords) : null;
  const last = ws[end - 1]!;
  const span = { start: ws[first]!.start, end: last.end };
  if (nameWords.length === 0) {
    const head = titleWords[0]!.lower;
    return {
      source: {
        ...span,
        name: title!,
        title,
        description: true,
        person: PERSON_DESCRIPTIONS.has(head),
      },
      next,
    };
  }
  const name = join(nameWords);
  const person =
    !INSTITUTION_HEADS.has(nameWords[0]!.text) &&
    (titleWords.length > 0 || nameWords.filter(isCapitalised).length >= 2);
  return { source: { ...span, name, title, description: false, person }, next };
}

/** The words of a capitalised name from ws[i] (particles inside it only): its end index. */
function readName(ws: Word[], i: number): number {
  let end = i;
  let k = i;
  while (ws[k] && end - i < MAX_PHRASE_WORDS) {
    const w = ws[k]!;
    if (isCapitalised(w) && /\p{L}/u.test(w.text) && !isCue(w)) {
      k++;
      end = k;
    } else if (end > i && NAME_PARTICLES.has(w.lower)) k++;
    else if (
      end > i &&
      w.text === "(" &&
      ws[k + 1] &&
      /^\p{Lu}+$/u.test(ws[k + 1]!.text) &&
      ws[k + 2]?.text === ")"
    ) {
      k += 3; // an acronym: «(OMS)»
      end = k;
    } else break;
  }
  return end;
}

const join = (ws: Word[]) =>
  ws
    .map((w) => w.text)
    .join(" ")
    .replace(/ ([,)])/g, "$1")
    .replace(/\( /g, "(");

/** The people and institutions of one article; later mentions resolve to earlier ones. */
class Speakers {
  readonly list: Array<{
    name: string;
    title: string | null;
    isPerson: boolean;
    aliases: string[];
  }> = [];
  private lastPerson: number | null = null;
  last: number | null = null;

  /** The speaker a source names (added when new), or null. */
  resolve(source: Source): number {
    if (source.description && source.person && this.lastPerson !== null)
      return this.touch(this.lastPerson);
    const key = bare(source.name);
    const found = this.list.findIndex((s) => {
      countStep();
      const known = bare(s.name);
      return known === key || contains(known, key) || contains(key, known);
    });
    if (found >= 0) {
      const speaker = this.list[found]!;
      if (key.split(" ").length > bare(speaker.name).split(" ").length) speaker.name = source.name;
      if (!speaker.aliases.includes(source.name)) speaker.aliases.push(source.name);
      speaker.title ??= source.title;
      return this.touch(found);
    }
    if (this.list.length >= 200) return this.touch(this.list.length - 1);
    this.list.push({
      name: source.name,
      title: source.description ? null : source.title,
      isPerson: source.person,
      aliases: [source.name],
    });
    return this.touch(this.list.length - 1);
  }

  private touch(index: number): number {
    this.last = index;
    if (this.list[index]!.isPerson) this.lastPerson = index;
    return index;
  }
}

const bare = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s*\([^)]*\)/g, "");
/** Whether every word of `part` (two letters or more) is in `whole`: «López Obrador» in «Andrés Manuel López Obrador». */
function contains(whole: string, part: string): boolean {
  const words = new Set(whole.split(" "));
  const needed = part.split(" ").filter((w) => w.length > 2 && !NAME_PARTICLES.has(w));
  return needed.length > 0 && needed.every((w) => words.has(w));
}

interface Found {
  source: Source | null;
  cue: Span;
  content: Span;
  kind: ExtractedClaim["kind"];
  /** The quotation the content is, marks and all: part of the claim's span. */
  quote?: Span;
}

/** Trims spaces and a final comma, dot or colon off a content span. */
function trimContent(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s.,;:—–-]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The article's quotations by the offset of their opening mark. */
type Quotes = Map<number, Quote>;

/** The quote starting at `at` (its opening mark there), if any. */
function quoteAt(quotes: Quotes, at: number): Quote | undefined {
  return quotes.get(at);
}

/**
 * The attributions of one sentence, in their order. `ws` are its words; `quotes` the
 * article's quotations.
 */
function sentenceAttributions(text: string, ws: Word[], quotes: Quotes): Found[] {
  if (ws.length === 0) return [];
  const first = ws[0]!;
  const sentenceEnd = ws.at(-1)!.end;

  // «Según X, …» and «De acuerdo con X, …».
  const lead =
    first.lower === "según" || first.lower === "para"
      ? 1
      : first.lower === "de" && ws[1]?.lower === "acuerdo" && ws[2]?.lower === "con"
        ? 3
        : 0;
  if (lead) {
    const read = readSource(ws, lead);
    // «Para» names a source only with a name: «Para el analista Jorge Beltrán, …», not «Para 2030, …».
    if (
      read &&
      (first.lower !== "para" || !read.source.description) &&
      ws[read.next - (ws[read.next - 1]?.text === "," ? 1 : 0)]?.text === ","
    ) {
      const after = ws[read.next - 1]?.text === "," ? read.next : read.next + 1;
      if (ws[after]) {
        return [
          {
            source: read.source,
            cue: { start: first.start, end: ws[lead - 1]!.end },
            content: trimContent(text, { start: ws[after]!.start, end: sentenceEnd }),
            kind: "INDIRECT_QUOTE",
          },
        ];
      }
    }
  }

  // A quotation first: «…», dijo X. / —… —dijo X—. / "…", afirmó X.
  const opening = first.text === "—" ? ws[1] : first;
  const quote =
    first.text === "—" ? dashQuote(text, ws) : opening && quoteAt(quotes, opening.start);
  if (quote) {
    let k = ws.findIndex((w) => w.start >= quote.end);
    while (ws[k] && /^[,.—–-]$/.test(ws[k]!.text)) k++;
    const aux = ws[k] && AUXILIARIES.has(ws[k]!.lower) ? k++ : -1;
    if (isCue(ws[k])) {
      return [
        {
          source: sourceAfterCue(ws, k + 1),
          cue: aux >= 0 ? { start: ws[aux]!.start, end: ws[k]!.end } : ws[k]!,
          content: trimContent(text, quote.inner),
          kind: "DIRECT_QUOTE",
          quote,
        },
      ];
    }
  }

  // The speaker before the verb: X afirmó que… / X dijo: «…» / X negó haber… / Afirmó que…
  const cueAt = ws.findIndex((w, index) => index <= MAX_PHRASE_WORDS + 6 && isCue(w));
  if (cueAt >= 0) {
    const subject = cueAt === 0 ? null : subjectBefore(ws, cueAt);
    if (cueAt === 0 || subject) {
      const cueStart = cueAt > 0 && AUXILIARIES.has(ws[cueAt - 1]!.lower) ? cueAt - 1 : cueAt;
      const cue = { start: ws[cueStart]!.start, end: ws[cueAt]!.end };
      const content = contentAfter(text, ws, cueAt, quotes);
      if (content) return [{ source: subject, cue, ...content }];
      // «La diputada Carmen Soto acusó al Gobierno de…»: no statement, but the next
      // sentence's unnamed subject is her.
      if (subject)
        return [
          {
            source: subject,
            cue,
            content: { start: cue.end, end: cue.end },
            kind: "INDIRECT_QUOTE",
          },
        ];
    }
  }

  // The content first, the source after it: …, según X. / …, explicó X.
  for (let k = ws.length - 2; k > 0 && k >= ws.length - MAX_PHRASE_WORDS; k--) {
    if (ws[k]!.text !== ",") continue;
    const next = ws[k + 1]!;
    if (next.lower !== "según" && !isCue(next)) continue;
    const read = readSource(ws, k + 2);
    if (!read || (ws[read.next] && ws[read.next]!.text !== ".")) continue;
    return [
      {
        source: read.source,
        cue: next,
        content: trimContent(text, { start: first.start, end: ws[k]!.start }),
        kind:
          quoteAt(quotes, first.start)?.end === ws[k]!.start ? "DIRECT_QUOTE" : "INDIRECT_QUOTE",
      },
    ];
  }
  return [];
}

/**
 * The source after a verb of speech: «dijo el ministro Luis Carranza», or past a short
 * circumstance first: «explicó a este diario Rosa Quintero».
 */
function sourceAfterCue(ws: Word[], i: number): Source | null {
  const read = readSource(ws, i);
  if (read && !read.source.description) return read.source;
  if (ws[i] && STOP_WORDS.has(ws[i]!.lower)) {
    for (let k = i + 1; k < ws.length && k <= i + 4; k++) {
      if (/^[,.;:]$/.test(ws[k]!.text)) break;
      if (!isCapitalised(ws[k]!)) continue;
      const named = readSource(ws, k);
      if (named) return named.source;
    }
  }
  return read?.source ?? null;
}

/** The first passage of a dialogue line: «—Ningún hospital cerrará —dijo…», up to the next dash. */
function dashQuote(text: string, ws: Word[]): Quote | undefined {
  const second = ws.findIndex((w, i) => i > 1 && w.text === "—");
  if (second < 0) return undefined;
  return {
    start: ws[0]!.start,
    end: ws[second]!.start,
    inner: { start: ws[0]!.end, end: ws[second]!.start },
  };
}

/**
 * The subject of the verb at ws[cueAt]: a source phrase that ends just before it (adverbs,
 * a clitic, an auxiliary or a short aside between commas may come between), read from the
 * sentence's start or from just after one of its commas («En un mitin en Sevilla, el
 * aspirante sostuvo…»).
 */
function subjectBefore(ws: Word[], cueAt: number): Source | null {
  const starts = [0];
  for (let k = 0; k < cueAt; k++) if (ws[k]!.text === ",") starts.push(k + 1);
  for (const start of starts) {
    countStep();
    const read = readSource(ws, start);
    if (!read) continue;
    let k = read.next;
    // A short aside: «…, en cambio, estimó», «…, sin embargo, denunciaron».
    if (ws[k - 1]?.text === "," || ws[k]?.text === ",") {
      if (ws[k]?.text === ",") k++;
      const close = ws.findIndex((w, index) => index >= k && index < k + 4 && w.text === ",");
      if (close >= 0) k = close + 1;
    }
    while (
      k < cueAt &&
      (ADVERBS.has(ws[k]!.lower) || CLITICS.has(ws[k]!.lower) || AUXILIARIES.has(ws[k]!.lower))
    )
      k++;
    if (k === cueAt) return read.source;
  }
  return null;
}

/** What follows a verb of speech: «que …», «: «…»», or an infinitive clause. */
function contentAfter(
  text: string,
  ws: Word[],
  cueAt: number,
  quotes: Quotes,
): Pick<Found, "content" | "kind" | "quote"> | null {
  const end = ws.at(-1)!.end;
  const next = ws[cueAt + 1];
  if (!next) return null;
  if (next.text === ":") {
    const quote = ws[cueAt + 2] && quoteAt(quotes, ws[cueAt + 2]!.start);
    if (quote) return { content: trimContent(text, quote.inner), kind: "DIRECT_QUOTE", quote };
    return { content: trimContent(text, { start: next.end, end }), kind: "INDIRECT_QUOTE" };
  }
  // «que» after a few words of circumstance: «afirmó este martes que…».
  for (let k = cueAt + 1; k < ws.length && k <= cueAt + 1 + MAX_GAP_WORDS; k++) {
    const w = ws[k]!;
    if (/^[.;:«“"]$/.test(w.text) || isCue(w)) break;
    if (w.lower !== "que") continue;
    const after = ws[k + 1];
    if (!after) return null;
    const quote = quoteAt(quotes, after.start);
    // A quotation that is all the verb's content is a direct quote: «explicó que «…» y pidió…».
    if (quote) return { content: trimContent(text, quote.inner), kind: "DIRECT_QUOTE", quote };
    return { content: trimContent(text, { start: after.start, end }), kind: "INDIRECT_QUOTE" };
  }
  if (INFINITIVE_CUES.has(ws[cueAt]!.lower) && /(?:ar|er|ir|ír)$/.test(next.lower)) {
    return { content: trimContent(text, { start: next.start, end }), kind: "INDIRECT_QUOTE" };
  }
  return null;
}

/**
 * Extracts the attributed statements of a Spanish article. Check-worthiness is not scored
 * (no model for the language): every claim says so.
 */
export function extractSpanish(text: string): ExtractionResult {
  const quotes: Quotes = new Map(findSpanishQuotes(text).map((q) => [q.start, q]));
  const speakers = new Speakers();
  const claims: ExtractedClaim[] = [];
  const sentences: Span[] = [];
  for (const whole of splitSentences(text)) {
    for (let start = whole.start; start < whole.end; start += MAX_SENTENCE_CHARS) {
      const sentence = { start, end: Math.min(whole.end, start + MAX_SENTENCE_CHARS) };
      sentences.push(sentence);
      const ws = words(text, sentence.start, sentence.end);
      for (const found of sentenceAttributions(text, ws, quotes)) {
        const ref = found.source ? speakers.resolve(found.source) : speakers.last;
        if (found.content.end <= found.content.start) continue;
        const spans = [
          found.cue,
          found.content,
          ...(found.quote ? [found.quote] : []),
          ...(found.source ? [found.source] : []),
        ];
        const claimStart = Math.min(...spans.map((s) => s.start));
        const claimEnd = Math.max(...spans.map((s) => s.end));
        claims.push({
          text: text.slice(claimStart, claimEnd),
          start: claimStart,
          end: claimEnd,
          kind: found.kind,
          checkworthiness: 0,
          checkworthinessBy: "NONE",
          speaker: found.source
            ? {
                start: found.source.start,
                end: found.source.end,
                text: text.slice(found.source.start, found.source.end),
              }
            : null,
          speakerRef: ref,
          cue: {
            start: found.cue.start,
            end: found.cue.end,
            text: text.slice(found.cue.start, found.cue.end),
          },
          content: found.content,
        });
      }
    }
  }
  return { claims, speakers: speakers.list, sentences };
}
