import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { nextContext } from '../../src/engine/turns.js';
import type { ConversationContext, Engine, Turn } from '../../src/engine/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

let kb: KnowledgeBase;
let engine: Engine;
beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const cues = (message: string) => followUpCues(words(normaliseText(message)));

const { converse, contextOf } = conversing(() => engine);

describe('follow-up cues (words only)', () => {
  it('tells messages that name nothing from those that name something', () => {
    for (const m of ['why?', 'source?', 'where does it say that', 'tell me more', 'in simple words', 'is that safe?'])
      expect(cues(m).subjectless, m).toBe(true);
    for (const m of ['what is selenium', 'and covid?', 'how much is that in brazil nuts', 'what is this article about'])
      expect(cues(m).subjectless, m).toBe(false);
  });

  it('sees pointing back, lead-ins, safety and amounts', () => {
    expect(cues('is that safe?')).toMatchObject({ pointsBack: true, safety: true });
    expect(cues('that article')).toMatchObject({ pointsBack: false });
    expect(cues('and covid?')).toMatchObject({ leadIn: true, pointsBack: false });
    expect(cues('what about the flu')).toMatchObject({ leadIn: true });
    expect(cues('for kids?')).toMatchObject({ leadIn: true, amount: true });
    expect(cues('how?')).toMatchObject({ explanation: true });
    expect(cues('how much per day')).toMatchObject({ explanation: false, amount: true });
  });

  it('does not read an acknowledgement as a question', () => {
    for (const m of ['thanks', 'ok', 'ok cool', 'great']) expect(cues(m).asks, m).toBe(false);
  });

  it('reads a polite "you" beside a word asking about the answer as a question, "how are you" as none', () => {
    for (const m of ['and the mechanism, if you please?', 'is that proven, would you say?'])
      expect(cues(m), m).toMatchObject({ asks: true, subjectless: true });
    for (const m of ['how are you', 'what are you', 'who are you']) expect(cues(m).asks, m).toBe(false);
  });
});

describe('ask(message, context)', () => {
  it('answers a message without context exactly as before, with followUpOf null', () => {
    for (const q of ['does selenium help with the flu', 'why?', 'how much selenium is in tuna']) {
      expect(engine.ask(q, [])).toEqual(engine.ask(q));
      expect(engine.ask(q).followUpOf).toBeNull();
    }
  });

  it('answers "why?", "how?", "source?", "tell me more" and "in simple words" about the last topic', () => {
    const flu = engine.ask('does selenium help with the flu');
    expect(flu.answered).toBe(true);
    for (const follow of ['why?', 'how?', 'source?', 'where does it say that', 'tell me more', 'in simple words']) {
      const [, answer] = converse('does selenium help with the flu', follow);
      expect(answer, follow).toMatchObject({ answered: true, followUpOf: flu.matchId });
      expect(engine.ask(follow).followUpOf).toBeNull();
    }
  });

  it('"sources?", "source pls" ask for the last answer\'s source: not food sources, not a neighbour', () => {
    for (const first of ['does selenium help with covid', 'is selenium an antioxidant']) {
      const last = engine.ask(first);
      for (const follow of ['sources?', 'source', 'source pls']) {
        const [, answer] = converse(first, follow);
        expect(answer, `${first} | ${follow}`).toMatchObject({ answered: true, matchId: last.matchId });
      }
    }
    // Naming food, the list of foods is asked for.
    const [, foods] = converse('does selenium help with covid', 'food sources?');
    expect(foods).toMatchObject({ answered: true, route: 'food', matchId: null, followUpOf: null });
  });

  it('answers "why?" with the related topic that explains the mechanism when the last one only claims', () => {
    const [flu, why] = converse('does selenium help with the flu', 'why?');
    expect(why?.matchId).not.toBe(flu?.matchId);
    expect(kb.entries.find((e) => e.id === flu?.matchId)?.related).toContain(why?.matchId);
  });

  it('takes "and covid?" and "what about the flu" as their own topics', () => {
    const covid = engine.ask('does selenium help against covid');
    const [, andCovid] = converse('does selenium help with the flu', 'and covid?');
    expect(andCovid).toMatchObject({ answered: true, matchId: covid.matchId });
    const flu = engine.ask('does selenium help with the flu');
    const [, aboutFlu] = converse('does selenium help against covid', 'what about the flu');
    expect(aboutFlu).toMatchObject({ answered: true, matchId: flu.matchId });
  });

  it('keeps the food of the conversation: "is that safe?", and "how much is that in brazil nuts" names its own', () => {
    const [milk, safe] = converse('how much selenium is in a cup of milk', 'is that safe?');
    expect(milk?.route).toBe('food');
    expect(safe).toMatchObject({ answered: true, route: 'food', matchId: milk?.matchId, followUpOf: milk?.matchId });
    expect(safe?.safety).toEqual(expect.any(String));
    const [, nuts] = converse('how much selenium do i need a day', 'how much is that in brazil nuts');
    expect(nuts).toMatchObject({ answered: true, route: 'food', matchId: 'brazil-nuts', followUpOf: null });
  });

  it('adds the upper-limit line to "is that safe?" about a topic', () => {
    const [first, safe] = converse('does selenium help with inflammation', 'is that safe?');
    expect(safe).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
    expect(safe?.safety).toEqual(expect.any(String));
  });

  it('reads "for kids?" with the amount question before it', () => {
    const [intake, kids] = converse('how much selenium do i need daily', 'for kids?');
    expect(kids).toMatchObject({ answered: true, followUpOf: intake?.matchId });
  });

  it('ignores the context for a message with a clear subject of its own', () => {
    const context = contextOf('does selenium help with the flu', 'why?');
    for (const q of [
      'what are selenoproteins',
      'how much selenium is in brazil nuts',
      'does selenium deficiency weaken your immunity',
      'is selenium an antioxidant',
      'what is this article about',
    ])
      expect(engine.ask(q, context), q).toEqual(engine.ask(q));
  });

  it('keeps amount and supplement questions about selenium itself, whatever the last topic', () => {
    const intake = engine.ask('how much selenium do i need a day').matchId;
    for (const q of ['ok but how much should i take', 'how much is too much', 'what happens if i take too much']) {
      const [, answer] = converse('does selenium help with inflammation', q);
      expect(answer, q).toMatchObject({ answered: true, matchId: intake, followUpOf: null });
    }
    expect(cues('is it safe to take selenium every day').pointsBack).toBe(false);
    expect(cues('is it safe').pointsBack).toBe(true);
  });

  it('skips thanks and greetings between a question and its follow-up, and never answers them', () => {
    const [flu, thanks, why] = converse('does selenium help with the flu', 'thanks!', 'why?');
    expect(thanks?.answered).toBe(false);
    expect(why).toMatchObject({ answered: true, followUpOf: flu?.matchId });
  });

  it('refuses a follow-up of a refused off-topic question', () => {
    const [, zinc, better] = converse('does selenium help the flu', 'what about zinc', 'does that work better');
    expect(zinc?.answered).toBe(false);
    expect(better?.answered).toBe(false);
    expect(converse('what about zinc', 'why?')[1]?.answered).toBe(false);
  });

  it('survives turns that name ids the knowledge base does not have', () => {
    const stale: Turn = { question: 'x', topic: 'x', answered: true, route: 'entry', matchId: 'gone', foods: [] };
    const food: Turn = { ...stale, route: 'food', matchId: 'no-such-food' };
    for (const context of [[stale], [food]])
      expect(answerSchema.safeParse(engine.ask('why?', context)).success).toBe(true);
  });
});

