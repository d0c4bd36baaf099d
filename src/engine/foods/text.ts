// Text helpers for food names. Queries and table names go through the same functions, so a rough
// singular rule is enough: "peaches" and "peach" both become "peach", whatever English says.

const MAX_QUERY_CHARS = 200;

/** Lowercase, accents off, possessive 's off, anything but letters, digits and % becomes a space. */
export function normaliseFoodText(s: string): string {
  return s
    .slice(0, MAX_QUERY_CHARS * 5)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:oes|ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Normalised, singular tokens; "1%" and numbers kept since they tell table rows apart. */
export function foodTokens(s: string): string[] {
  const norm = normaliseFoodText(s);
  return norm ? norm.split(' ').map(singular) : [];
}

/** The canonical key of a name: its singular tokens in order. */
export const foodKey = (s: string): string => foodTokens(s).join(' ');

/** Word order ignored, so "raw carrots" finds "Carrots, raw". */
export const foodBagKey = (s: string): string => [...foodTokens(s)].sort().join(' ');

/**
 * Words that frame a food question rather than name a food ("how much selenium is in ...").
 * findInText requires every other word of the question to belong to the food it returns from
 * the large USDA table, which keeps "apple laptop" from becoming apples.
 */
export const QUESTION_WORDS = new Set(
  (
    'a an the of in on at to for from with by per and or is are was be been do doe does did has have had ' +
    'contain contains containing content amount amounts level levels quantity value values much many how what which ' +
    'there any some lot lots enough good great best rich richest high higher highest low lower source sources ' +
    'selenium se mcg microgram micrograms ug mg gram grams g food foods eat eating eaten ate get getting give gives ' +
    'provide provides i me my we you your it this that these those can could should would will tell know about ' +
    'please hi hey hello selene serving servings portion portions one two three cup cups ounce ounces oz slice ' +
    'slices piece pieces daily dv percent nutrition nutrient nutrients info information compare than vs versus ' +
    'if whether so just also really very much more most less least number typical typically average ' +
    'check find look up into s handful glass bowl plate spoon spoonful tablespoon teaspoon tbsp tsp mug pint ' +
    'scoop dozen bit bag packet pack jar bottle'
  )
    .split(' ')
    .map(singular),
);

/** Levenshtein distance, capped: only small distances matter for typo checks. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length] ?? cap + 1;
}
