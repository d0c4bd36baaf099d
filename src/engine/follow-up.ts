import { refusal } from './answer.js';
import type { Composer } from './compose.js';
import type { EngineContext } from './context.js';
import type { FoodQuestions } from './food-question.js';
import { withoutLeadIn } from './frame.js';
import { type Analysed, analyse, LIGHT_WORDS, normaliseText, STOPWORDS, words } from './normalise.js';
import { ANSWER_THRESHOLD, createScope } from './scope.js';
import type { Answer, ConversationContext, Turn } from './types.js';
import type { Understander } from './understand.js';
import {
  BACK_REFERENCES,
  CLAUSE_WORDS,
  CONTEXT_TURNS,
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

// The follow-up stage: a message read with the conversation before it. A message that names a subject of
// its own is answered as if it came first; one that does not ("why?", "source?", "and for kids?", "is that
// safe?") is answered about what the last turn was about. Off-topic messages stay refused whatever came
// before: the context only ever adds a topic to a message that has none.

/** Confidence of a follow-up answered with the last turn's own topic (the member asked about it again). */
export const FOLLOW_UP_CONFIDENCE = 0.9;

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
  /** Few words: "spinach?", "what infections?". */
  fragment: boolean;
  /** Has a verb of its own ("what causes a cold", "what is a cold"), unlike "what infections?". */
  clause: boolean;
}

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

/** Whether a word says nothing about what is asked: grammar, topic-neutral, follow-up or amount words. */
const neutral = (w: string): boolean =>
  !DOCUMENT_WORDS.has(w) &&
  (STOPWORDS.has(w) ||
    LIGHT_WORDS.has(w) ||
    followUpWords.has(w) ||
    fillerWords.has(w) ||
    safetyWords.has(w) ||
    amountWords.has(w));

/** The cues of a message's words (normalised, shorthand expanded and typos repaired). */
export function followUpCues(words: readonly string[]): FollowUpCues {
  const pointsBack = words.some((w, i) => {
    // "is it safe to take", "is it true that": an empty "it" that points at nothing.
    if (w === 'it' && DUMMY_IT_BEFORE.has(words[i - 1] ?? '') && DUMMY_IT_AFTER.has(words[i + 2] ?? '')) return false;
    if (BACK_REFERENCES.has(w)) return true;
    if (!DEMONSTRATIVES.has(w)) return false;
    const next = words[i + 1];
    // "that selenium", "this article": a determiner before a noun names its own thing.
    return next === undefined || (neutral(next) && !seleniumWords.has(next));
  });
  const last = words[words.length - 1] ?? '';
  const amount = words.some((w) => amountWords.has(w));
  // "how are you", "what are you": about Selene, not a question about the last answer.
  const toSelene =
    words.some((w) => SELENE_WORDS.has(w)) &&
    !pointsBack &&
    words.every((w) => !followUpWords.has(w) || EXPLANATION_WORDS.has(w) || w === 'what' || w === 'who');
  const asks = !toSelene && (pointsBack || amount || words.some((w) => followUpWords.has(w)));
  return {
    // A number is an amount only beside an amount word ("3 servings?"); "what is 17 times 23" is arithmetic.
    subjectless: asks && words.every((w) => neutral(w) || (amount && NUMBER.test(w))),
    asks,
    pointsBack,
    leadIn:
      withoutLeadIn(words).length < words.length ||
      (words.length > 1 && (FOLLOW_UP_OPENERS.has(words[0] ?? '') || TRAILING_LEAD_INS.has(last))),
    safety: words.some((w) => safetyWords.has(w)),
    amount,
    explanation: !amount && words.some((w) => EXPLANATION_WORDS.has(w)),
    intake: words.some((w) => intakeWords.has(w)),
    meta: words.some((w) => followUpWords.has(w) && !intakeWords.has(w)),
    fragment: words.length <= FOLLOW_UP_FRAGMENT_WORDS,
    clause: withoutLeadIn(words).some((w) => CLAUSE_WORDS.has(w)),
  };
}

