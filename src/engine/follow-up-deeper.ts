// Two ways a "why?" or "how?" narrows what it asks, read from its words alone:
// - deeper: "how tho, like chemically", "how exactly?", "why, biologically?": the mechanism beneath the
//   last answer, even when that answer explained how already (the topic around it that explains further);
// - of the group: "why them?", "why those people?": why the group the last answer named, which only the
//   sentence naming them speaks to (a topic explaining the claim in general is not about them).

/**
 * Words that ask for the mechanism beneath an explanation (as normalised). They name nothing. Not the
 * article's own words ("molecular mechanisms", "biological effect", "physiological functions"): a message
 * with those names one of its topics ("what are the molecular mechanisms they talk about").
 */
export const DEEPER_WORDS: ReadonlySet<string> = new Set(
  `chemically chemical biochemically mechanistically exactly precisely technically scientifically deeper`.split(/\s+/),
);

/** Pronouns pointing back at several people or things the last answer named. */
const GROUP_PRONOUNS = new Set(['them', 'they', 'those', 'these']);

/** Of a why or how, whether it asks for the mechanism beneath the last answer. */
export const asksDeeper = (words: readonly string[]): boolean => words.some((w) => DEEPER_WORDS.has(w));

/** A why (`explains`) about the group the last answer named: "why them?", "but why those?". */
export const asksWhyOfGroup = (words: readonly string[], explains: boolean): boolean =>
  explains && words.some((w) => GROUP_PRONOUNS.has(w));
