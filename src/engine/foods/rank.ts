import type { UsdaFoodRow } from '../../knowledge/schema.js';
import { canNameFood, foodTokens, normaliseFoodText } from './text.js';

// How USDA rows are ranked for a query: members say "salmon", the table says
// "Fish, salmon, Atlantic, wild, raw" next to "USDA Commodity, salmon nuggets" and brand products.
// SR descriptions name the food first and qualify it after each comma, so where the query's words
// sit in the description says how generic a match is (the tier), and brand / restaurant / baby food
// rows get a penalty large enough to rank them after generic rows of the next tiers.

/** First segments that name a group rather than the food ("Fish, salmon" is salmon). */
const GROUP_PREFIXES = new Set([
  'fish',
  'mollusk',
  'crustacean',
  'seed',
  'nut',
  'spice',
  'cereal',
  'cereal ready to eat',
  'game meat',
  'beverage',
  'alcoholic beverage',
  'snack',
  'candy',
  // Penalised below anyway, but "Fast foods, hot dog" is still a hot dog, not a pickle relish.
  'fast food',
  'babyfood',
]);

/** Rows members rarely mean when they type a plain food name. */
const SPECIAL_MARKERS = [
  'babyfood',
  'baby food',
  'infant formula',
  'toddler',
  'fast food',
  'restaurant',
  'usda commodity',
  'campbell',
  'alaska native',
  'navajo',
  'hopi',
  'apache',
  'shoshone bannock',
  'northern plain',
  'school lunch',
  'formulated bar',
];
const SPECIAL_GROUPS = new Set(['03', '21', '22', '33', '35', '36']);
/** All-caps words that are not brand names. */
const NOT_BRANDS = new Set(['USDA', 'NFS', 'DHA', 'ARA', 'II', 'III', 'RTE', 'RTF', 'UHT', 'NS']);
/**
 * Forms further from the plain food than members mean unless they ask for them, with their cost.
 * Stand-ins ("Bacon, meatless", "Crab, imitation") cost more than three tiers, so a real food whose
 * head merely contains the word ("Canadian bacon", tier 3) beats them; processed forms (powders,
 * mixes, dried) cost less than a tier.
 */
const STAND_IN_COST = 35;
const FORM_COST = new Map<string, number>([
  ...['meatless', 'imitation', 'substitute', 'analog', 'vegetarian', 'vegan', 'surimi'].map(
    (w) => [w, STAND_IN_COST] as const,
  ),
  ...[
    'dried',
    'dehydrated',
    'powder',
    'powdered',
    'mix',
    'concentrate',
    'flour',
    'oil',
    'reduced',
    'free',
    'topping',
    'freeze',
    'instant',
    'unprepared',
    'microwaved',
  ].map((w) => [w, 2] as const),
  ...['canned', 'frozen', 'pickled', 'smoked', 'salted', 'sweetened', 'enhanced'].map((w) => [w, 1] as const),
]);
/** Preparations that keep a row plain: a segment made only of these is not a qualifier. */
const PLAIN_PREP = new Set([
  'raw',
  'cooked',
  'boiled',
  'roasted',
  'baked',
  'broiled',
  'steamed',
  'dry',
  'moist',
  'heat',
  'drained',
  'without',
  'salt',
]);
const PLAIN_STATE = new Set(['raw', 'cooked', 'boiled', 'roasted', 'baked', 'broiled', 'steamed']);
const QUALIFIER_COST = 0.4;
/** Less than a qualifier: an "all varieties" row beats one named variety, not a plainer preparation. */
const GENERIC_BONUS = 0.5;
const SALTED_COST = 0.5;

export const BRAND_PENALTY = 15;
const TIER_WEIGHT = 10;
/** Tiers up to this one mean the query's words name the food (not just appear in a long description). */
export const NAMING_TIER = 4;
/**
 * Tiers up to this one mean the words name the food's head or a whole naming segment ("cheddar" in
 * "Cheese, cheddar"): the bar for free text, where "dog" must not find "Pickle relish, hot dog".
 */
