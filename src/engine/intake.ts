import type { KnowledgeBase } from '../knowledge/types.js';
import { statedAge } from './ages.js';
import { DISCLAIMER, safetyLine } from './answer.js';
import type { EngineContext } from './context.js';
import { FOOD_CONFIDENCE } from './food-question.js';
import {
  askedUnit,
  inUnit,
  type Reference,
  referenceMultiple,
  statedAmounts,
  withMilligramsInMcg,
} from './intake-units.js';
import { type Analysed, analyse, type Normalise, normaliseText, STOPWORDS, words } from './normalise.js';
import type { Answer, Citation, FoodResult } from './types.js';
import { DOSE_QUESTION_CUES, LIMIT_WORDS, SUPPLEMENT_CUES } from './vocabulary.js';

// Intake arithmetic with the numbers a member gives: a supplement's mcg plus named foods against the adult
// RDA and upper limit, and the reference figures themselves as a cited data point for amount questions.

/** "200 mcg", "300mcg" (normalised to "300 mcg"), "50 micrograms". */
const DOSE = /(?:^| )(\d+(?:\.\d+)?) (?:mcg|micrograms?|ug|μg)(?= |$)/g;
/** More than this is a typo or a joke (a member's daily total, not a lab value). */
const MAX_DOSE_MCG = 100_000;
/** How many of a dose: "3 x 200 mcg", "3 pills of 200 mcg", "two 100 mcg capsules". */
const COUNT_BEFORE =
  /(?:^| )(\d+|two|three|four|five|six)(?: x| (?:pills?|tabs?|tablets?|caps?|capsules?|softgels?|gummies|drops?)(?: of)?)?$/;
/** How often a dose: "200 mcg twice a day", "200 mcg tabs 3 times daily". */
const COUNT_AFTER = /^(?: [a-z]+)? (?:(twice)|(\d+|two|three|four|five|six) times)(?= |$)/;
/** "a day", "daily": an amount per day is an intake, with or without a word for a pill. */
const PER_DAY = /^(?: [a-z]+)? (?:a day|per day|daily|each day|every day|a dia|al dia|pro tag|par jour)(?= |$)/;
/** More of one dose than this is not a count ("200 mcg 30 times" is a typo). */
const MAX_COUNT = 10;
const NUMBER_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, twice: 2 };

const countOf = (word: string | undefined): number => (word ? (NUMBER_WORDS[word] ?? Number(word)) : 1);

interface Dose {
  /** One unit as written. */
  mcg: number;
  /** How many a day, as the member says it (1 when unsaid). */
  count: number;
  /** The member says it is per day. */
  perDay: boolean;
}

/** The one supplement dose a message states, with its count; null for none or several. */
function doseIn(normalised: string): Dose | null {
  const found = [...normalised.matchAll(DOSE)].filter((m) => {
    const n = Number(m[1]);
    return n > 0 && n <= MAX_DOSE_MCG;
  });
  const [m] = found;
  if (found.length !== 1 || !m) return null;
  const before = normalised.slice(0, m.index).match(COUNT_BEFORE);
  const after = normalised.slice((m.index ?? 0) + m[0].length);
  const often = after.match(COUNT_AFTER);
  const count = countOf(before?.[1]) * (often ? countOf(often[1] ?? often[2]) : 1);
  if (!(count >= 1 && count <= MAX_COUNT)) return null;
  return {
    mcg: Number(m[1]),
    count,
    perDay: PER_DAY.test(after) || (often !== null && PER_DAY.test(after.slice(often[0].length))),
  };
}
/** Message pieces that may each name one food ("a pill plus brazil nuts and tuna"). */
const FOOD_PIECES = /,|\band\b|\bplus\b|\bwith\b|\+|&/;

/** Words for children: an amount question with one also gets the children's RDA rows. */
const CHILD_WORDS = new Set('kid kids child children childs toddler toddlers kiddo kiddos son daughter'.split(' '));

