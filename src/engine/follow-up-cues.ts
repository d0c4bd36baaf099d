import { statedAge } from './ages.js';
import { ADVICE_WORDS } from './follow-up-advice.js';
import { offersChoice } from './follow-up-choice.js';
import { DEEPER_WORDS } from './follow-up-deeper.js';
import { DOUBT_WORDS } from './follow-up-evidence.js';
import { languageWordParts, languageWords } from './follow-up-language-table.js';
import { EXCLUSION_WORDS, setsAside } from './follow-up-negation.js';
import { withoutLeadIn } from './frame.js';
import { LIGHT_WORDS, STOPWORDS } from './normalise.js';
import {
  BACK_REFERENCES,
  CLAUSE_WORDS,
  DEMONSTRATIVES,
  DOCUMENT_WORDS,
  EXPLANATION_WORDS,
  FOLLOW_UP_FILLER,
  FOLLOW_UP_FRAGMENT_WORDS,
  FOLLOW_UP_OPENERS,
  FOLLOW_UP_WORDS,
  INTAKE_QUESTION_WORDS,
  LIMIT_WORDS,
  MAX_REFINING_TERMS,
  QUANTITY_WORDS,
  SAFETY_QUESTION_WORDS,
  SELENE_WORDS,
  SELENIUM_WORDS,
  TRAILING_LEAD_INS,
} from './vocabulary.js';

// What a follow-up says, read from its words alone (normalised, shorthand expanded, typos repaired), and
// which kind of follow-up that makes it. Pure and cheap: every message with a conversation goes through it.

/** How a message relates to the conversation, read from its words alone. */
export interface FollowUpCues {
  /** Nothing but follow-up, amount and topic-neutral words: "why?", "in simple words", "is that a lot". */
  subjectless: boolean;
  /** Has a word that asks something of the last answer; "thanks", "ok", "cool" have none. */
  asks: boolean;
  /** Points back at the last answer: "is that safe", "how does it work", "what does it do in them". */
  pointsBack: boolean;
  /** Adds to the last question: "and covid?", "what about the flu", "chronic too?". */
  leadIn: boolean;
  /** Asks about safety, so the answer carries the upper-limit line. */
  safety: boolean;
  /** Asks for an amount or names who it is for ("how much per day", "for kids?"). */
  amount: boolean;
  /** Asks why or how: wants the mechanism behind the last answer. */
  explanation: boolean;
  /** Asks how much selenium to have ("how much should I take", "can I overdose on it"). */
  intake: boolean;
  /** Asks something of the answer itself (its source, more of it, plainer words, why), not only "it". */
  meta: boolean;
  /** Asks where the answer comes from: "source?", "where does it say that", "says who". */
  source: boolean;
  /** Asks for more of it or plainer words: "tell me more", "go on", "in simple words", "tldr". */
  more: boolean;
  /** Few words: "spinach?", "what infections?". */
  fragment: boolean;
  /** "which diseases", "what infections?", "like what functions": asks which ones, within the last answer. */
  specifics: boolean;
  /** Thanks the bot ("thank u that was helpful!!"): with nothing else asked, an acknowledgement. */
  thanks: boolean;
  /** Says the topic changes: "new topic,", "separate question:", "unrelated -", "anyway", "forget milk". */
  newTopic: boolean;
  /** Has a verb of its own ("what causes a cold", "what is a cold"), unlike "what infections?". */
  clause: boolean;
  /** Asks what to do: "so what should I do then", "any advice?", "what do you recommend". */
  advice: boolean;
  /** Doubts the last answer: "is that proven or just a theory?", "fact or myth?", "is it true". */
  doubt: boolean;
  /** Sets something aside: "anything besides infections?", "other than the flu?". */
  excludes: boolean;
  /** A choice between short alternatives: "chronic or acute?", "good way or bad way?" (follow-up-choice.ts). */
  choice: boolean;
}

/**
 * Words of a follow-up asking where an answer comes from. (Follow-up word lists live beside their one
 * reader; FOLLOW_UP_WORDS in vocabulary.ts is the whole set of words that ask something of the last answer.)
 */
const SOURCE_WORDS = new Set(
  'source sources cite cites citation citations proof evidence reference references link links quote quotes where says say said saying who study studies paper'.split(
    ' ',
  ),
);