export const SEGMENT_TIER = 2;

/**
 * What ranking needs of a USDA row. Held for all ~6,700 rows at once, so it is kept compact: one flat,
 * interned token list per row, and its comma segments as end offsets into it. The head, core, name and
 * naming segments are ranges of those segments (see `headOf` and friends), not arrays of their own.
 */
export interface RowFeatures {
  index: number;
  ndb: string;
  description: string;
  /** Every comma segment's tokens, in order. */
  tokens: readonly string[];
  /** Where each comma segment ends in `tokens` (segments are never empty). */
  ends: readonly number[];
  /** Whether the first segment names a group ("Fish, salmon"): the naming part then starts one segment later. */
  grouped: boolean;
  special: boolean;
  /** Rank cost that does not depend on the query: brand, qualifiers, length, plain preparation. */
  baseCost: number;
  /** Words of processed or stand-in forms with their cost, charged unless the query asks for them. */
  forms: readonly (readonly [word: string, cost: number])[];
}

/** Most rows have no costed form: they all share this one empty list. */
const NO_FORMS: readonly (readonly [string, number])[] = Object.freeze([]);

const segmentStart = (f: RowFeatures, k: number): number => (k === 0 ? 0 : (f.ends[k - 1] as number));
const segmentEnd = (f: RowFeatures, k: number): number => f.ends[Math.min(k, f.ends.length - 1)] ?? 0;

/** Token range of the head: the first segment, or the group word and the second (when there is one). */
const headEnd = (f: RowFeatures): number => segmentEnd(f, f.grouped ? 1 : 0);
/** The core is the head without the group word. */
const coreStart = (f: RowFeatures): number => (f.grouped ? segmentStart(f, 1) : 0);
/** The name: the head and the next segment. */
const nameEnd = (f: RowFeatures): number => segmentEnd(f, f.grouped ? 2 : 1);
/** Naming segments: the first two after any group word. */
const namingSegments = (f: RowFeatures): [from: number, to: number] => {
  const from = f.grouped ? 1 : 0;
  return [from, Math.min(from + 2, f.ends.length)];
};

/** The comma segments' tokens, one array each (allocates: for views and tests, not ranking). */
export const segmentsOf = (f: RowFeatures): string[][] =>
  f.ends.map((end, k) => f.tokens.slice(segmentStart(f, k), end));
/** The naming part: first segment, or the second with its group word ("Fish, salmon"). */
export const headOf = (f: RowFeatures): string[] => f.tokens.slice(0, headEnd(f));
/** Head without the group word: all of it must be asked for to be an exact name match. */
export const coreOf = (f: RowFeatures): string[] => f.tokens.slice(coreStart(f), headEnd(f));
/** First two naming segments (the food and its main qualifier), with any group word. */
export const nameOf = (f: RowFeatures): string[] => f.tokens.slice(0, nameEnd(f));
/** The naming segments one by one ("Cheese, cheddar": cheese | cheddar). */
export const nameSegmentsOf = (f: RowFeatures): string[][] => {
  const [from, to] = namingSegments(f);
  return segmentsOf(f).slice(from, to);
};

