/**
 * Word lists for attribution in English news. Forms are listed explicitly (no stemmer):
 * the lists are small, and explicit forms keep "stated" from matching "statement".
 */

function forms(spec: string): Set<string> {
  return new Set(spec.split(/\s+/).filter(Boolean));
}

/** Verbs of saying, alleging and denying: the core of what a fact-checker logs. */
export const SPEECH_CUES = forms(`
  say says said saying tell tells told telling add adds added adding
  warn warns warned warning stress stresses stressed stressing allege alleges alleged alleging
  claim claims claimed claiming deny denies denied denying confirm confirms confirmed confirming
  insist insists insisted insisting argue argues argued arguing note notes noted noting
  explain explains explained explaining accuse accuses accused accusing blame blames blamed blaming
  urge urges urged urging propose proposes proposed proposing report reports reported reporting
  announce announces announced announcing state states stated stating write writes wrote writing
  tweet tweets tweeted tweeting suggest suggests suggested suggesting estimate estimates estimated
  predict predicts predicted predicting echo echoes echoed reiterate reiterates reiterated reiterating
  acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting
  declare declares declared declaring assert asserts asserted asserting maintain maintains maintained
  contend contends contended charge charges charged complain complains complained
  criticize criticizes criticized criticise criticises criticised reject rejects rejected rejecting
  dismiss dismisses dismissed promise promises promised promising vow vows vowed pledge pledges pledged
  threaten threatens threatened emphasize emphasizes emphasized emphasise emphasises emphasised
  concede concedes conceded recall recalls recalled reveal reveals revealed disclose discloses disclosed
  testify testifies testified respond responds responded reply replies replied
  boast boasts boasted counter counters countered describe describes described
  believe believes believed think thinks thought
  predicts projected forecast forecasts warned cautioned caution cautions
  observe observes observed point points pointed continue continued
  show shows showed shown find finds found indicate indicates indicated
  lash lashes lashed condemn condemns condemned slam slams slammed praise praises praised
  call calls called calling demand demands demanded
  ask asks asked asking joke jokes joked conclude concludes concluded
  want wants wanted hope hopes hoped expect expects plan plans planned support supports supported
  endorse endorses endorsed defend defends defended know knows knew feel feels felt fear fears feared
  worry worries worried doubt doubts doubted agree agrees agreed disagree disagrees disagreed
  question questions questioned recommend recommends recommended prefer prefers preferred
  mention mentions mentioned
`);

/** Cues that need a particle to mean speech: "pointed out", "lashed out", "called for". */
export const PARTICLE_CUES: Record<string, Set<string>> = {
  point: forms("out"),
  points: forms("out"),
  pointed: forms("out"),
  lash: forms("out"),
  lashes: forms("out"),
  lashed: forms("out"),
  call: forms("for on"),
  calls: forms("for on"),
  called: forms("for on"),
  calling: forms("for on"),
  continue: forms("to"),
  continued: forms("to"),
};

/** Verbs whose first object is the hearer, not the content: "told Sputnik that". */
export const HEARER_CUES = forms(
  "tell tells told telling urge urges urged warn warns warned accuse accuses accused blame blames blamed",
);

export const PARTICIPLE_CUES = forms(
  "saying adding noting arguing warning stressing insisting claiming alleging explaining telling urging calling accusing blaming denying suggesting calling",
);

export const AUXILIARIES = forms(`
  has have had is was were are will would could can may might should also later then previously
  reportedly allegedly publicly once again already further repeatedly strongly categorically firmly
  flatly sharply recently earlier since quickly immediately angrily subsequently had've been
  not never still just even only long similarly likewise separately privately openly bluntly
  went on to often frequently always usually sometimes
`);

export const PRONOUNS = forms("he she they it we i you who which that");
export const PERSON_PRONOUNS = forms("he she");

export const DETERMINERS = forms(
  "the a an this that these those his her its their our another some several many both each one two three",
);

/** Nouns that name a speaker by role: "the deputy minister", "a spokesman", "officials". */
export const ROLE_NOUNS = forms(`
  spokesman spokeswoman spokesperson minister secretary president official officials envoy ambassador
  senator governor director chief leader leaders analyst analysts expert experts professor researcher
  researchers lawyer lawyers attorney attorneys chairman chairwoman chair ceo founder adviser advisers
  advisor advisors aide aides candidate nominee mayor deputy diplomat diplomats source sources
  representative representatives congressman congresswoman lawmaker lawmakers legislator legislators
  prosecutor prosecutors judge police officer officers investigators investigator authorities
  government administration ministry department agency commission committee report study survey poll
  polls data statement critics critic supporters supporter residents witnesses witness economist
  economists scientist scientists doctor doctors campaign party spokespeople press secretary
  manager organizers activists activist group groups union observers monitors military army
  correspondent reporter journalist editor author authors document documents memo letter
  council court officials ambassador premier chancellor king queen prince general commander
  vice foreign defense defence state interior finance justice health former acting top senior
  white house kremlin pentagon republicans democrats republican democrat voters people figures
  statistics records estimate estimates organization organisation watchdog regulator regulators
  company firm bank percent majority minority half third quarter respondents americans members
  magazine newspaper network channel website outlet reporters journalists
`);

/** Titles and honorifics that mark the following name as a person's. */
export const PERSON_TITLES = forms(`
  mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. president minister senator
  governor spokesman spokeswoman spokesperson secretary ambassador envoy chairman chairwoman ceo
  director judge mayor prime premier chancellor congressman congresswoman lawyer attorney professor
  prof prof. adviser advisor aide commissioner deputy chief leader representative
`);

/** Words that end a backward scan for a speaker: they start clauses, not names. */
export const CLAUSE_WORDS = forms(`
  and but or nor because while as when if although though since after before that which who
  where whether so than then yet however also having
`);

export const MONTHS = forms(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec",
);
export const WEEKDAYS = forms("monday tuesday wednesday thursday friday saturday sunday");

/** First-word forms that mark an opinion or exhortation rather than a checkable claim. */
export const OPINION_MARKERS = forms(
  "should must ought hope hopes wish believe think feel i'm i we'll let's please perhaps maybe probably",
);

/** Lines that are page furniture, not article text. */
export const BOILERPLATE_LINE =
  /^\s*(?:read more|related|also read|more:|watch:|watch more|see also|recommended|sponsored|advertisement|subscribe|sign up|follow (?:us|@)|share (?:this|on)|click here|read the (?:rest|full)|photo:|photograph:|image:|picture:|credit:|photo credit|getty images|\(photo|\[photo|copyright|©|all rights reserved|this article|editor'?s note|trending:|breaking:|listen:|video:|leia mais)/i;

/** "By Jane Smith", "By Jane Smith and John Doe, Reuters". */
export const BYLINE_LINE =
  /^\s*by\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:(?:and|&|,)\s*(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})*(?:[,|–—-]\s*[\p{L} .]+)?$/iu;
