import type { KnowledgeBase } from '../knowledge/types.js';
import { refusal } from './answer.js';
import { createAskMemo } from './ask-memo.js';
import { createQuestionAutocomplete, sectionChoices } from './autocomplete.js';
import { createComposer, type Reply } from './compose.js';
import { createContext } from './context.js';
import type { Known } from './follow-up.js';
import { createFollowUps } from './follow-up.js';
import { inForm } from './follow-up-form.js';
import { createFoodIntents } from './food-intents.js';
import { createFoodQuestions } from './food-question.js';
import { createDoseCheck, intakeFigures } from './intake.js';
import { createRanker } from './match.js';
import type { Scored } from './matcher.js';
import { createMentionCheck } from './mentions.js';
import { analyse, analyseStems, type Normalise, normaliseText, STOPWORDS, words } from './normalise.js';
import { once } from './once.js';
import { plainRequest, shortForm } from './plain.js';
import { createScope } from './scope.js';
import { questionParts, type Segment } from './segment.js';
import { detectSmallTalk, smallTalkAnswer } from './smalltalk.js';
import { createStructureQuestions } from './structure.js';
import type { Answer, ConversationContext, Engine } from './types.js';
import { createUnderstander, withoutExclusions } from './understand.js';
import { INTAKE_WORDS } from './vocabulary.js';

export { DISCLAIMER, REFUSAL_TEXT } from './answer.js';
export { SUGGESTION_FLOOR } from './compose.js';
export { figures } from './context.js';
export { ANSWER_THRESHOLD } from './scope.js';
export { nextContext } from './turns.js';

