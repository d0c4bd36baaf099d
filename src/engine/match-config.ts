// The matcher's tunable numbers in one place (match-index.ts builds with them, matcher.ts ranks with them).

/** What a document's fields are worth when a question word is found in them. */
export const FIELD_WEIGHTS = {
  question: 1,
  keyword: 1,
  title: 0.9,
  quote: 0.75,
} as const;

export type Field = keyof typeof FIELD_WEIGHTS;

/** Tuning constants in one place; calibrated on the eval sets (npm run eval). */
export const MATCH_CONFIG = {
  /** Weight of a word the knowledge base never uses, as a share of the rarest known word's weight. */
  unknownWeightShare: 0.8,
  /** Share of that weight for an unknown word common in spoken English ("write", "sound") in a question
   *  of `chattyTerms` terms or more: chat around it, not a subject the article lacks ("zinc" keeps it all;
   *  so does "book" in "how do i publish a book", where every word is the question). */
  commonUnknownShare: 0.5,
  chattyTerms: 5,
  /** Weight multiplier of topic-neutral words such as "help", "work", "good". */
  lightWeight: 0.25,
  /** How much the best-matching phrasing's own coverage counts (the rest is the question's coverage). */
  phrasingShare: 0.3,
  /** Bonus, times the share of the question's neighbouring word pairs (either order) the entry also has. */
  bigramBonus: 0.16,
  /** Extra credit per further field a word is in (quote as well as question): ties between similar
   *  phrasings go to the entry whose quotes say what is asked. */
  extraFieldCredit: 0.1,
  /** How much that extra credit may move the ranking (it never changes the reported confidence). */
  tieBreakShare: 0.2,
  /**
   * Ranking handicap (never applied to the reported confidence) for a document whose title has words no
   * other document uses when the question uses none of them: a narrow entry (one product, one molecule)
   * should not win a general question just because its quotes happen to share the question's words.
   */
  unnamedPenalty: 0.05,
  /**
   * Long, chatty messages explain little of their many words even when on topic. An entry that matches
   * at least `evidenceTerms` distinct informative words (idf >= `informativeIdf`) worth `evidenceWeight`
   * in all is answered anyway, scoring `evidenceScore` (just above ANSWER_THRESHOLD in index.ts).
   */
  evidenceTerms: 3,
  informativeIdf: 0.9,
  evidenceWeight: 4,
  evidenceScore: 0.6,
  /** A word of an entry's phrasings other than the closest one counts this much (see coveredBy). */
  otherPhrasingWeight: 0.7,
  /**
   * Times the above for a word that one story-like phrasing of an entry uses and nothing else of it does
   * ("my friend asked which article i was quoting from"): the story's word, not the topic's.
   */
  incidentalWeight: 0.7,
  /** A phrasing with more distinct terms than this tells a story; only a story's lone words are incidental. */
  storyTerms: 4,
  /**
   * Most a lone word explains of a question (a field weight): a word only one phrasing of the whole knowledge
   * base uses, and no title, keyword or quote (see phrasing-terms.ts).
   */
  loneWordWeight: 0.15,
  /** Ranking credit (not confidence) times the closest phrasing's Dice with the question: breaks ties at 1. */
  closenessShare: 0.1,
  /**
   * Ranking credit (not confidence) for a document one of whose phrasings has exactly the question's terms:
   * a curator put that question there, so a neighbour that merely names its words in more fields (title,
   * keywords, quotes) does not take it on the tie-break (worth at most tieBreakShare * 3 * extraFieldCredit).
   */
  exactPhrasingBonus: 0.1,
  /** Only this many candidates (by coverage) get the full, costlier scoring. */
  shortlist: 24,
} as const;
