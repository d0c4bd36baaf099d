import { refusal } from './answer.js';
import type { Composer } from './compose.js';
import type { EngineContext } from './context.js';
import { createAdvice } from './follow-up-advice.js';
import { ownsItsSubject } from './follow-up-complete.js';
import { continues } from './follow-up-continue.js';
import { type FollowUpCues, type FollowUpKind, followUpCues, followUpKind, type Subject } from './follow-up-cues.js';
import { asksDeeper, asksWhyOfGroup } from './follow-up-deeper.js';
import { createEcho, echoesFigures } from './follow-up-echo.js';
import { createEvidence } from './follow-up-evidence.js';
import { createExamples } from './follow-up-examples.js';
import { asksPastAmount, PAST_LIMIT_QUESTION as PAST, withoutPast } from './follow-up-exceed.js';
import { asksHowOrWhy, createExplainer } from './follow-up-explain.js';
import { plainAgain } from './follow-up-form.js';
import * as guard from './follow-up-guards.js';
import { asksInstances, createInstances } from './follow-up-instances.js';
import { translateFollowUp } from './follow-up-languages.js';
import { createLeaning, hypothetical, narrowsToGroup } from './follow-up-leaning.js';
import { askingSentence, englishPart } from './follow-up-mixed.js';
import { createNarrowing } from './follow-up-narrowed.js';
import { affirmed, createExclusions } from './follow-up-negation.js';
import { createNeighbourhood } from './follow-up-neighbours.js';
import { withSubject } from './follow-up-pronouns.js';
import { createSections, sectionStep } from './follow-up-sections.js';
import { createFollowUpTerms } from './follow-up-terms.js';
import { lastTopic, readWith } from './follow-up-turn.js';
import { asksWhereInArticle, withSections } from './follow-up-where.js';
import type { FoodQuestions } from './food-question.js';
import { type Analysed, normaliseText, words } from './normalise.js';
import { asksOnlyForm, type Form, formAsked } from './plain.js';
import { quotedFromArticle } from './quoted.js';
import { ANSWER_THRESHOLD, createScope } from './scope.js';
import type { Answer, ConversationContext, Turn } from './types.js';
import type { Understander } from './understand.js';
import { MAX_REFINING_TERMS } from './vocabulary.js';

export { type FollowUpCues, type FollowUpKind, followUpCues, followUpKind } from './follow-up-cues.js';

// The follow-up stage: a message read with the conversation before it. A message that names a subject of
// its own is answered as if it came first; one that does not ("why?", "source?", "and for kids?", "is that
// safe?") is answered about what the last turn was about. Off-topic messages stay refused whatever came
// before: the context only ever adds a topic to a message that has none.

/** Confidence of a follow-up answered with the last turn's own topic (the member asked about it again). */
export const FOLLOW_UP_CONFIDENCE = 0.9;

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
  /**
   * A message that asks nothing but another form of the last answer ("in simple words", "like in 1
   * sentence"): the last topic again in that form (see plain.ts); null without one.
   */
  plainly(context: ConversationContext, form: Form): Answer | null;
}