/** Who an amount question is for, read from its words: a life stage, a stated age, or children in general. */
interface Audience {
  /** The RDA row of the stage or age named, if the table has one. */
  rda?: { group: string; mcg: number };
  /** The upper-limit row of the age named; a child's limit is far below an adult's (150 mcg at 4-8 years). */
  upperLimit?: { group: string; mcg: number };
  age: number | null;
  /** "for kids?" with no age: the children's rows of both tables. */
  children: boolean;
}

function audienceOf(kb: KnowledgeBase, ws: readonly string[]): Audience {
  const { rda, upperLimit } = kb.facts;
  const stage = ws.some((w) => w.startsWith('pregnan'))
    ? rda.rows.find((r) => r.group === 'pregnancy')
    : ws.some((w) => w.startsWith('breastfe') || w.startsWith('lactat') || w.startsWith('nursing'))
      ? rda.rows.find((r) => r.group === 'lactation')
      : undefined;
  if (stage) return { rda: stage, age: null, children: false };
  const age = statedAge(ws);
  if (age !== null)
    return {
      rda: rda.rows.find((r) => inAgeGroup(age, r.group)),
      upperLimit: upperLimit.rows.find((r) => inAgeGroup(age, r.group)),
      age,
      children: false,
    };
  return { age: null, children: ws.some((w) => CHILD_WORDS.has(w)) };
}

/** The table's children's rows (whole years, below the adult figure), e.g. "1-3 years: 20 mcg, 4-8 years: 30 mcg". */
function childRows(rows: readonly { group: string; mcg: number }[], adultMcg: number): string {
  return rows
    .filter((r) => /^\d+-\d+ years$/.test(r.group) && r.mcg < adultMcg)
    .map((r) => `${r.group}: ${r.mcg} mcg`)
    .join(', ');
}

/** The adult RDA and upper limit, and those of the group the words name, as a data citation. */
export function intakeFigures(kb: KnowledgeBase, ws: readonly string[]): { text: string; citation: Citation } {
  const { rda, upperLimit } = kb.facts;
  const source = kb.references.find((r) => r.id === rda.sourceId);
  const who = audienceOf(kb, ws);
  const rdaExtra = who.rda
    ? who.age === null
      ? ` (${who.rda.group}: ${who.rda.mcg} mcg a day)`
      : ` (age ${who.age}: the ${who.rda.group} group, ${who.rda.mcg} mcg a day${who.upperLimit ? `, upper limit ${who.upperLimit.mcg} mcg a day` : ''})`
    : who.children
      ? ` (children ${childRows(rda.rows, rda.adultMcg)} a day)`
      : '';
  // The limit a child must stay under is the one a parent needs: never leave them with the adult's alone
  // (a stated age's limit sits beside its RDA above).
  const limitExtra = who.children ? ` (children ${childRows(upperLimit.rows, upperLimit.adultMcg)} a day)` : '';
  const text = `Adult RDA: ${rda.adultMcg} mcg a day${rdaExtra}; tolerable upper intake level: ${upperLimit.adultMcg} mcg a day for adults${limitExtra}.`;
  return {
    text,
    citation: {
      kind: 'data',
      quote: text,
      section: source?.title ?? rda.sourceId,
      sourceId: rda.sourceId,
      url: source?.url ?? null,
    },
  };
}

/** Whether an age falls in an RDA row's group ("14-18 years", "19+ years"; months and life stages never). */
function inAgeGroup(age: number, group: string): boolean {
  const range = /^(\d+)-(\d+) years$/.exec(group);
  if (range) return age >= Number(range[1]) && age <= Number(range[2]);
  const from = /^(\d+)\+ years$/.exec(group);
  return from !== null && age >= Number(from[1]);
}

export interface DoseCheck {
  /**
   * The member's own numbers: a total (supplement mcg plus named foods) or a multiple of a reference amount
   * ("double the RDA") checked against the RDA and upper limit, or an amount in another unit ("the upper
   * limit in mg", "55 mcg is how many mg").
   */
  answer(message: string, q: Analysed, normalise?: Normalise): Answer | null;
  /**
   * "What's that in milligrams?" in a conversation: the last answer (`again`, asked again) with its amounts
   * in the unit asked; null for any other message, or when the last answer states no amount.
   */
  unitFollowUp(message: string, again: () => Answer | null): Answer | null;
}