const isEntry = (s: Scored): boolean => s.doc.kind === 'entry';
const withoutName = (text: string, name: string): string =>
  text.replace(new RegExp(String.raw`\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'gi'), ' ');

/** A question's words that name no food: most questions, so one set shared by every ask (never written). */
const NO_FOOD_WORDS: ReadonlySet<string> = new Set();

/** A decided question: its answer, a heading for it, and what it asked that is off-topic. */
const reply = (question: string, answer: Answer, heading = '', offTopic: string[] = []): Reply => ({
  asked: question.trim(),
  answer,
  heading,
  offTopic,
});

/**
 * The engine: the knowledge base compiled once (context.ts), then one pipeline of named stages per
 * message: small talk, split into questions, and for each question understand, route food questions,
 * match topics, decide scope, compose; several answered questions are composed into one reply.
 */
export function createEngine(kb: KnowledgeBase): Engine {
  const ctx = createContext(kb);
  const understand = createUnderstander(ctx);
  const food = createFoodQuestions(ctx);
  const rankTopics = createRanker(ctx);
  const scope = createScope(ctx);
  const compose = createComposer(ctx, askOne);
  const dose = createDoseCheck(ctx);
  const intakeTerms = new Set(analyse(INTAKE_WORDS, ctx.lexicon).terms);
  const foodIntents = createFoodIntents(ctx);
  const mentions = createMentionCheck(ctx);
  const structure = createStructureQuestions(kb);
  // Follow-up: a message read with the conversation before it, when there is one.
  const followUps = createFollowUps(ctx, { standalone: askOne, understand, compose, food });

  /**
   * One question through the stages: its answer, a heading for it, and what it asked that is off-topic.
   * `normalise`: the ask's memo (ask-memo.ts), so the stages normalise each text once.
   */
  function decide(question: string, normalise: Normalise, known?: Known): Reply {
    // Understand: which words ask, without the article framing and the amounts a member states.
    const q = known?.text === question ? known.q : understand.analyseQuestion(question, normalise);
    if (!q.terms.length) return reply(question, refusal(0, compose.generalSuggestions()));
    // Route: a food the question is about, or one it only names.
    const { match: foodMatch, mentioned } = food.find(question, q, normalise);
    // Match: a table food named in a topic question ("brazil nuts or pills?") stands for food in general.
    const ranked = rankTopics(question, mentioned ? food.asDiet(q.terms, mentioned) : q.terms, normalise);
    // Scope: off-topic words refuse whatever else matched.
    const foodWords = foodMatch
      ? new Set(foodMatch.typed.flatMap((n) => analyseStems(n, ctx.stemOf, normalise)))
      : NO_FOOD_WORDS;
    const offTopic = scope.offTopicNames(q, foodWords);
    // "Is zinc better than selenium for covid?": what the article says of selenium, and that it lacks zinc.
    const compared = offTopic.length ? scope.comparedWithSelenium(q, offTopic) : null;
    const rest = compared ? withoutName(question, compared) : question;
    if (compared && rest !== question)
      return { ...compose.comparedWith(decide(rest, normalise), compared), asked: question.trim() };
    if (offTopic.length) return reply(question, compose.refuse(ranked), '', offTopic);
    const wantsSafety = q.terms.some((t) => ctx.safetyTerms.has(t));
    // Route: the member's own numbers (a supplement plus foods), or a food view asked in free text.
    const numbers = dose.answer(question, q, normalise);
    if (numbers) return reply(question, numbers, 'Your total');
    const view = foodIntents.answer(question, q);
    if (view) return reply(question, view, 'Foods');
    if (foodMatch) {
      const { result, question: fq, limitAsked } = foodMatch;
      const servings = result.serving ? fq.servingsIn(q.words, result.serving) : 1;
      return reply(
        question,
        food.answer(result, food.asksAboutSafety(q) || limitAsked === true, servings),
        result.name ?? '',
      );
    }
    if (ctx.router.asksForFoodList(q.words)) return reply(question, food.topFoods(), 'Foods richest in selenium');
    // A linked article ranked first for a question about selenium is not its answer (the links are not
    // about selenium), but the best of the article's own topics may be: it is judged on its own.
    const reason = scope.refusalReason(q, ranked[0]);
    const topics = reason === 'link-not-about-selenium' ? ranked.filter(isEntry) : ranked;
    if ((topics === ranked ? reason : scope.refusalReason(q, topics[0])) !== null)
      return reply(question, compose.refuse(ranked));
    // Compose: the best topic's quotes, its related topics as suggestions; the reference amounts when
    // an amount is asked (the article gives none).
    const answer = compose.fromBest(topics, wantsSafety, q);
    const figures = answer.safety && q.terms.some((t) => intakeTerms.has(t)) ? intakeFigures(kb, q.original) : null;
    const withFigures = figures
      ? { ...answer, text: `${answer.text} ${figures.text}`, citations: [...answer.citations, figures.citation] }
      : answer;
    return reply(question, withFigures, ranked[0]?.doc.title ?? '');
  }

  const namesSelenium = (text: string, normalise: Normalise = normaliseText): boolean =>
    ctx.router.mentionsSelenium(words(normalise(text)));

  /**
   * Each question of a message decided on its own. A question that leaves its subject to an earlier one
   * ("does selenium help inflammation, and how much should I get?") is asked about selenium when the
   * message names it and none of its questions is about something the article does not cover.
   */
  function decideParts(message: string, parts: readonly Segment[], normalise: Normalise): Reply[] {
    const replies = parts.map((p) => decide(p.text, normalise));
    if (replies.some((r) => r.offTopic.length) || !namesSelenium(message, normalise)) return replies;
    return replies.map((r, i) => {
      const text = parts[i]?.text ?? '';
      if (r.answer.answered || namesSelenium(text, normalise)) return r;
      return { ...decide(`${text} selenium`, normalise), asked: r.asked };
    });
  }

  /** With a conversation: a plain-language request alone ("in simple words pls") shortens the last answer. */
  function converse(asked: string, context: ConversationContext): Answer {
    const message = withoutExclusions(asked);
    // "Does it mention heart disease?" asks about the article ("it"), never about the last topic.
    const absent = mentions.absent(message);
    if (absent) return absent;
    // "What's that in milligrams?": the last answer again, its amounts in the unit asked (intake.ts).
    const unit = dose.unitFollowUp(message, () => lastAnswerAgain(context));
    if (unit) return unit;
    const { rest, plain, form } = plainRequest(message);
    if (!plain) return followUps.ask(message, context);
    // Nothing but the request ("eli5", "like in 1 sentence"): the last answer's topic again, in short.
    const again = words(normaliseText(rest)).some((w) => !STOPWORDS.has(w)) ? null : followUps.plainly(context, form);
    if (again) return again;
    const resolved = followUps.ask(rest, context);
    return inForm(resolved.answered ? resolved : followUps.ask(message, context), form, rest, context);
  }

  /** The conversation's last answered message asked again with the turns before it, or null. */
  function lastAnswerAgain(context: ConversationContext): Answer | null {
    for (let i = context.length - 1; i >= 0; i--) {
      const turn = context[i];
      if (turn?.answered) return i > 0 ? converse(turn.question, context.slice(0, i)) : askOne(turn.question);
    }
    return null;
  }

  /**
   * `known`: the message already analysed by the follow-up stage, so it is analysed once. The ask's memo of
   * normalised text is made here and dropped with the answer.
   */
  function askOne(asked: string, known?: Known): Answer {
    const normalise = createAskMemo(ctx);
    const message = withoutExclusions(asked);
    const { rest, plain, form } = plainRequest(message);
    if (!plain) return askMessage(message, normalise, known);
    // "ELI5", "keep it short": the request chooses the answer's form; it does not say what is asked.
    return shortForm(askMessage(rest, normalise), form, rest, ctx.stemOf);
  }

  function askMessage(message: string, normalise: Normalise, known?: Known): Answer {
    const talk = detectSmallTalk(message, normalise);
    if (talk) return smallTalkAnswer(talk, kb, compose.generalSuggestions());
    // "What are the section headings", "how long is it": the article's shape, not one of its claims.
    const shape = structure.answer(message, normalise);
    if (shape) return shape;
    // Several questions in one message: each answered on its own, under its own heading. A question that
    // names nothing of its own ("is that in this article?", "does it say how?") asks about the rest of
    // the message, so it is no question by itself when the rest names a topic.
    const asked = questionParts(message, normalise);
    // The follow-up stage's analysis of the message, when a part is the whole message: not analysed again.
    const parts = asked.filter(
      (p) => !understand.pointsBack(p.text, known?.text === p.text ? known.q : undefined, normalise),
    );
    const replies = parts.length > 1 ? decideParts(message, parts, normalise) : [];
    const combined = compose.combine(replies);
    if (combined) return combined;
    const whole = decide(message, normalise, known);
    // "I only eat plant stuff, do brazil nuts have a lot of selenium?": the question asks about a food the
    // table holds, whatever topic the story before it leans to.
    const asking = parts.length === 1 && parts[0]?.text !== message.trim() ? parts[0] : undefined;
    if (whole.answer.answered && whole.answer.route === 'entry' && asking) {
      const food = decide(asking.text, normalise);
      if (food.answer.answered && food.answer.route === 'food' && food.answer.matchId) return food.answer;
    }
    // "Does it mention heart disease?": a topic sharing a word with what is asked does not make it a yes.
    const absent = whole.answer.answered && whole.answer.route === 'entry' ? mentions.absent(message, normalise) : null;
    if (absent) return { ...absent, suggestions: whole.answer.suggestions };
    if (whole.answer.answered) return whole.answer;
    // "Is cancer mentioned?": no curated topic answers, so the article's own text does, yes or no.
    const mention = mentions.answer(message, normalise);
    if (mention) return mention.answered ? mention : { ...mention, suggestions: whole.answer.suggestions };
    // Only one of several questions is covered: that answer, and what the rest asked is not covered. When
    // another question names something off-topic, the covered one must name selenium itself ("is zinc or
    // vitamin D better? how much of each should I take" asks nothing about selenium).
    const answered = replies.filter((r) => r.answer.answered);
    const mixed = replies.some((r) => r.offTopic.length);
    const [one] = answered;
    if (answered.length === 1 && one && (!mixed || namesSelenium(one.asked, normalise)))
      return compose.withNotes(one, replies);
    // A story before the question ("my doctor says my levels are low ... does it help?"): the question
    // alone decides, unless the story names something the article does not cover. Only an article topic:
    // "is it greek?" after a story is not a question about greek yogurt.
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only && only.text !== message.trim() && !whole.offTopic.length) {
      const focused = decide(only.text, normalise);
      if (focused.answer.answered && focused.answer.route === 'entry') return focused.answer;
    }
    return whole.answer;
  }

  // Built on the first keystroke (or the warm-up's), not with the engine: start-up has the login to do.
  const questionAutocomplete = once(() => createQuestionAutocomplete(ctx.docInputs, ctx.correct));

  return {
    ask: (question, context) => (context?.length ? converse(question, context) : askOne(question)),
    food: (query, options) => ctx.foods.lookup(query, options ?? {}),
    foodAnswer: (query, options) => {
      const result = ctx.foods.lookup(query, options ?? {});
      if (!result.found) return refusal(0, []);
      return food.answer(result, false, options?.servings ?? 1);
    },
    topFoods: (options) => ctx.foods.top(options ?? {}),
    compareFoods: (a, b) => ctx.foods.compare(a, b),
    autocompleteQuestions: (partial) => questionAutocomplete()(partial),
    autocompleteFoods: (partial) => ctx.foods.autocomplete(partial),
    autocompleteSections: (partial) => sectionChoices(kb, partial),
    topics: () => compose.topics(),
  };
}
