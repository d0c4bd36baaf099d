// Readers of the amounts a member writes around the reference figures: an amount asked in another unit
// ("what's the upper limit in milligrams?", "55 mcg is how many mg") and a multiple of a reference amount
// ("if I double the RDA", "3x the daily amount"). Pure text in, numbers out; intake.ts answers with them.
// Read on the message as typed (lowercased), not normalised: normalising splits "0.2" into "0 2".

export type Unit = 'mcg' | 'mg';

const UNIT = '(mcg|micrograms?|ug|µg|μg|mg|milligrams?)';
/** Not inside a longer word: "mg" in "mgmt" is none. */
const END = String.raw`(?![\p{L}\p{N}])`;
/** "in milligrams", "how many mg", "to mcg", "convert that to mg": the unit an amount is asked in. */
const ASKED_UNIT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:in|into|to|as|how many|how much|how much is that in|convert(?:ed)?(?: (?:it|that|this|them))? (?:to|into))\s+${UNIT}${END}`,
  'u',
);
/** "55 mcg", "0.2mg", "400 micrograms": an amount as written, with its unit. */
const STATED = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(\d+(?:[.,]\d+)?)\s*${UNIT}${END}`, 'gu');
/** More than this is a typo or a joke, not a member's amount. */
const MAX_MCG = 10_000_000;

export const unitOf = (word: string): Unit =>
  word.startsWith('m') && word !== 'mcg' && !word.startsWith('mic') ? 'mg' : 'mcg';

const numberOf = (text: string): number => Number(text.replace(',', '.'));

/** The unit a message asks an amount in, or null. */
export function askedUnit(message: string): { unit: Unit; phrase: string } | null {
  const m = ASKED_UNIT.exec(message.toLowerCase());
  return m?.[1] ? { unit: unitOf(m[1]), phrase: m[0] } : null;
}

/** The amounts a text states, in mcg, each with how it was written ("0.2 mg"). */
export function statedAmounts(text: string): { mcg: number; written: string; unit: Unit }[] {
  return [...text.toLowerCase().matchAll(STATED)].flatMap((m) => {
    const n = numberOf(m[1] ?? '');
    const unit = unitOf(m[2] ?? '');
    const mcg = unit === 'mg' ? n * 1000 : n;
    return n > 0 && mcg <= MAX_MCG ? [{ mcg, written: `${formatNumber(n)} ${unit}`, unit }] : [];
  });
}

/**
 * A text whose one amount is in milligrams ("0.1 mg a day"), with that amount written in mcg for the dose
 * reader, and how it was converted; null for any other text (amounts in mcg, or several).
 */
export function withMilligramsInMcg(text: string): { text: string; note: string } | null {
  const amounts = statedAmounts(text);
  const [one] = amounts;
  if (amounts.length !== 1 || !one || one.unit !== 'mg') return null;
  const mcg = String(Number(one.mcg.toPrecision(6)));
  STATED.lastIndex = 0;
  return { text: text.replace(STATED, `${mcg} mcg`), note: `${one.written} is ${inUnit(one.mcg, 'mcg')}.` };
}

/** A number as a person writes it: no float noise ("0.055", not "0.055000000000000004"), thousands grouped. */
export function formatNumber(n: number): string {
  const rounded = Number(n.toPrecision(6));
  const [whole = '0', fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** An amount in mcg written in a unit: "0.055 mg", "400 mcg". */
export const inUnit = (mcg: number, unit: Unit): string =>
  unit === 'mg' ? `${formatNumber(mcg / 1000)} mg` : `${formatNumber(mcg)} mcg`;

/** Which reference amount a member names: the RDA (or Daily Value, the same 55 mcg for adults) or the limit. */
export type Reference = 'rda' | 'upper-limit';

const REFERENCE =
  '(rda|dv|ul|upper limit|tolerable upper (?:intake )?(?:level|limit)|(?:daily|max(?:imum)?|safe) limit|limit|max(?:imum)?|daily (?:value|amount|dose|intake|allowance|requirement|need|recommendation)|recommended (?:daily )?(?:amount|dose|intake|allowance)|recommended amount|(?:normal|usual|suggested) (?:daily )?(?:amount|dose|intake))';
const TIMES = String.raw`(double|doubled|doubling|twice|triple|tripled|tripling|thrice|quadruple|half|(\d+(?:[.,]\d+)?)\s*(?:x|times))`;
/** "double the RDA", "3x the daily amount", "twice my recommended dose", "half the upper limit". */
const MULTIPLE_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${TIMES}\s+(?:(?:the|my|your|of|that|what|is)\s+){0,3}${REFERENCE}${END}`,
  'u',
);
/** "the RDA times 3", "rda x2", "the upper limit doubled". */
const MULTIPLE_AFTER = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${REFERENCE}\s+(?:(?:times|x)\s*(\d+(?:[.,]\d+)?)|(doubled|tripled))${END}`,
  'u',
);
const MULTIPLE_WORDS: Readonly<Record<string, number>> = {
  double: 2,
  doubled: 2,
  doubling: 2,
  twice: 2,
  triple: 3,
  tripled: 3,
  tripling: 3,
  thrice: 3,
  quadruple: 4,
  half: 0.5,
};
/** More than this many times a reference amount is no dose anyone takes: read as something else. */
const MAX_MULTIPLE = 100;

const referenceOf = (phrase: string): Reference =>
  /(?:^|\s)(?:ul|upper|tolerable|limit|max|maximum)(?:\s|$)/.test(phrase) ? 'upper-limit' : 'rda';

/** A multiple of a reference amount a message names, or null. `phrase`: the words that say it. */
export function referenceMultiple(message: string): { times: number; reference: Reference; phrase: string } | null {
  const text = message.toLowerCase().replace(/\s+/g, ' ');
  const before = MULTIPLE_BEFORE.exec(text);
  const after = before ? null : MULTIPLE_AFTER.exec(text);
  const m = before ?? after;
  if (!m) return null;
  const [phrase, a, b, c] = m;
  // Before: (word or "3x", its number, the reference); after: (reference, its number, "doubled").
  const times = before
    ? b
      ? numberOf(b)
      : (MULTIPLE_WORDS[(a ?? '').trim()] ?? Number.NaN)
    : b
      ? numberOf(b)
      : (MULTIPLE_WORDS[c ?? ''] ?? Number.NaN);
  if (!(times > 0 && times <= MAX_MULTIPLE) || times === 1) return null;
  return { times, reference: referenceOf(before ? (c ?? '') : (a ?? '')), phrase };
}