/** Words a bare unit question may hold besides the unit: "so what's that in mg then?", "convert pls". */
const UNIT_ONLY_WORDS = new Set(
  'so ok okay and then pls plz please convert converted thats figure figures number numbers amount amounts those'.split(
    ' ',
  ),
);

/** Words that name a reference amount or ask for one ("upper limit", "how much a day"). */
const REFERENCE_WORDS =
  'upper limit rda intake dose amount much daily need recommended maximum max tolerable allowance';

/** Words an amount question may hold besides its amounts and selenium (a multiple, a unit, "still", "if"). */
const AMOUNT_QUESTION_WORDS =
  'double doubled doubling twice triple tripled tripling thrice quadruple half times x mg milligram milligrams ' +
  'mcg microgram micrograms ug convert converted conversion still if value values figure figures allowance ' +
  'requirement tolerable level upper limit ul dv rda';

export function createDoseCheck(ctx: EngineContext): DoseCheck {
  const { kb, foods, stemOf } = ctx;
  const supplementCues = new Set(words(SUPPLEMENT_CUES).map(stemOf));
  const doseCues = new Set(words(DOSE_QUESTION_CUES).map(stemOf));
  const termsOf = (text: string): string[] => analyse(text, ctx.lexicon, undefined, stemOf).terms;
  // What an amount question about selenium itself may name: amounts, limits, units, selenium, light words.
  const amountTerms = new Set([
    ...termsOf(LIMIT_WORDS),
    ...termsOf(AMOUNT_QUESTION_WORDS),
    ...termsOf(DOSE_QUESTION_CUES),
    ...termsOf(SUPPLEMENT_CUES),
    ...ctx.seleniumTerms,
  ]);
  const referenceTerms = new Set(termsOf(REFERENCE_WORDS));
  /** Nothing but an amount of selenium asked: "how many mg of caffeine" or "double the zinc RDA" name more. */
  const onlyAmounts = (q: Analysed): boolean =>
    q.terms.every((t) => amountTerms.has(t) || ctx.index.lightTerms.has(t) || /^\d/.test(t));

  function namedFoods(message: string): FoodResult[] {
    const found = new Map<string, FoodResult>();
    for (const piece of message.slice(0, 500).split(FOOD_PIECES)) {
      const hit = foods.findInText(piece);
      if (hit?.result.found && hit.result.id && hit.result.mcg !== null) found.set(hit.result.id, hit.result);
    }
    return [...found.values()];
  }

  function answer(message: string, q: Analysed, normalise: Normalise = normaliseText): Answer | null {
    const own = total(message, q, normalise);
    if (own || !onlyAmounts(q)) return own;
    return multiple(message, q) ?? converted(message, q);
  }

  /** "If I double the RDA is that still safe?": the multiple worked out and set against the upper limit. */
  function multiple(message: string, q: Analysed): Answer | null {
    const asked = referenceMultiple(message);
    if (!asked) return null;
    const who = audienceOf(kb, q.original);
    const limits = limitsFor(kb, who);
    const base = asked.reference === 'upper-limit' ? limits.upperLimit : (who.rda?.mcg ?? limits.rda);
    const amount = asked.times * base;
    const unit = askedUnit(message)?.unit;
    const shown = (mcg: number): string =>
      unit === 'mg' ? `${inUnit(mcg, 'mcg')} (${inUnit(mcg, 'mg')})` : inUnit(mcg, 'mcg');
    const named = referenceName(asked.reference, who.rda && asked.reference === 'rda' ? who.rda.group : null);
    const sum = `${timesWord(asked.times)} ${named} (${asked.times} × ${base} mcg) is ${shown(amount)} a day.`;
    return amountAnswer(
      `${sum} ${verdictFor(round(amount), limits)} The upper limit counts selenium from food and supplements together, so a supplement that size plus a normal diet comes to more.`,
      intakeFigures(kb, q.original).citation,
    );
  }

  /** "What's the upper limit in milligrams?", "55 mcg is how many mg": the amounts in the unit asked. */
  function converted(message: string, q: Analysed): Answer | null {
    const asked = askedUnit(message);
    if (!asked) return null;
    const stated = statedAmounts(message.replace(asked.phrase, ' ')).filter((a) => a.unit !== asked.unit);
    // Only a unit asked, with no amount stated, must still ask about the reference amounts.
    if (!stated.length && !q.terms.some((t) => referenceTerms.has(t))) return null;
    const figures = intakeFigures(kb, q.original);
    const who = audienceOf(kb, q.original);
    const { rda, upperLimit } = kb.facts;
    const scale = `The adult RDA is ${rda.adultMcg} mcg (${inUnit(rda.adultMcg, 'mg')}) a day and the tolerable upper intake level ${upperLimit.adultMcg} mcg (${inUnit(upperLimit.adultMcg, 'mg')}) a day.`;
    // A group's own figures (pregnancy, an age, children) beside the adult ones.
    const limit = who.upperLimit && who.upperLimit.mcg !== upperLimit.adultMcg ? who.upperLimit : null;
    const group = who.rda
      ? ` For ${who.rda.group}: RDA ${who.rda.mcg} mcg (${inUnit(who.rda.mcg, 'mg')})${limit ? `, upper limit ${limit.mcg} mcg (${inUnit(limit.mcg, 'mg')})` : ''} a day.`
      : who.children
        ? ` ${figures.text}`
        : '';
    const text = stated.length
      ? `${stated.map((a) => `${a.written} is ${inUnit(a.mcg, asked.unit)}`).join('; ')} (1 mg = 1,000 mcg). ${scale}`
      : `${scale} (1 mg = 1,000 mcg.)${group}`;
    return amountAnswer(text, figures.citation);
  }

  function amountAnswer(text: string, citation: Citation): Answer {
    return {
      answered: true,
      confidence: FOOD_CONFIDENCE,
      text: `${text} The article itself gives no amounts; these figures are from the reference tables.`,
      citations: [citation],
      suggestions: [],
      disclaimer: DISCLAIMER,
      route: 'food',
      matchId: null,
      safety: safetyLine(kb),
      evidence: [],
      followUpOf: null,
    };
  }

  /** The member's own total: a supplement's mcg (times a count) plus the foods named. */
  function total(asked: string, q: Analysed, normalise: Normalise): Answer | null {
    // "0.1 mg a day": a dose in milligrams is read in mcg, and the answer says how it was converted.
    const mg = withMilligramsInMcg(asked);
    const message = mg?.text ?? asked;
    const normalised = normalise(message);
    const dose = doseIn(normalised);
    // As typed, not q.original: "ok?" and "fine right?" are chat filler to matching, but here they ask.
    const stems = words(normalised).map(stemOf);
    if (!dose || !stems.some((s) => doseCues.has(s))) return null;
    if (!dose.perDay && !stems.some((s) => supplementCues.has(s))) return null;
    const supplement = dose.mcg * dose.count;
    const named = namedFoods(message);
    const total = supplement + named.reduce((sum, f) => sum + (f.mcg ?? 0), 0);
    const items = [
      dose.count > 1
        ? `your ${dose.count} × ${dose.mcg} mcg (${round(supplement)} mcg)`
        : `your ${supplement} mcg supplement`,
      ...named.map((f) => `${f.name} (${f.mcg} mcg per ${f.serving})`),
    ];
    const sum = named.length ? `Adding it up: ${items.join(' + ')} = about ${round(total)} mcg a day.` : '';
    const who = audienceOf(kb, q.original);
    const { upperLimit } = kb.facts;
    const verdict = `${verdictFor(total, limitsFor(kb, who))}${who.children ? ` A child's upper limit is lower (${childRows(upperLimit.rows, upperLimit.adultMcg)} a day).` : ''}`;
    const figures = intakeFigures(kb, q.original);
    const foodCitations = named.flatMap((f) => foods.describe(f).citations.slice(0, 1));
    return {
      answered: true,
      confidence: FOOD_CONFIDENCE,
      text: `${mg ? `${mg.note} ` : ''}${sum || (dose.count > 1 ? `${dose.count} × ${dose.mcg} mcg a day: ${round(supplement)} mcg.` : `A ${supplement} mcg supplement a day, on its own.`)} ${verdict} The article itself gives no amounts; these figures are from the reference tables. Food amounts vary, so this is an estimate.`,
      citations: [...foodCitations, figures.citation],
      suggestions: [],
      disclaimer: DISCLAIMER,
      route: 'food',
      matchId: named[0]?.id ?? null,
      safety: safetyLine(kb),
      evidence: [],
      followUpOf: null,
    };
  }

  function unitFollowUp(message: string, again: () => Answer | null): Answer | null {
    const asked = askedUnit(message);
    if (!asked || statedAmounts(message).length) return null;
    const rest = words(normaliseText(message.toLowerCase().replace(asked.phrase, ' ')));
    if (!rest.every((w) => STOPWORDS.has(w) || UNIT_ONLY_WORDS.has(w))) return null;
    const last = again();
    if (!last?.answered) return null;
    const said = [last.text, ...last.citations.map((c) => c.quote)].join(' ');
    const amounts = new Map(
      statedAmounts(said)
        .filter((a) => a.unit !== asked.unit)
        .map((a) => [a.written, `${a.written} is ${inUnit(a.mcg, asked.unit)}`]),
    );
    if (!amounts.size) return null;
    const unitName = asked.unit === 'mg' ? 'milligrams' : 'micrograms';
    return {
      ...last,
      text: `${last.text} In ${unitName}: ${[...amounts.values()].join('; ')} (1 mg = 1,000 mcg).`,
      followUpOf: last.matchId,
    };
  }

  return { answer, unitFollowUp };
}

