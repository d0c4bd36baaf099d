import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { analyse, compileLexicon } from '../../src/engine/normalise.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const loaded = loadKnowledge(new URL('../../knowledge', import.meta.url).pathname);
if (!loaded.ok) throw new Error('knowledge/ does not load');
const kb = loaded.kb;
const engine = createEngine(kb);
const lexicon = compileLexicon(kb.lexicon);
const terms = (text: string) => analyse(text, lexicon).terms;

describe('British and Australian chat words', () => {
  it('reads "owt" and "yer" as the words they stand for', () => {
    expect(terms('does selenium do owt for yer immune system')).toEqual(
      terms('does selenium do anything for your immune system'),
    );
  });

  it('gives Nigerian Pidgin and Igbo "please" ("abeg", "biko") and "sef", "jare" no weight', () => {
    expect(terms('abeg how much selenium should an adult get daily')).toEqual(
      terms('how much selenium should an adult get daily'),
    );
    expect(terms('biko is selenium an antioxidant sef')).toEqual(terms('is selenium an antioxidant'));
  });

  it('gives "oi" and "innit" no weight', () => {
    expect(terms('oi is selenium an antioxidant innit')).toEqual(terms('is selenium an antioxidant'));
  });

  it('reads "fer" as "for" and "se" as selenium', () => {
    expect(terms('is se good fer the flu')).toEqual(terms('is selenium good for the flu'));
  });

  it('gives common Discord slang no weight: "lowkey", "fr", "bruh", "deadass"', () => {
    expect(terms('bruh lowkey does selenium help the flu fr')).toEqual(terms('does selenium help the flu'));
    expect(terms('deadass is selenium an antioxidant istg')).toEqual(terms('is selenium an antioxidant'));
  });

  it('answers a dialect question as its plain form is answered', () => {
    const plain = engine.ask('does selenium help your immune system?');
    const chatty = engine.ask('oi mate, does selenium do owt for yer immune system?');
    expect(plain.answered).toBe(true);
    expect(chatty).toMatchObject({ answered: true, route: plain.route });
  });
});

describe('everyday words for infections', () => {
  it('takes "the lurgy" for an infection', () => {
    expect(terms('fight off the lurgy')).toEqual(terms('fight off infection'));
  });

  it('takes "getting sick again" for a repeated infection, not only for an infection', () => {
    const t = terms('how do I stop getting sick again');
    expect(t).toEqual(expect.arrayContaining(terms('repeated infection')));
    expect(engine.ask('does selenium stop me getting sick again?').matchId).toBe(
      'repeated-infections-immunocompromised',
    );
  });
});

describe('comparatives', () => {
  it('reads "worse" as "bad", so "is low selenium worse for immunity" finds what "bad" finds', () => {
    expect(terms('is low selenium worse for immunity')).toEqual(terms('is low selenium bad for immunity'));
    expect(engine.ask('is low selenium worse for immunity').matchId).toBe(
      engine.ask('is low selenium bad for immunity').matchId,
    );
  });
});

describe('comparisons between two things the article contrasts', () => {
  it('answers "deficiency vs supplements" with both sides of the contrast', () => {
    const answer = engine.ask('selenium deficiency vs selenium supplements, what is the difference for immunity');
    expect(answer.answered).toBe(true);
    const quotes = answer.citations.map((c) => c.quote).join(' ');
    expect(quotes).toContain('A deficiency of selenium');
    expect(quotes).toContain('selenium supplements');
  });

  it('does not weigh "ones" as a topic word ("or just immune ones")', () => {
    expect(terms('which ones help')).toEqual(terms('which help'));
  });
});

describe('how much of a very rich food is safe', () => {
  const limit = kb.facts.upperLimit.adultMcg;

  it('answers from the food table, with the upper limit, when one serving passes the limit', () => {
    const nuts = engine.food('brazil nuts');
    expect(nuts.mcg ?? 0).toBeGreaterThan(limit);
    for (const q of ['brazil nuts every day ok?', 'how many brazil nuts a day is safe']) {
      const answer = engine.ask(q);
      expect(answer).toMatchObject({ answered: true, route: 'food', matchId: nuts.id });
      expect(answer.safety).toContain(`${limit} mcg`);
    }
  });

  it('leaves a food under the limit alone: how many eggs to eat is a diet question', () => {
    const eggs = engine.food('egg');
    expect(eggs.found).toBe(true);
    expect(eggs.mcg ?? 0).toBeLessThanOrEqual(limit);
    expect(engine.ask('how many eggs can I eat a day').route).not.toBe('food');
  });
});

describe('amounts in a question', () => {
  it('does not weigh a dose the knowledge base never quotes as an unknown topic word', () => {
    const plain = engine.ask('can I take that much selenium');
    const dosed = engine.ask('can I take 1000 mcg selenium');
    expect(plain.answered).toBe(true);
    expect(dosed).toMatchObject({ answered: true, matchId: plain.matchId });
    expect(dosed.safety).toContain(`${kb.facts.upperLimit.adultMcg} mcg`);
  });

  it('keeps the numbers when nothing else says whose amount it is', () => {
    for (const q of ['how much is 2+2', 'is 200 a lot', 'what is 12*13']) expect(engine.ask(q).answered).toBe(false);
  });

  it("keeps the article's own figures as topic words", () => {
    const answer = engine.ask('is 8 mcg a lot?');
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c) => c.quote.includes('8 mcg'))).toBe(true);
  });
});