/** Words asking for more of the same answer, or for it in plainer or fewer words. */
const MORE_WORDS = new Set(
  `more elaborate expand detail details explain explanation further continue else go example examples instance
concretely specifically simple simpler simply plain plainer eli5 layman laymans shorter summary summarise summarize
sum tldr tl dr sentence brief briefly nutshell`.split(/\s+/),
);

/**
 * Words that ask whether the last answer holds ("is that proven or just a theory", "fact or myth?"): with
 * them, a message still names nothing of its own.
 */
const STANDING_WORDS = new Set(
  'according theory theories myth myths fact facts legit real science scientific scientifically hypothesis backed based claim claims'.split(
    ' ',
  ),
);

/**
 * Short follow-ups in the languages members mix in ("como?", "warum?", "pq? explain por favor", "matlab kya
 * hai"): why, how, what, and, please, more, meaning, from follow-up-language-table.ts. Only words that ask,
 * never a topic, so a message of these names nothing; the article's topics are matched in English.
 */
const OTHER_LANGUAGE_WORDS = new Set([
  ...'please plz pls'.split(' '),
  ...languageWordParts('why', 'how', 'what', 'and', 'more', 'explain', 'source', 'filler'),
]);
/**
 * Words asking how the last answer's claim works ("by what mechanism", "what's the mechanism?"): a "how?"
 * in other words, naming nothing of their own. With a subject they name it ("the mechanism of X").
 */
const MECHANISM_WORDS = new Set('mechanism mechanisms pathway pathways'.split(' '));

/** Of those, the ones asking why or how (EXPLANATION_WORDS has the common ones); "por que" is two words. */
const OTHER_WHY = languageWords('why', 'how', 'explain');
const asksWhy = (words: readonly string[], i: number): boolean => {
  const w = words[i] as string;
  return (
    EXPLANATION_WORDS.has(w) || OTHER_WHY.has(w) || MECHANISM_WORDS.has(w) || (w === 'por' && words[i + 1] === 'que')
  );
};

/** Words of thanks (their shorthand is expanded before this reads them). */
const THANKS_WORDS = new Set(
  'thank thanks thx ty tysm cheers appreciate appreciated grateful danke gracias merci obrigado obrigada'.split(' '),
);

/** Words that set the last topic aside ("unrelated - is it an ad?", "forget milk. does it help covid?"). */
const NEW_TOPIC_WORDS = new Set('separately unrelated anyway anyways btw forget switching'.split(' '));
/** "new topic", "different q", "another question": an adjective of these before a topic or question word. */
const OTHER_WORDS = new Set('new different separate other another unrelated'.split(' '));
const TOPIC_WORDS = new Set('topic subject question q thing'.split(' '));

/** Words a follow-up may have that name nothing, beyond vocabulary.ts's: the stage leaves them out of a subject. */
export const FOLLOW_UP_EXTRA_WORDS: readonly string[] = [
  ...DEEPER_WORDS,
  ...STANDING_WORDS,
  ...OTHER_LANGUAGE_WORDS,
  ...ADVICE_WORDS,
  ...MECHANISM_WORDS,
  ...EXCLUSION_WORDS,
];

/** The word of a question asking which ones ("which diseases", "what infections?"). */
const WHICH_WORDS = new Set(['which', 'what', 'whats']);

/** The kinds of follow-up, each resolved its own way against the last topic (see follow-up.ts). */
export type FollowUpKind =
  /** "thanks", "ok cool": asks nothing and names nothing. */
  | 'acknowledgement'
  /** Names a subject of its own ("what are selenoproteins"): the context is ignored. */
  | 'own-subject'
  /** "why?", "how?", "como?", "how does it work": the explanation behind the last answer. */
  | 'elaboration'
  /** "source?", "where does it say that", "says who": the last answer again, with its citations. */
  | 'source'
  /** "tell me more", "in simple words", "go on": more of the last answer, or it shorter. */
  | 'more'
  /** "is that safe?": the last answer with the upper-limit line. */
  | 'safety'
  /** "how much per serving?", "is that a lot?", "for kids?": an amount of what was asked. */
  | 'quantity'
  /** "so what should I do then", "any advice?": the article's recommendation nearest the last answer. */
  | 'advice'
  /** "really?", "so is that a yes", "is it important?": about the last answer, naming nothing new. */
  | 'confirmation'
  /** "and covid?", "what about the flu", "chronic too?": the last question asked of something else. */
  | 'switch'
  /** "what does it do in them", "why does that matter for infections": the last topic, narrowed. */
  | 'refinement';