const round = (n: number): number => Math.round(n * 10) / 10;

const TIMES_WORDS: Readonly<Record<number, string>> = { 0.5: 'Half', 2: 'Double', 3: 'Three times', 4: 'Four times' };
const timesWord = (times: number): string => TIMES_WORDS[times] ?? `${times} times`;

/** "the adult RDA", "the pregnancy RDA", "the adult upper limit". */
const referenceName = (reference: Reference, group: string | null): string =>
  reference === 'upper-limit' ? 'the upper limit' : group ? `the RDA for ${group}` : 'the adult RDA';

/** The RDA and upper limit a total is checked against, and whose they are ("adult", "age 7"). */
interface Limits {
  rda: number;
  upperLimit: number;
  whose: string;
}

/** A stated child's own figures when the tables have them; the adult figures otherwise. */
function limitsFor(kb: KnowledgeBase, who: Audience): Limits {
  const { rda, upperLimit } = kb.facts;
  if (who.age !== null && who.upperLimit && who.rda && who.upperLimit.mcg < upperLimit.adultMcg)
    return { rda: who.rda.mcg, upperLimit: who.upperLimit.mcg, whose: `the ${who.upperLimit.group} group's` };
  return { rda: rda.adultMcg, upperLimit: upperLimit.adultMcg, whose: 'the adult' };
}

function verdictFor(total: number, { rda, upperLimit, whose }: Limits): string {
  if (total > upperLimit) return `That is above ${whose} upper limit of ${upperLimit} mcg a day.`;
  if (total === upperLimit)
    return `That is ${whose} upper limit of ${upperLimit} mcg a day itself, with no room for selenium from food.`;
  if (total >= rda)
    return `That is at or above ${whose} RDA of ${rda} mcg and ${total >= NEAR_LIMIT * upperLimit ? 'just ' : ''}below the upper limit of ${upperLimit} mcg a day.`;
  return `That is below ${whose} RDA of ${rda} mcg and well below the upper limit of ${upperLimit} mcg a day.`;
}

/** A total at or above this share of the upper limit is "just below" it: little room for a richer meal. */
const NEAR_LIMIT = 0.8;