describe('next context', () => {
  it('keeps the last three turns, each with the topic it was about', () => {
    const context = contextOf('does selenium help with the flu', 'why?', 'source?', 'tell me more');
    expect(context.map((t) => t.question)).toEqual(['why?', 'source?', 'tell me more']);
    expect(context.every((t) => t.topic === 'does selenium help with the flu')).toBe(true);
    // Four turns on, the conversation still knows its topic.
    expect(engine.ask('in simple words', context)).toMatchObject({ answered: true });
  });

  it('cuts long messages so a turn stays small', () => {
    const long = `what are selenoproteins ${'really '.repeat(5000)}`;
    const [turn] = nextContext([], long, engine.ask(long));
    expect(turn?.question.length).toBeLessThanOrEqual(300);
    expect(turn?.topic.length).toBeLessThanOrEqual(300);
  });
});

// Properties: contexts from real conversations and from arbitrary (even nonsensical) turns.
const turnArb = (ids: string[]) =>
  fc.record({
    question: fc.string({ maxLength: 300 }),
    topic: fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('does selenium help with the flu', 'how much selenium in milk'),
    ),
    answered: fc.boolean(),
    route: fc.constantFrom('entry' as const, 'food' as const, 'related' as const, 'none' as const),
    matchId: fc.option(fc.constantFrom(...ids, 'no-such-id'), { nil: null }),
    foods: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
  });

describe('properties', () => {
  const projectOffTopic = (): string[] =>
    readFileSync(new URL('../eval/questions.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { q: string; expect: string })
      .filter((l) => l.expect === 'none')
      .map((l) => l.q);

  it('a context never makes an off-topic message answered', () => {
    const offTopic = projectOffTopic();
    const terms = kb.lexicon.outOfScope;
    const templated = fc
      .tuple(
        fc.constantFrom(...terms),
        fc.constantFrom('and {}?', 'what about {}', 'does {} help with that', '{}?', 'is {} safe too', 'why {}'),
      )
      .map(([term, t]) => t.replace('{}', term));
    const ids = [...kb.entries.map((e) => e.id), ...kb.foods.map((f) => f.id)];
    const realContext = fc
      .array(
        fc.constantFrom(
          'does selenium help with the flu',
          'how much selenium in milk',
          'why?',
          'what are selenoproteins',
          'is that safe?',
        ),
        {
          maxLength: 3,
        },
      )
      .map((ms) => contextOf(...ms));
    const context = fc.oneof(realContext, fc.array(turnArb(ids), { maxLength: 4 }));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...offTopic), templated), context, (message, ctx) => {
        fc.pre(!engine.ask(message).answered);
        expect(engine.ask(message, ctx).answered).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any context and any message up to 10,000 characters give a valid answer model', () => {
    const ids = [...kb.entries.map((e) => e.id), ...kb.foods.map((f) => f.id)];
    const message = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 10_000 }),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('why?', 'source?', 'and covid?', 'is that safe?', 'for kids?', 'how much is that in brazil nuts'),
    );
    fc.assert(
      fc.property(fc.array(turnArb(ids), { maxLength: 4 }), message, (context: ConversationContext, m) => {
        const answer = engine.ask(m, context);
        expect(answerSchema.safeParse(answer).success).toBe(true);
        if (answer.followUpOf !== null) expect(context.some((t) => t.matchId === answer.followUpOf)).toBe(true);
        if (!answer.answered) expect(['none', 'smalltalk']).toContain(answer.route);
      }),
      { numRuns: 150 },
    );
  });
});
