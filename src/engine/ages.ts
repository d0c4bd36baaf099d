// An age a member states ("a 17 yo", "my dad's 70", "aged 16"): who an amount question is for. Read from
// normalised words, where "dad's 70" is "dad 70".

/** Oldest age taken as an age rather than another number. */
const MAX_AGE = 120;

const AGE_PATTERNS: readonly RegExp[] = [
  /(?:^| )(\d{1,3}) (?:yo|y o|yr|yrs|year|years)(?: old)?(?= |$)/,
  /(?:^| )aged? (\d{1,3})(?= |$)/,
  /(?:^| )(?:dad|mom|mum|father|mother|son|daughter|grandma|grandpa|granny|grandad|grandmother|grandfather|husband|wife|brother|sister|kid|child|he|she|hes|shes|im|i am) (?:is )?(\d{1,3})(?= |$)/,
];

/** The age the words state, or null. */
export function statedAge(words: readonly string[]): number | null {
  const text = words.join(' ');
  for (const pattern of AGE_PATTERNS) {
    const age = Number(pattern.exec(text)?.[1] ?? Number.NaN);
    if (age >= 0 && age <= MAX_AGE) return age;
  }
  return null;
}