const wordSet = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
const followUpWords = wordSet(FOLLOW_UP_WORDS);
const fillerWords = wordSet(FOLLOW_UP_FILLER);
const amountWords = wordSet(`${LIMIT_WORDS} ${QUANTITY_WORDS}`);
const seleniumWords = wordSet(SELENIUM_WORDS);
const safetyWords = wordSet(SAFETY_QUESTION_WORDS);
const intakeWords = wordSet(INTAKE_QUESTION_WORDS);
const NUMBER = /^\d+(?:\.\d+)?$/;
const DUMMY_IT_BEFORE = new Set(['is', 'isnt', 'was', 'would', 'will']);
const DUMMY_IT_AFTER = new Set(['to', 'that', 'if']);
const UNDERSTOOD_BEFORE = new Set(['got', 'gotcha']);

/** Whether a word says nothing about what is asked: grammar, topic-neutral, follow-up or amount words. */
export const neutral = (w: string): boolean =>
  !DOCUMENT_WORDS.has(w) &&
  (STOPWORDS.has(w) ||
    LIGHT_WORDS.has(w) ||
    followUpWords.has(w) ||
    fillerWords.has(w) ||
    safetyWords.has(w) ||
    amountWords.has(w) ||
    STANDING_WORDS.has(w) ||
    ADVICE_WORDS.has(w) ||
    MECHANISM_WORDS.has(w) ||
    DEEPER_WORDS.has(w) ||
    EXCLUSION_WORDS.has(w) ||
    OTHER_LANGUAGE_WORDS.has(w));

/** Whether the word at `i` points back at the last answer: "it", "them", "is that safe", not "that article". */
export function pointsBackAt(words: readonly string[], i: number): boolean {
  const w = words[i] as string;
  // "is it safe to take", "is it true that": an empty "it" that points at nothing.
  if (w === 'it' && DUMMY_IT_BEFORE.has(words[i - 1] ?? '') && DUMMY_IT_AFTER.has(words[i + 2] ?? '')) return false;
  // "got it", "gotcha": understood, not a question about it.
  if (w === 'it' && UNDERSTOOD_BEFORE.has(words[i - 1] ?? '')) return false;
  if (BACK_REFERENCES.has(w)) return true;
  if (!DEMONSTRATIVES.has(w)) return false;
  const next = words[i + 1];
  // "that selenium", "this article": a determiner before a noun names its own thing.
  return next === undefined || (neutral(next) && !seleniumWords.has(next));
}

/**
 * The cues of a message's words (normalised, shorthand expanded and typos repaired), and of its words as
 * typed: typo repair may turn a word of conversation into a topic's ("topic" into "toxic").
 */