/** Features of one row. `intern` lets a whole table share one string per distinct token. */
function buildFeatures(row: UsdaFoodRow, index: number, shared: Sharing): RowFeatures {
  const { intern } = shared;
  const [ndb, description] = row;
  const segments = description
    .split(',')
    .map((s) => foodTokens(s).map(intern))
    .filter((s) => s.length);
  const first = segments[0] ?? [];
  const grouped = GROUP_PREFIXES.has(first.join(' ')) && segments.length > 1;
  const norm = normaliseFoodText(description);
  const brand = (description.match(/\b[A-Z][A-Z'&.-]{2,}\b/g) ?? []).some((w) => !NOT_BRANDS.has(w));
  const special = brand || SPECIAL_GROUPS.has(ndb.slice(0, 2)) || SPECIAL_MARKERS.some((m) => norm.includes(m));
  const tokens = segments.flat().slice();
  let end = 0;
  const ends = shared.ends(segments.map((seg) => (end += seg.length)));
  // Fewer qualifiers is more generic: "Mushrooms, white, raw" has one ("white"), preparation segments
  // ("cooked, dry heat") none, so plain raw or cooked rows are not penalised for saying how they were made.
  const rest = segments.slice(grouped ? 2 : 1);
  // "all types", "all commercial varieties": the row that stands for every variety is the generic one.
  const generic = rest.some((seg) => seg[0] === 'all');
  const qualifiers = rest.filter((seg) => !seg.every((w) => PLAIN_PREP.has(w)) && seg[0] !== 'all').length;
  let baseCost = (special ? BRAND_PENALTY : 0) + QUALIFIER_COST * qualifiers + 0.01 * description.length;
  if (generic) baseCost -= GENERIC_BONUS;
  // Plain foods are unsalted: "with salt added" is a variant of the row without it.
  if (rest.some((seg) => seg.includes('with') && seg.includes('salt'))) baseCost += SALTED_COST;
  if (tokens.some((t) => PLAIN_STATE.has(t))) baseCost -= 1;
  const forms = [...new Set(tokens)].flatMap((t): [string, number][] => {
    const cost = FORM_COST.get(t);
    return cost === undefined ? [] : [[t, cost]];
  });
  return { index, ndb, description, tokens, ends, grouped, special, baseCost, forms: shared.forms(forms) };
}

/**
 * How one build shares what rows have in common: a string per distinct token, and one frozen list per
 * distinct segment layout ("Cheese, cheddar, raw" and "Beans, snap, cooked" both end at 1, 2, 3) and
 * per distinct set of forms. Read-only once built, so sharing is safe.
 */
interface Sharing {
  intern(token: string): string;
  ends(ends: number[]): readonly number[];
  forms(forms: [string, number][]): readonly (readonly [string, number])[];
}

function sharing(): Sharing {
  const tokens = new Map<string, string>();
  const lists = new Map<string, readonly unknown[]>();
  const shared = <T>(list: T[], key: string): readonly T[] => {
    const known = lists.get(key) as readonly T[] | undefined;
    if (known) return known;
    const frozen = Object.freeze(list);
    lists.set(key, frozen);
    return frozen;
  };
  return {
    intern(token) {
      const known = tokens.get(token);
      if (known !== undefined) return known;
      tokens.set(token, token);
      return token;
    },
    ends: (ends) => shared(ends, `e${ends.join(',')}`),
    forms: (forms) => (forms.length ? shared(forms, `f${forms.join(';')}`) : NO_FORMS),
  };
}

/** Features of one row, on their own (tests, one-off use). */
export const rowFeatures = (row: UsdaFoodRow, index: number): RowFeatures => buildFeatures(row, index, sharing());

/** Features of a whole table built with one `Sharing`: thousands of rows, a few thousand distinct words. */
export function tableFeatures(rows: readonly UsdaFoodRow[]): RowFeatures[] {
  const shared = sharing();
  return rows.map((row, i) => buildFeatures(row, i, shared));
}

/** Cost of the processed and stand-in forms a row has and the query did not ask for. */
export function formCost(f: RowFeatures, asked: ReadonlySet<string> = new Set()): number {
  let sum = 0;
  for (const form of f.forms) if (!asked.has(form[0])) sum += form[1];
  return sum;
}

/** Each query word with the table words it may match (itself, its completions or typo fixes). */
export interface QueryTerm {
  word: string;
  accept: ReadonlySet<string>;
  /** True when the word was corrected (a typo): costs rank. */
  fuzzy: boolean;
}

/** Every table word a query accepts; computed once per query, not per row. */
export const askedWords = (terms: readonly QueryTerm[]): ReadonlySet<string> =>
  new Set(terms.flatMap((t) => [...t.accept]));

/** Whether a token in [from, to) is one the term accepts. */
function hits(tokens: readonly string[], from: number, to: number, term: QueryTerm): boolean {
  for (let i = from; i < to; i++) if (term.accept.has(tokens[i] as string)) return true;
  return false;
}

/** Whether some term accepts the token. Plain loops here and below: they run for every candidate row. */
function accepted(terms: readonly QueryTerm[], token: string): boolean {
  for (const t of terms) if (t.accept.has(token)) return true;
  return false;
}

/** Whether every term hits a token in [from, to). */
function allHit(tokens: readonly string[], from: number, to: number, terms: readonly QueryTerm[]): boolean {
  for (const t of terms) if (!hits(tokens, from, to, t)) return false;
  return true;
}

/** Whether every token in [from, to) is asked for or, with `orUnnaming`, cannot name a food. */
function allAsked(
  tokens: readonly string[],
  from: number,
  to: number,
  asked: ReadonlySet<string>,
  orUnnaming: boolean,
): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i] as string;
    if (!asked.has(t) && !(orUnnaming && !canNameFood(t))) return false;
  }
  return true;
}
export interface RowMatch {
  /** Lower is better. */
  cost: number;
  /** 0-1: the query names the food; 2-4: the food's name has extra words; 5: the words are elsewhere. */
  tier: number;
}

