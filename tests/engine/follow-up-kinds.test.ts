import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createComposer } from '../../src/engine/compose.js';
import { createContext } from '../../src/engine/context.js';
import {
  createFollowUps,
  type FollowUpKind,
  followUpCues,
  followUpKind,
  type Known,
} from '../../src/engine/follow-up.js';
import type { Subject } from '../../src/engine/follow-up-cues.js';
import { createFoodQuestions } from '../../src/engine/food-question.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { createUnderstander } from '../../src/engine/understand.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

// Each kind of follow-up, first as words (followUpKind), then resolved by the engine against a real
// conversation, then properties over arbitrary contexts and messages built from follow-up words.

let kb: KnowledgeBase;
let engine: Engine;
beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const nothing: Subject = { offTopic: false, own: 0, topics: 0, unknown: 0 };
/** A subject naming `own` things, `topics` of them knowledge-base topics, `unknown` of them unknown words. */
const naming = (own: number, topics = own, unknown = 0): Subject => ({ offTopic: false, own, topics, unknown });
const kindOf = (message: string, said: Subject = nothing): FollowUpKind => {
  const ws = words(normaliseText(message));
  return followUpKind(followUpCues(ws), said);
};

const { converse, contextOf } = conversing(() => engine);
const relatedOf = (id: string | null): string[] => kb.entries.find((e) => e.id === id)?.related ?? [];

describe('followUpKind (words only)', () => {
  const cases: [FollowUpKind, string[]][] = [
    ['acknowledgement', ['thanks', 'ok cool', 'great', 'thank u that was helpful!!']],
    [
      'elaboration',
      ['why?', 'how?', 'why tho', 'how so', 'como?', 'warum?', 'pourquoi?', 'pq? explain por favor', 'the mechanism?'],
    ],
    ['source', ['source?', 'where does it say that', 'says who', 'according to who', 'proof?']],
    ['more', ['tell me more', 'go on', 'keep going', 'in simple words', 'explain more']],
    ['safety', ['is that safe?', 'is it dangerous']],
    ['quantity', ['how much per serving?', 'how much per day', 'for kids?']],
    // "is that a lot?" judges the figure just given: the same answer again, like "really?".
    ['confirmation', ['really?', 'so is that a yes', 'is that proven or just a theory?', 'fr?', 'is that a lot?']],
  ];
  for (const [kind, messages] of cases)
    it(`reads ${kind}`, () => {
      for (const m of messages) expect(kindOf(m), m).toBe(kind);
    });

  it('reads a switch: a lead-in or fragment naming a topic, without a verb of its own', () => {
    for (const m of ['and covid?', 'what about the flu', 'chronic too?', 'and bacteria?'])
      expect(kindOf(m, naming(1)), m).toBe('switch');
  });

  it('reads a refinement: a topic word asked of the last answer', () => {
    expect(kindOf('why does that matter for infections', naming(1))).toBe('refinement');
    for (const m of ['which diseases', 'what infections?', 'like what functions', 'matlab kya hai exactly? what risk'])
      expect(kindOf(m, naming(1)), m).toBe('refinement');
  });

  it('leaves a message with its own subject alone', () => {
    // A whole question about a topic, a topic change, too many names, a word the knowledge base never uses.
    expect(kindOf('what is the role of selenoproteins?', naming(1))).toBe('own-subject');
    expect(kindOf('ok new topic, what about covid', naming(1))).toBe('own-subject');
    expect(kindOf('separate question: antioxidants?', naming(1))).toBe('own-subject');
    expect(kindOf('and how do selenoproteins and redox balance affect immune cells', naming(4))).toBe('own-subject');
    expect(kindOf('is it gonna rain tomorrow', naming(2, 0, 2))).toBe('own-subject');
  });

  it('sees a topic change in the words as typed, before typo repair', () => {
    expect(followUpCues(['ok', 'new', 'toxic'], ['ok', 'new', 'topic']).newTopic).toBe(true);
    expect(followUpCues(['ok', 'new', 'toxic']).newTopic).toBe(false);
  });
});