export function followUpCues(words: readonly string[], typed: readonly string[] = words): FollowUpCues {
  const pointsBack = words.some((_, i) => pointsBackAt(words, i));
  const last = words[words.length - 1] ?? '';
  // "same for a 17 yo?": an age says who an amount is for, as "for kids?" does.
  const amount = words.some((w) => amountWords.has(w)) || statedAge(words) !== null;
  // "how are you", "what are you": about Selene, not a question about the last answer.
  const advice = words.some((w) => ADVICE_WORDS.has(w));
  const asking = (w: string) =>
    followUpWords.has(w) ||
    STANDING_WORDS.has(w) ||
    OTHER_LANGUAGE_WORDS.has(w) ||
    MECHANISM_WORDS.has(w) ||
    EXCLUSION_WORDS.has(w);
  // "And the mechanism, if you please?": a "you" of politeness beside a word asking about the answer.
  const toSelene =
    !advice &&
    words.some((w) => SELENE_WORDS.has(w)) &&
    !pointsBack &&
    words.every((w) => !asking(w) || EXPLANATION_WORDS.has(w) || w === 'what' || w === 'who');
  // "go on", "keep going": a continuation, though "go" alone asks nothing.
  const goOn = words.some((w, i) => (w === 'go' || w === 'keep') && ['on', 'going'].includes(words[i + 1] ?? ''));
  // "chronic or acute?": which of them the last claim is (follow-up-choice.ts).
  const choice = offersChoice(words);
  const asks = !toSelene && (pointsBack || amount || goOn || advice || choice || words.some(asking));
  const rest = withoutLeadIn(words);
  const clause = rest.some((w) => CLAUSE_WORDS.has(w));
  return {
    // A number is an amount only beside an amount word ("3 servings?"); "what is 17 times 23" is arithmetic.
    subjectless: asks && words.every((w) => neutral(w) || (amount && NUMBER.test(w))),
    asks,
    pointsBack,
    leadIn:
      choice ||
      withoutLeadIn(words).length < words.length ||
      (words.length > 1 && (FOLLOW_UP_OPENERS.has(words[0] ?? '') || TRAILING_LEAD_INS.has(last))),
    safety: words.some((w) => safetyWords.has(w)),
    amount,
    explanation: !amount && words.some((_, i) => asksWhy(words, i)),
    intake: words.some((w) => intakeWords.has(w)),
    meta: goOn || words.some((w) => asking(w) && !intakeWords.has(w)),
    source: words.some((w) => SOURCE_WORDS.has(w) || w === 'according'),
    more: goOn || words.some((w) => MORE_WORDS.has(w)),
    fragment: words.length <= FOLLOW_UP_FRAGMENT_WORDS,
    thanks: typed.some((w) => THANKS_WORDS.has(w)),
    newTopic: typed.some(
      (w, i) => NEW_TOPIC_WORDS.has(w) || (OTHER_WORDS.has(w) && TOPIC_WORDS.has(typed[i + 1] ?? '')),
    ),
    // "what about the flu" is a lead-in, not a "which": "about" names nothing; "what's the article's" neither.
    specifics:
      !clause && words.some((w, i) => WHICH_WORDS.has(w) && i + 1 < words.length && !neutral(words[i + 1] as string)),
    clause,
    advice,
    doubt: words.some((w) => DOUBT_WORDS.has(w)),
    excludes: setsAside(words),
    choice,
  };
}

/** What a message names on its own, from its analysed terms (see follow-up.ts). */
export interface Subject {
  offTopic: boolean;
  /** Terms that name something: not topic-neutral, not an amount, not selenium, not a follow-up word. */
  own: number;
  /** Of those, topic names of the knowledge base (a title's words: "covid", "inflammation"). */
  topics: number;
  /** Of those, words the knowledge base never uses ("capital", "australia"). */
  unknown: number;
}

/**
 * The kind of follow-up a message is, from its cues and what it names. Order matters: a message naming
 * nothing is told apart by what it asks of the last answer; one naming something is a switch or a
 * refinement only when it leans on the last question (a lead-in, a fragment without a verb, "it"/"that"),
 * names few things and nothing the knowledge base never uses; anything else has its own subject.
 */
export function followUpKind(cues: FollowUpCues, said: Subject): FollowUpKind {
  if (!cues.asks && said.own === 0) return 'acknowledgement';
  // "thank u that was helpful!!" points back and judges, but asks nothing; "thanks, why though?" asks.
  const asksSomething = cues.explanation || cues.source || cues.more || cues.amount || cues.safety || cues.specifics;
  if (cues.thanks && said.own === 0 && !asksSomething) return 'acknowledgement';
  if (cues.newTopic && said.own > 0) return 'own-subject';
  if (cues.subjectless) {
    if (cues.safety) return 'safety';
    if (cues.explanation) return 'elaboration';
    if (cues.source) return 'source';
    // "what do you recommend" (an amount word too: "recommended intake"); "should I take it then", "how much
    // do you recommend" ask about taking selenium, an intake question, not for advice.
    if (cues.advice && !cues.intake) return 'advice';
    if (cues.amount) return 'quantity';
    if (cues.more) return 'more';
    return 'confirmation';
  }
  // "chronic or acute?": one alternative the article never names ("acute") leaves the other to choose by.
  if (cues.choice && said.unknown < said.own && said.own <= MAX_REFINING_TERMS) return 'switch';
  if (said.unknown > 0 || said.own > MAX_REFINING_TERMS) return 'own-subject';
  if (cues.pointsBack) return cues.explanation && said.topics === 0 ? 'elaboration' : 'refinement';
  // "what is the role of selenoproteins?": a whole question about a topic of its own.
  if (cues.clause && !cues.pointsBack && said.topics > 0) return 'own-subject';
  if (cues.specifics && said.own > 0) return 'refinement';
  if ((cues.leadIn || cues.fragment) && said.own > 0) return cues.clause ? 'refinement' : 'switch';
  return 'own-subject';
}