/** What the message names on its own, judged on its analysed terms. */
interface Subject {
  offTopic: boolean;
  /** Terms that name something: not topic-neutral, not an amount, not selenium, not a follow-up word. */
  own: number;
  /** Of those, topic names of the knowledge base (a title's words: "covid", "inflammation"). */
  topics: number;
  /** Of those, words the knowledge base never uses ("capital", "australia"). */
  unknown: number;
}

/** A message with its analysis, handed to the single-message pipeline so it is analysed once. */
export interface Known {
  text: string;
  q: Analysed;
}

export interface FollowUpStages {
  /** The single-message pipeline (understand, route, match, scope, compose); `known` skips re-analysing. */
  standalone(message: string, known?: Known): Answer;
  understand: Understander;
  compose: Composer;
  food: FoodQuestions;
}

export interface FollowUps {
  ask(message: string, context: ConversationContext): Answer;
}

export function createFollowUps(ctx: EngineContext, stages: FollowUpStages): FollowUps {
  const { index, router, limitTerms, lexicon } = ctx;
  const { standalone, understand, compose, food } = stages;
  const scope = createScope(ctx);
  // Topics that explain how or why (one of their phrasings asks it): what "why?" after a claim wants.
  const explainers = new Set(ctx.docInputs.filter((d) => d.questions.some(asksHowOrWhy)).map((d) => d.id));
  const relatedOf = new Map(ctx.kb.entries.map((e) => [e.id, e.related]));
  // Word by word: read as one text, neighbours would form synonym phrases of their own.
  const quiet = new Set(
    `${FOLLOW_UP_WORDS} ${FOLLOW_UP_FILLER} ${SELENIUM_WORDS}`
      .split(/\s+/)
      .flatMap((w) => analyse(w, lexicon, undefined, ctx.stemOf).terms),
  );

  function subjectOf(q: Analysed): Subject {
    const own = q.terms.filter((t) => !index.lightTerms.has(t) && !limitTerms.has(t) && !quiet.has(t));
    return {
      offTopic: router.outOfScope(q.original, q.words).length > 0,
      own: own.length,
      topics: own.filter((t) => index.topicTerms.has(t)).length,
      unknown: own.filter((t) => !index.idf.has(t)).length,
    };
  }

  /**
   * The turn a follow-up refers to: the last one that was about something. Greetings and thanks in
   * between ("thx", "hey") are skipped; a refused question is not: what follows it is about that. Read
   * from its words alone, not analysed again: every message with context would otherwise pay for it.
   */
  function lastTopic(context: ConversationContext): Turn | null {
    for (let i = context.length - 1; i >= 0 && i >= context.length - CONTEXT_TURNS; i--) {
      const turn = context[i] as Turn;
      if (turn.answered) return turn;
      if (turn.route !== 'smalltalk' && words(normaliseText(turn.question)).some((w) => !neutral(w))) return turn;
    }
    return null;
  }

  /** The last turn's own topic answered again (its entry, link or food), as the member asks about it again. */
  function again(turn: Turn, safety: boolean): Answer | null {
    if (turn.matchId === null) {
      const repeated = standalone(turn.topic);
      return repeated.answered ? repeated : null;
    }
    if (turn.route === 'food') {
      const result = ctx.foods.lookup(turn.matchId);
      return result.found ? food.answer(result, safety, 1) : null;
    }
    const doc = index.byId.get(turn.matchId);
    if (!doc) return null;
    const answer = compose.fromBest([{ doc, score: FOLLOW_UP_CONFIDENCE }], safety);
    return answer.answered ? answer : null;
  }

  /**
   * "Why?" after a claim: the last topic again when it explains how or why itself, else the first of its
   * related topics that does and the conversation has not had yet ("why tho" after the flu: how selenium
   * may stop viruses entering cells).
   */
  function explanation(prev: Turn, context: ConversationContext, safety: boolean): Answer | null {
    if (prev.matchId === null || prev.route === 'food' || explainers.has(prev.matchId)) return null;
    const seen = new Set(context.map((t) => t.matchId));
    const id = (relatedOf.get(prev.matchId) ?? []).find((r) => explainers.has(r) && !seen.has(r));
    const doc = id === undefined ? undefined : index.byId.get(id);
    return doc ? compose.fromBest([{ doc, score: FOLLOW_UP_CONFIDENCE }], safety) : null;
  }

  const combined = (turn: Turn, message: string): Answer => standalone(`${turn.topic}\n${message}`);

  function ask(message: string, context: ConversationContext): Answer {
    const prev = lastTopic(context);
    const q = understand.analyseQuestion(message);
    const alone = standalone(message, { text: message, q });
    if (!prev) return alone;
    const said = subjectOf(q);
    // Off-topic words refuse whatever came before; a food the message names is its own subject.
    if (said.offTopic || (alone.answered && alone.route === 'food')) return alone;
    const cues = followUpCues(q.words);
    const of = (answer: Answer): Answer => ({
      ...answer,
      followUpOf: prev.matchId,
      safety:
        cues.safety && answer.answered && answer.safety === null ? (again(prev, true)?.safety ?? null) : answer.safety,
    });

    // "thanks", "ok cool": nothing asked of the last answer, and nothing named.
    if (!cues.asks && said.own === 0) return alone;
    if (!prev.answered) {
      // "does that work better" after a refused question is about what was refused.
      if (!cues.subjectless && !cues.pointsBack) return alone;
      return alone.answered ? refusal(Math.min(alone.confidence, ANSWER_THRESHOLD - 0.01), alone.suggestions) : alone;
    }

    const asksWhy =
      cues.explanation &&
      (cues.subjectless ||
        (cues.pointsBack && said.topics === 0 && said.unknown === 0 && said.own <= MAX_REFINING_TERMS));
    if (asksWhy) {
      const why = explanation(prev, context, cues.safety) ?? again(prev, cues.safety);
      if (why) return of(why);
    }

    // "what happens if I take too much", "can kids take it": an intake question naming nothing else is about
    // selenium, the subject of the whole chat, whatever the last topic was (unless it was a food).
    if (cues.intake && prev.route !== 'food' && !alone.answered && said.own <= 1 && !said.unknown && !said.topics) {
      const named = standalone(`${message} selenium`);
      if (named.answered) return named;
    }

    if (cues.subjectless) {
      // "how much should I take", "should I take it then": a question the article answers on its own, about
      // selenium rather than the last topic (unless that was a food: "how much per serving?").
      if (alone.answered && ((cues.intake && prev.route !== 'food') || !cues.meta)) return alone;
      // The refinement read with the last question first ("how much per serving" of that food, "for kids?"
      // of that intake), then the same topic again ("why?", "source?", "in simple words").
      const both = combined(prev, message);
      if (both.answered && (both.matchId === prev.matchId || cues.amount)) return of(both);
      const same = again(prev, cues.safety);
      return same ? of(same) : alone;
    }

    // A topic of the knowledge base named in the message is its subject ("and covid?", "chronic too?").
    if (alone.answered && said.topics > 0) return alone;
    // Words the knowledge base never uses name something else ("is it gonna rain tomorrow"), and a short
    // question of general health advice ("what causes a cold") is a question of its own: never refined.
    const refines =
      (cues.pointsBack || ((cues.leadIn || cues.fragment) && (!cues.clause || !scope.generalHealth(q)))) &&
      said.unknown === 0 &&
      said.own <= MAX_REFINING_TERMS;
    if (!refines || (alone.answered && !cues.pointsBack)) return alone;
    const both = combined(prev, message);
    return both.answered ? of(both) : alone;
  }

  return { ask };
}

/** "how does selenium stop viruses", "why do we need selenium": a phrasing that asks for a mechanism. */
function asksHowOrWhy(question: string): boolean {
  const [first, second] = question.toLowerCase().split(/\s+/);
  return first === 'why' || (first === 'how' && HOW_VERBS.has(second ?? ''));
}
const HOW_VERBS = new Set('does do did can could may might would is are'.split(' '));