/**
 * Whether a row names what a query term says, rather than mentioning it in passing: the term is in the
 * naming part ("Fish, tuna, fresh"), or it is a whole segment with only words that cannot name a food
 * beside it ("Tea, herb, chamomile, brewed", "Pears, raw, bartlett"), not a word of a longer qualifier
 * ("Pasta mix, classic beef", "Leavening agents, baking powder, double-acting"). Other words the
 * query asked for may share the segment.
 */
export function namesTerm(f: RowFeatures, term: QueryTerm, asked: ReadonlySet<string>): boolean {
  if (hits(f.tokens, 0, nameEnd(f), term)) return true;
  for (let k = 0; k < f.ends.length; k++) {
    const from = segmentStart(f, k);
    const to = f.ends[k] as number;
    if (hits(f.tokens, from, to, term) && allAsked(f.tokens, from, to, asked, true)) return true;
  }
  return false;
}

/** How well a row matches a query, or null when some query word is missing from it. */
export function rowMatch(
  f: RowFeatures,
  terms: readonly QueryTerm[],
  asked: ReadonlySet<string> = askedWords(terms),
): RowMatch | null {
  const { tokens } = f;
  if (!terms.length || !allHit(tokens, 0, tokens.length, terms)) return null;
  const head = headEnd(f);
  const inHead = allHit(tokens, 0, head, terms);
  const inName = inHead || allHit(tokens, 0, nameEnd(f), terms);
  let coreCovered = true;
  for (let i = coreStart(f); i < head && coreCovered; i++) coreCovered = accepted(terms, tokens[i] as string);
  // "cheddar" names the variety segment of "Cheese, cheddar" exactly: better than "cheddar" inside
  // a longer head such as "Cheddar cheese sauce".
  let segmentExact = false;
  const [first, last] = namingSegments(f);
  for (let k = first; k < last && !segmentExact; k++) {
    const from = segmentStart(f, k);
    const to = f.ends[k] as number;
    segmentExact =
      to - from === terms.length && allHit(tokens, from, to, terms) && allAsked(tokens, from, to, asked, false);
  }
  // "low fat yogurt": "Yogurt, plain, low fat" names the food and says "low fat" in a qualifier of its own;
  // it must beat "Margarine-like spread with yogurt, 70% fat", where the food is another food's ingredient.
  // A row that names every word in its name ("Milk, whole") still comes first.
  let qualified = !inName && coreCovered;
  for (let k = 0; k < terms.length && qualified; k++) qualified = namesTerm(f, terms[k] as QueryTerm, asked);
  const tier =
    inHead && coreCovered ? 0 : inName && coreCovered ? 1 : segmentExact || qualified ? 2 : inHead ? 3 : inName ? 4 : 5;
  let cost = tier * TIER_WEIGHT + f.baseCost;
  for (const t of terms) if (t.fuzzy) cost += 3;
  cost += formCost(f, asked);
  return { cost, tier };
}