export function createFollowUps(ctx: EngineContext, stages: FollowUpStages): FollowUps {
  const { index } = ctx;
  const { standalone, understand, compose, food } = stages;
  const scope = createScope(ctx);
  const explainers = new Set(ctx.docInputs.filter((d) => d.questions.some(asksHowOrWhy)).map((d) => d.id));
  const neighbours = createNeighbourhood(ctx.kb, index); // the topics near the last one, for every kind below
  const explainer = createExplainer(ctx, explainers, neighbours);
  const examples = createExamples(ctx, neighbours);
  const advice = createAdvice(ctx, neighbours);
  const evidence = createEvidence(ctx, neighbours);
  const terms = createFollowUpTerms(ctx, understand); // what a message names (follow-up-terms.ts)
  const { own: ownTerms, askedOf, subjectOf, subjectAfter, quoteTerms } = terms;
  const instances = createInstances(neighbours, examples, (id) => quoteTerms.get(id));
  const sections = createSections(ctx.kb);
  const exclusions = createExclusions(ctx);
  // "and covid?": the new words choose among the topics that have them (follow-up-narrowed.ts).
  const narrowed = createNarrowing(ctx, neighbours, understand, compose);
  const leanings = createLeaning(evidence, neighbours, (text) => understand.analyseQuestion(text).terms, index.idf);
  const echoes = createEcho(ctx, understand, quoteTerms);
  const otherArticles = guard.otherArticleSubjects(index); // "is anxiety safe": a related article's subject

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
    const answer = topic(turn.matchId, safety);
    return answer?.answered ? answer : null;
  }

  /** A topic (entry or link) answered as a follow-up's: as sure as asked again; null for no such id. */
  function topic(id: string | null, safety: boolean): Answer | null {
    const doc = id === null ? undefined : index.byId.get(id);
    return doc ? compose.fromBest([{ doc, score: FOLLOW_UP_CONFIDENCE }], safety) : null;
  }

  /**
   * "Why?" after a claim: the last topic again when it explains how or why itself, else the topic near it
   * that does and the conversation has not had yet ("why tho" after the flu: how selenium may stop viruses
   * entering cells). See follow-up-explain.ts.
   */
  function explanation(prev: Turn, q: Analysed, context: ConversationContext, safety: boolean): Answer | null {
    if (prev.matchId === null || prev.route === 'food') return null;
    const seen = new Set(context.map((t) => t.matchId)); // "how, chemically?": deeper (follow-up-deeper.ts)
    return topic(explainer.explain(prev.matchId, askedOf(prev), ownTerms(q), seen, asksDeeper(q.words)), safety);
  }

  const combined = (turn: Turn, message: string): Answer => readWith(standalone, turn, message);

  function ask(message: string, context: ConversationContext): Answer {
    const prev = lastTopic(context);
    const q = understand.analyseQuestion(message);
    const alone = standalone(message, { text: message, q });
    if (!prev) return alone;
    // "simpler?", "too technical", "summarize that": the last answer in its plainest quote.
    const formOf = (ws: readonly string[]) => (asksOnlyForm(ws) ? plainly(context, formAsked(ws)) : null);
    const form = formOf(q.words);
    if (form) return form;
    // "and?", "go on", "more pls": the nearest related topic not had yet (follow-up-continue.ts).
    const next = continues(q.original) ? onward(prev, context) : null;
    if (next) return next;
    // "which part of the article?", "which section is that in": where the last answer's quotes stand.
    const placed = prev.answered && asksWhereInArticle(q.words) ? again(prev, false) : null;
    const where = placed ? withSections(placed) : null;
    if (where) return { ...where, followUpOf: prev.matchId };
    // "und bakterien?", "y los virus?": read as the English follow-up it stands for ("and bacteria?").
    const english = translateFollowUp(q.original, terms.used, terms.namesTopicAlone);
    // "en palabras simples" is a form request; a translation never loses what the message answers alone.
    const read = english && english !== q.original.join(' ') ? (formOf(words(english)) ?? ask(english, context)) : null;
    if (read && (read.answered || !alone.answered)) return read;
    // "어떻게요? how?": the English sentence of a message the engine cannot read as a whole (one it can,
    // "Dzień dobry, what is the upper limit?", is a question of its own whatever greets it).
    // "sounds fake ngl. does it really claim that?": the sentence that asks, after a remark.
    const englishSentence = alone.answered
      ? null
      : (englishPart(message, (w) => terms.known(w).length > 0) ?? askingSentence(message));
    const inEnglish = englishSentence ? ask(englishSentence, context) : null;
    if (inEnglish?.answered) return inEnglish;
    // "and if it's NOT adequate?": the opposite read as the knowledge base's one word for it ("inadequate").
    const opposite = affirmed(q.words, terms.known);
    if (opposite !== null) return ask(opposite, context);
    const said = subjectOf(q);
    // Off-topic words refuse whatever came before; a food the message names is its own subject, and so is a
    // list of foods, unless "sources?" asked for the last answer's.
    const listed = alone.matchId === null && ((c) => c.source && c.subjectless)(followUpCues(q.words));
    // "can you recommend a doctor", "is anxiety safe": subjects of their own (follow-up-guards.ts).
    // A place of care within a group of people ("even for people in hospital?") narrows; it asks for no care.
    const care = guard.asksForCare(q.words) && !narrowsToGroup(q.words);
    const elsewhere = care || (!alone.answered && ownTerms(q).some((t) => otherArticles.has(t)));
    if (said.offTopic || elsewhere || (alone.answered && alone.route === 'food' && !listed)) return alone;
    // "does it cite research", "selenium against viruses": a whole question of its own (follow-up-complete.ts).
    if (alone.answered && wholeQuestion(message, q, said)) return alone;
    // "what's in the first section", "and after that?": the article's sections in reading order.
    const step = sectionStep(q.words, words(normaliseText(prev.topic)));
    const part = step ? topic(sections.follow(step, prev.matchId), false) : null;
    if (step && part) return { ...part, followUpOf: 'by' in step ? prev.matchId : null };
    // "and the main sections?": the article's shape, asked in words that point at no answer, is read alone.
    const shape = alone.answered && alone.route === 'entry' && alone.matchId === null;
    if (shape && !followUpCues(q.words).pointsBack) return alone;
    // "8 out of 55 isn't 11%": the last answer's own figures read back are about it (follow-up-echo.ts).
    const echoed = prev.answered && !alone.answered && echoesFigures(message, () => again(prev, false)?.text ?? '');
    const last = echoed ? again(prev, false) : null;
    if (last) return { ...last, followUpOf: prev.matchId };
    // "what if i go way over it" after an amount: too much selenium (follow-up-exceed.ts).
    const past = prev.answered && asksPastAmount(q.words) && followUpCues(words(prev.topic)).amount;
    const rest = past ? subjectOf(understand.analyseQuestion(withoutPast(q.words))) : null;
    const over = rest && !rest.topics && !rest.unknown && !rest.offTopic ? standalone(PAST) : null;
    if (over?.answered) return { ...over, followUpOf: prev.matchId };
    // "what did the studies show", "even for older people?": no subject of their own, so the conversation's.
    const leant = leaningOn(prev, q);
    if (leant) return leant;
    // After a food, a word of its own that is neither the food frame's nor a topic's: "is anxiety safe".
    const frameOrTopic = (t: string) => terms.foodFrame.has(t) || index.topicTerms.has(t) || !index.idf.has(t);
    if (prev.route === 'food' && !alone.answered && guard.namesOtherThanFood(ownTerms(q), frameOrTopic)) return alone;
    // Words the knowledge base never uses, or more names than a follow-up adds: a subject of its own, known
    // before the cues are read (most messages of a busy channel). One unknown word may be an amount's verb.
    if (said.unknown > 1 || (said.own > MAX_REFINING_TERMS && prev.route !== 'food')) return alone;
    const cues = followUpCues(q.words, q.original);
    // "how many cups to hit the daily amount": an amount of the food just asked about, whatever verb it uses.
    // Its words must be the food frame's (cups, servings, eat) and at most one the knowledge base never uses
    // ("hit", "100g"): "how much calcium does a teenager need", "is intermittent fasting healthy" name more.
    const ofFood =
      prev.route === 'food' &&
      cues.amount &&
      !alone.answered &&
      said.unknown <= 1 &&
      ownTerms(q).every((t) => terms.foodFrame.has(t) || !index.idf.has(t)) &&
      guard.amountOfFood(q.words, (w) => !terms.used(w));
    // "useful how", "protects how?": a how about the claim just read (follow-up-echo.ts).
    const bare = echoes.of(cues, q, prev);
    const kind = ofFood ? 'quantity' : bare ? 'elaboration' : followUpKind(cues, said);
    if (kind === 'acknowledgement' || kind === 'own-subject') return alone;
    if (!prev.answered) {
      // "does that work better" after a refused question is about what was refused.
      if (!cues.subjectless && !cues.pointsBack) return alone;
      return alone.answered ? refusal(Math.min(alone.confidence, ANSWER_THRESHOLD - 0.01), alone.suggestions) : alone;
    }
    const resolved = resolve(kind, { message, q, said, cues, alone, prev, context, echo: bare === 'echo' });
    return resolved && guard.keepsToArticle(resolved, alone) ? resolved : alone;
  }

  /** The related topic after the last one that the conversation has not had, else the last one again. */
  function onward(prev: Turn, context: ConversationContext): Answer | null {
    if (!prev.answered) return null;
    const seen = new Set(context.map((t) => t.matchId));
    const last = prev.matchId;
    const id =
      prev.route === 'food' || last === null ? null : exclusions.choose(last, neighbours.links(last), [], seen);
    const answer = (id === null ? null : topic(id, false)) ?? again(prev, false);
    return answer ? { ...answer, followUpOf: last } : null;
  }

  /**
   * Names its own subject (selenium, the article) and something of its own besides, or asks of it neither
   * why nor more: "does the article say why" still asks about the last answer.
   */
  function wholeQuestion(message: string, q: Analysed, said: Subject): boolean {
    if (!ownsItsSubject(q.words, terms.names, quotedFromArticle(message, ctx.articleText).length > 0)) return false;
    const cues = followUpCues(q.words);
    return said.own > 0 || (!cues.explanation && !cues.more);
  }

  /** "what did the studies show", "even for older people?": the topic follow-up-leaning.ts chooses, or null. */
  function leaningOn(prev: Turn, q: Analysed): Answer | null {
    const last = prev.matchId;
    if (!prev.answered || prev.route === 'food' || last === null) return null;
    // "and if you don't get enough?": the chat's subject is what is not got (amounts: the intake rule's).
    if (hypothetical(q.words) && !followUpCues(q.words).intake && !subjectOf(q).unknown) {
      const named = standalone(`${q.original.join(' ')} selenium`);
      return named.answered ? named : null;
    }
    const id = leanings.choose(last, () => askedOf(prev), q.words);
    const answer = id === null ? null : topic(id, followUpCues(q.words).safety);
    return answer ? { ...answer, followUpOf: last } : null;
  }

  interface Reading {
    message: string;
    q: Analysed;
    said: Subject;
    cues: FollowUpCues;
    alone: Answer;
    prev: Turn;
    context: ConversationContext;
    /** A why or how repeating the last question's word (follow-up-echo.ts). */
    echo: boolean;
  }

  /** A follow-up of an answered turn, resolved by its kind; null leaves the message to be read alone. */
  function resolve(kind: FollowUpKind, r: Reading): Answer | null {
    const { message, q, said, cues, alone, prev, context, echo } = r;
    const of = (answer: Answer): Answer => ({
      ...answer,
      followUpOf: prev.matchId,
      safety:
        cues.safety && answer.answered && answer.safety === null ? (again(prev, true)?.safety ?? null) : answer.safety,
    });
    const same = (): Answer | null => {
      const repeated = again(prev, cues.safety);
      return repeated ? of(repeated) : null;
    };
    /** Another topic than the last, answered as this follow-up's (null for none, or the last topic itself). */
    const other = (id: string | null): Answer | null => {
      const answer = id === prev.matchId ? null : topic(id, cues.safety);
      return answer ? of(answer) : null;
    };
    const near = neighbours.links(prev.matchId ?? '');
    const askedBefore = () => askedOf(prev);
    // A follow-up whose own words fit a topic next to the last one far better than the last: that topic.
    const moved = () =>
      prev.route === 'food' || prev.matchId === null ? null : other(neighbours.toward(prev.matchId, ownTerms(q)));
    // "anything besides infections?": the rest of the last answer, else the nearest related topic; "what
    // else?", "anything besides that?": a related topic not had yet ("what else does it do": see pronouns).
    const onward = said.own === 0 && q.words.includes('else') && !cues.pointsBack;
    if ((cues.excludes || onward) && prev.route !== 'food' && prev.matchId !== null) {
      const id = exclusions.choose(prev.matchId, near, ownTerms(q), new Set(context.map((t) => t.matchId)));
      if (id === prev.matchId) return same();
      if (id !== null) return other(id);
    }
    // "what does it protect against" after "tell me about selenium", "does it work?" after "what is
    // biopro-plus": the pronoun is the last question's subject.
    const subject = PRONOUN_KINDS.has(kind) && prev.route !== 'food' ? subjectAfter(prev) : null;
    const named = subject && withSubject(q.words, subject.subject, subject.plural);
    const meant = named ? standalone(named) : null;
    // A message answered the same on its own was no follow-up ("got it. what about chronic inflammation?").
    if (meant?.answered && guard.keepsToArticle(meant, alone))
      return meant.matchId === alone.matchId && alone.answered ? alone : of(meant);
    // "like what?", "what does it protect against": the concrete cases of the last claim (follow-up-instances.ts).
    const cases = asksInstances(q.words) && prev.route !== 'food' && prev.matchId !== null;
    const id = cases ? instances.choose(prev.matchId as string, near, ownTerms(q), askedBefore()) : null;
    if (id) return id === prev.matchId ? same() : other(id);
    // "so what should I do then": the article's recommendation nearest the last topic.
    if (kind === 'advice' && prev.route !== 'food' && prev.matchId !== null) {
      const id = advice.choose(prev.matchId, near, askedBefore());
      const found = id === prev.matchId ? same() : other(id);
      if (found) return found;
    }
    // "is that proven or just a theory?": the sentence reporting the evidence for the last answer's claim.
    if (cues.doubt && cues.subjectless && prev.route !== 'food' && prev.matchId !== null) {
      const found = other(evidence.choose(prev.matchId, near, askedBefore()));
      if (found) return found;
    }

    if (kind === 'elaboration') {
      // "why them?": why the group the last answer named, which its own sentence speaks to.
      const own = echo || asksWhyOfGroup(q.words, cues.explanation);
      const why = (own ? null : explanation(prev, q, context, cues.safety)) ?? again(prev, cues.safety);
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
      // One that points back without asking an amount ("does it work?"), or at a food ("is that too much?"),
      // is about the last answer, whatever the same words would answer alone.
      const aboutLast = cues.pointsBack && (!cues.intake || prev.route === 'food');
      if (alone.answered && ((cues.intake && prev.route !== 'food') || (!cues.meta && !aboutLast))) return alone;
      // Asking for the article's shape ("what are the section headings"), answered alone from its structure
      // (an entry answer of no one entry; "sources?" alone is a food list, and asks for the last answer's).
      const shape = alone.route === 'entry' && alone.matchId === null;
      if (alone.answered && shape && !aboutLast && prev.route !== 'food') return alone;
      // The refinement read with the last question first ("how much per serving" of that food, "for kids?"
      // of that intake), then the same topic again ("why?", "source?", "in simple words").
      const both = combined(prev, message);
      if (both.answered && (both.matchId === prev.matchId || cues.amount)) return of(both);
      return moved() ?? same();
    }

    // A short question of general health advice ("what causes a cold") is a question of its own.
    if (kind === 'refinement' && !cues.pointsBack && !cues.specifics && scope.generalHealth(q)) return null;
    const fresh = ownTerms(q);
    // "how many cups to hit the daily amount": an amount of the food just asked about.
    if (kind === 'quantity' && prev.route === 'food') {
      const both = combined(prev, message);
      return both.answered && both.route === 'food' ? of(both) : same();
    }
    // "which diseases" after a claim about disease: the sentence that lists them, in the answer just read,
    // else near it, else wherever the article lists them; without a list, the answer just read.
    if (cues.specifics && prev.route !== 'food' && prev.matchId !== null && fresh.length) {
      const id = examples.choose(prev.matchId, near, fresh, askedBefore());
      const found = other(id);
      if (found) return found;
      if (id === prev.matchId || fresh.every((t) => quoteTerms.get(prev.matchId as string)?.has(t))) return same();
    }
    // "and covid?", "what infections?": the new words choose among the topics that have them.
    const chosen = narrowed(prev, q, fresh, cues.safety, alone.route === 'related' ? alone.matchId : null);
    if (chosen) return chosen.matchId === alone.matchId && alone.answered ? alone : of(chosen);
    if (alone.answered && !cues.pointsBack) return alone;
    const both = combined(prev, message);
    return moved() ?? (both.answered ? of(both) : null);
  }

  // "In simple words": a plainer quote may be a linked topic's (see plainerNear).
  const nearby = (id: string) => neighbours.linked(id).flatMap((n) => topic(n, false) ?? []);
  const plainly = (context: ConversationContext, form: Form) => plainAgain(context, standalone, form, nearby);

  return { ask, plainly };
}

/** Kinds whose "it" is read as the last question's subject; the others resolve against the last answer itself. */
const PRONOUN_KINDS: ReadonlySet<FollowUpKind> = new Set(['refinement', 'switch', 'confirmation']);
