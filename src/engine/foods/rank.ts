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

export interface RowFeatures {
  index: number;
  ndb: string;
  description: string;
  tokens: string[];
  /** The naming part: first segment, or the second when the first is a group ("Fish, salmon"). */
  head: string[];
  /** Head without the group word: all of it must be asked for to be an exact name match. */
  core: string[];
  /** First two naming segments (the food and its main qualifier). */
  name: string[];
  /** The naming segments one by one ("Cheese, cheddar": cheese | cheddar). */
  nameSegments: string[][];
  /** Every comma segment, in order. */
  segments: string[][];
  special: boolean;
  /** Rank cost that does not depend on the query: brand, qualifiers, length, plain preparation. */
  baseCost: number;
  /** Words of processed or stand-in forms with their cost, charged unless the query asks for them. */
  forms: [word: string, cost: number][];
}

export function rowFeatures(row: UsdaFoodRow, index: number): RowFeatures {
  const [ndb, description] = row;
  const segments = description
    .split(',')
    .map((s) => foodTokens(s))
    .filter((s) => s.length);
  const first = segments[0] ?? [];
  const grouped = GROUP_PREFIXES.has(first.join(' ')) && segments.length > 1;
  const core = grouped ? (segments[1] ?? []) : first;
  const head = grouped ? [...first, ...core] : first;
  const nameSegs = grouped ? segments.slice(1, 3) : segments.slice(0, 2);
  const name = [...(grouped ? first : []), ...nameSegs.flat()];
  const norm = normaliseFoodText(description);
  const brand = (description.match(/\b[A-Z][A-Z'&.-]{2,}\b/g) ?? []).some((w) => !NOT_BRANDS.has(w));
  const special = brand || SPECIAL_GROUPS.has(ndb.slice(0, 2)) || SPECIAL_MARKERS.some((m) => norm.includes(m));
  const tokens = segments.flat();
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
  return {
    index,
    ndb,
    description,
    tokens,
    head,
    core,
    name,
    nameSegments: nameSegs,
    segments,
    special,
    baseCost,
    forms,
  };
}

/** Cost of the processed and stand-in forms a row has and the query did not ask for. */
export const formCost = (f: RowFeatures, asked: ReadonlySet<string> = new Set()): number =>
  f.forms.reduce((sum, [word, cost]) => (asked.has(word) ? sum : sum + cost), 0);

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

const hits = (tokens: readonly string[], term: QueryTerm): boolean => tokens.some((t) => term.accept.has(t));

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
  if (hits(f.name, term)) return true;
  return f.segments.some((seg) => hits(seg, term) && seg.every((t) => asked.has(t) || !canNameFood(t)));
}

/** How well a row matches a query, or null when some query word is missing from it. */
export function rowMatch(
  f: RowFeatures,
  terms: readonly QueryTerm[],
  asked: ReadonlySet<string> = askedWords(terms),
): RowMatch | null {
  if (!terms.length || !terms.every((t) => hits(f.tokens, t))) return null;
  const inHead = terms.every((t) => hits(f.head, t));
  const inName = inHead || terms.every((t) => hits(f.name, t));
  const coreCovered = f.core.every((c) => terms.some((t) => t.accept.has(c)));
  // "cheddar" names the variety segment of "Cheese, cheddar" exactly: better than "cheddar" inside
  // a longer head such as "Cheddar cheese sauce".
  const segmentExact = f.nameSegments.some(
    (seg) => seg.length === terms.length && terms.every((t) => hits(seg, t)) && seg.every((w) => asked.has(w)),
  );
  const tier = inHead && coreCovered ? 0 : inName && coreCovered ? 1 : segmentExact ? 2 : inHead ? 3 : inName ? 4 : 5;
  let cost = tier * TIER_WEIGHT + f.baseCost;
  for (const t of terms) if (t.fuzzy) cost += 3;
  cost += formCost(f, asked);
  return { cost, tier };
}