describe('each kind resolved against the conversation', () => {
  it('elaboration in other languages: the last topic or the related one that explains it', () => {
    const flu = engine.ask('does selenium help with the flu');
    for (const m of ['como?', 'warum?', 'pourquoi?', 'por que?']) {
      const [, answer] = converse('does selenium help with the flu', m);
      expect(answer, m).toMatchObject({ answered: true, followUpOf: flu.matchId });
      expect([flu.matchId, ...relatedOf(flu.matchId)], m).toContain(answer?.matchId);
      expect(engine.ask(m).answered, m).toBe(false);
    }
  });

  it('source and confirmation: the same topic again, with its citations', () => {
    for (const m of [
      'according to who',
      'is that proven or just a theory?',
      'so is that a yes',
      'where does it say that',
    ]) {
      const [first, answer] = converse('is selenium an antioxidant', m);
      expect(answer, m).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
      expect(answer?.citations.length, m).toBeGreaterThan(0);
    }
  });

  it('a switch chooses among the topics named by its new words, the last topic’s related ones first', () => {
    const [first, infections] = converse("what happens if you're low in selenium", 'and infections?');
    expect(infections).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(relatedOf(first?.matchId ?? null)).toContain(infections?.matchId);
    // The same words alone would answer about infections in general: the context made the difference.
    expect(engine.ask('and infections?').matchId).not.toBe(infections?.matchId);
  });

  it('which ones: within the answer just read when its quotes have the words', () => {
    const [first, which] = converse('does low selenium raise disease risk', 'which diseases');
    expect(which).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
  });

  it('an amount after a food is of that food; another substance stays refused', () => {
    for (const m of ['how many should i eat', 'how many cups to hit the daily amount then', 'per serving?']) {
      const [food, answer] = converse('how much selenium is in a cup of milk', m);
      expect(answer, m).toMatchObject({ answered: true, route: 'food', matchId: food?.matchId });
    }
    for (const m of ['how much calcium does a teenager need', 'is intermittent fasting healthy'])
      expect(converse('how much selenium is in a cup of milk', m)[1]?.answered, m).toBe(false);
  });

  it('a topic change or a thank-you ignores the last topic', () => {
    const context = contextOf('does selenium help with the flu');
    for (const m of ['ok new topic, what is the title of the article', 'unrelated - is the article an ad?'])
      expect(engine.ask(m, context), m).toEqual(engine.ask(m));
    expect(engine.ask('thank u that was helpful!!', context).answered).toBe(false);
  });
});

describe('analysed once', () => {
  it('hands the one analysis of the message to the single-message pipeline', () => {
    const ctx = createContext(kb);
    const understand = createUnderstander(ctx);
    const analysed: string[] = [];
    const counting = {
      ...understand,
      analyseQuestion: (m: string) => {
        analysed.push(m);
        return understand.analyseQuestion(m);
      },
    };
    const handed: (Known | undefined)[] = [];
    const followUps = createFollowUps(ctx, {
      standalone: (m, known) => {
        handed.push(known);
        return engine.ask(m);
      },
      understand: counting,
      compose: createComposer(ctx, (q) => engine.ask(q)),
      food: createFoodQuestions(ctx),
    });
    const context = contextOf('does selenium help with the flu', 'thanks', 'how much selenium in tuna');
    const message = 'what are selenoproteins';
    followUps.ask(message, context);
    expect(analysed).toEqual([message]);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.text).toBe(message);
    expect(handed[0]?.q).toEqual(understand.analyseQuestion(message));
  });
});

describe('properties', () => {
  const lines = (path: string) =>
    readFileSync(new URL(path, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { q: string; expect: string });

  it('no off-topic line of the project or shared sets is answered after any of these conversations', () => {
    const offTopic = [
      ...lines('../eval/questions.jsonl'),
      ...lines('../eval/discord-tuning.jsonl'),
      ...lines('../../../shared/eval/dev-questions.jsonl'),
      ...lines('../../../shared/eval/dev-discord-register.jsonl'),
    ]
      .filter((l) => l.expect === 'none')
      .map((l) => l.q)
      .filter((q) => !engine.ask(q).answered);
    expect(offTopic.length).toBeGreaterThan(100);
    const contexts = [
      contextOf('how much selenium is in a cup of milk'),
      contextOf('does selenium help with the flu', 'why?'),
      contextOf('how much selenium do i need a day'),
      contextOf('what are selenoproteins', 'thanks'),
      contextOf('what about zinc'),
    ];
    for (const context of contexts)
      for (const q of offTopic)
        expect(engine.ask(q, context).answered, `${context.at(-1)?.question} | ${q}`).toBe(false);
  });

  it('messages made of follow-up words and topic words give a valid model that follows only a turn it had', () => {
    const vocabulary = [
      ...'and what about why how source is that it safe for kids more simple too which really so ok thanks the'.split(
        ' ',
      ),
      ...'covid flu infections cancer milk tuna brazil nuts selenium zinc vitamin weather bitcoin como warum'.split(
        ' ',
      ),
    ];
    const message = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
    const first = fc.constantFrom(
      'does selenium help with the flu',
      'how much selenium in milk',
      'what are selenoproteins',
      'what about zinc',
      'hey',
    );
    fc.assert(
      fc.property(fc.array(first, { minLength: 1, maxLength: 3 }), message, (firsts, m) => {
        const context = contextOf(...firsts);
        const answer = engine.ask(m, context);
        expect(answerSchema.safeParse(answer).success).toBe(true);
        if (answer.followUpOf !== null) expect(context.some((t) => t.matchId === answer.followUpOf)).toBe(true);
        // A message refused for its off-topic words stays refused whatever the context.
        if (/\b(zinc|vitamin d|weather|bitcoin)\b/.test(m) && !engine.ask(m).answered)
          expect(answer.answered).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
