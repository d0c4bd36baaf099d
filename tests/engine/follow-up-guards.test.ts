import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountOfFood,
  asksForCare,
  keepsToArticle,
  namesOtherThanFood,
  otherArticleSubjects,
} from '../../src/engine/follow-up-guards.js';
import type { Answer } from '../../src/engine/types.js';
import { projectEngine } from './converse.js';

// What the conversation may never do: make a message that names a subject of its own answered.

const { kb, ctx, engine, converse, contextOf } = projectEngine();

const answer = (route: Answer['route'], matchId: string | null, answered = true): Answer =>
  ({ ...engine.ask('what are selenoproteins'), route, matchId, answered }) as Answer;

describe('guards, read alone', () => {
  it('asksForCare sees someone to go to for care, anywhere in the question', () => {
    expect(asksForCare(['can', 'you', 'recommend', 'a', 'dentist'])).toBe(true);
    expect(asksForCare(['should', 'i', 'see', 'my', 'gp', 'first'])).toBe(true);
    expect(asksForCare(['is', 'that', 'safe'])).toBe(false);
  });

  it('keepsToArticle lets a follow-up reach another article only when the message alone asked for it', () => {
    const link = kb.related[0]?.id as string;
    expect(keepsToArticle(answer('related', link), answer('none', null, false))).toBe(false);
    expect(keepsToArticle(answer('related', link), answer('related', link))).toBe(true);
    expect(keepsToArticle(answer('entry', 'selenoproteins'), answer('none', null, false))).toBe(true);
  });

  it('amountOfFood takes an unknown word as the amount verb or unit only after "to"/"per" or with a digit', () => {
    const unknown = (w: string) => ['zorp', 'glim', '250g'].includes(w);
    expect(amountOfFood(['how', 'many', 'to', 'zorp', 'the', 'rda'], unknown)).toBe(true);
    expect(amountOfFood(['what', 'about', '250g'], unknown)).toBe(true);
    expect(amountOfFood(['is', 'glim', 'safe'], unknown)).toBe(false);
    expect(amountOfFood(['how', 'much', 'glim', 'should', 'i', 'take'], unknown)).toBe(false);
  });

  it('otherArticleSubjects: the words of a related article no entry of this one uses', () => {
    const subjects = otherArticleSubjects(ctx.index);
    expect(subjects.size).toBeGreaterThan(0);
    const entries = ctx.index.docs.filter((d) => d.kind === 'entry');
    for (const t of subjects) {
      expect(
        entries.some((d) => d.fields.has(t)),
        t,
      ).toBe(false);
      expect(
        ctx.index.docs.some((d) => d.kind === 'related' && d.keyTerms.has(t)),
        t,
      ).toBe(true);
    }
  });

  it('namesOtherThanFood: one word outside the food frame is enough', () => {
    const frame = (t: string) => ['cup', 'eat'].includes(t);
    expect(namesOtherThanFood(['cup', 'eat'], frame)).toBe(false);
    expect(namesOtherThanFood(['cup', 'worry'], frame)).toBe(true);
    expect(namesOtherThanFood([], frame)).toBe(false);
  });
});

describe('guards in a conversation', () => {
  it('asking for a doctor or a dentist after any answer stays refused', () => {
    for (const first of ['does selenium help with the flu', 'how much selenium do i need', 'how much selenium in tuna'])
      for (const m of ['what about a doctor', 'can you recommend a dentist', 'why a physician?']) {
        expect(engine.ask(m).answered, m).toBe(false);
        expect(converse(first, m)[1]?.answered, `${first} | ${m}`).toBe(false);
      }
  });

  it('"what does it protect against" is about this article, never the related article whose title has the words', () => {
    for (const first of ['why should i care about selenium', 'does selenium help the immune system']) {
      const [, protects] = converse(first, 'so what does it protect against exactly');
      expect(protects?.route, first).not.toBe('related');
    }
    // Named in the message itself, the related article is still reached.
    const link = kb.related[0];
    const named = engine.ask(link?.questions[0] as string);
    if (named.route === 'related') {
      const [, again] = converse('does selenium help the immune system', link?.questions[0] as string);
      expect(again?.matchId).toBe(named.matchId);
    }
  });

  it('after a food, a word of its own that is no amount is its own subject; amounts of the food still follow', () => {
    const ctx = contextOf('how much selenium in brazil nuts');
    for (const m of ['is glorbium safe', 'how much plimsoll should i take', 'is anxiety safe'])
      if (!engine.ask(m).answered) expect(engine.ask(m, ctx).answered, m).toBe(false);
    for (const m of ['how many to hit the daily amount', 'what about per 100g', 'is that ok for kids']) {
      expect(engine.ask(m, ctx), m).toMatchObject({ answered: true, route: 'food', matchId: 'brazil-nuts' });
    }
  });

  it('property: a generated off-topic subject after an in-scope conversation stays refused', () => {
    const subjects = fc.constantFrom(
      'zinc',
      'magnesium',
      'melatonin',
      'ibuprofen',
      'my cat',
      'the weather',
      'bitcoin',
      'a doctor',
      'football',
      'the stock market',
      'hair loss',
      'my back pain',
      'a good dentist',
      'keto',
      'paracetamol',
      'the moon',
    );
    const templates = fc.constantFrom(
      'ok and {}?',
      'and {}?',
      'what about {}',
      'can you recommend {}',
      'does {} help too',
      'is {} safe',
      'how much {} should i take',
      'why {}',
      'tell me about {}',
      'same for {}?',
      'does it work for {}',
      'thanks! unrelated but what about {}',
      'is {} better',
      'how does {} work',
      '{} too?',
    );
    const contexts = fc
      .array(
        fc.constantFrom(
          'does selenium help with the flu',
          'how much selenium do i need',
          'what are selenoproteins',
          'why?',
          'source?',
          'is the article an ad',
          'how much selenium in brazil nuts',
          'is that safe?',
          'tell me more',
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((ms) => contextOf(...ms));
    fc.assert(
      fc.property(subjects, templates, contexts, (subject, template, context) => {
        const message = template.replace('{}', subject);
        fc.pre(!engine.ask(message).answered);
        expect(engine.ask(message, context).answered).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a place of care within a group of people', () => {
  const firsts = ['does selenium help people who get sick a lot', 'can selenium help against viruses'];

  it('narrows the last answer to the people cared for there, as that answer says', () => {
    for (const first of firsts)
      for (const m of ['and for patients at the clinic?', 'even for older people in hospitals', 'also for seniors?']) {
        const [before, after] = converse(first, m);
        expect(after, `${first} | ${m}`).toMatchObject({ answered: true, followUpOf: before?.matchId });
        // What the article says, quoted: never an answer made up for that group.
        expect(after?.citations.length, m).toBeGreaterThan(0);
      }
  });

  it('still refuses asking for care itself, whatever came before', () => {
    for (const first of firsts)
      for (const m of [
        'could you find me a good clinic',
        'do i need to see a nurse',
        'should my dad go to the hospital',
      ])
        expect(converse(first, m)[1]?.answered, `${first} | ${m}`).toBe(false);
  });
});
