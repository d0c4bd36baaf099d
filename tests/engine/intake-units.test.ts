import { describe, expect, it } from 'vitest';
import { createEngine, nextContext } from '../../src/engine/index.js';
import { askedUnit, formatNumber, inUnit, referenceMultiple, statedAmounts } from '../../src/engine/intake-units.js';
import type { Turn } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Amounts around the reference figures: asked in another unit (mg or mcg), or as a multiple of the RDA or
// the upper limit. Sentences are our own.

const kb = loadProjectKnowledge();
const engine = createEngine(kb);
const { rda, upperLimit } = kb.facts;

describe('reading units and multiples', () => {
  it.each([
    ['how much is the rda in mg', 'mg'],
    ['convert that to micrograms', 'mcg'],
    ['0.1 mg, how many mcg?', 'mcg'],
    ['in µg please', 'mcg'],
  ] as const)('%s asks in %s', (text, unit) => {
    expect(askedUnit(text)?.unit).toBe(unit);
  });

  it('a unit after a number states an amount, not the unit asked', () => {
    expect(askedUnit('i take 200 mcg')).toBeNull();
    expect(askedUnit('mgmt says hi')).toBeNull();
  });

  it('reads stated amounts with decimals, in mcg', () => {
    expect(statedAmounts('a 0.2mg tablet and 75 micrograms')).toEqual([
      { mcg: 200, written: '0.2 mg', unit: 'mg' },
      { mcg: 75, written: '75 mcg', unit: 'mcg' },
    ]);
    expect(statedAmounts('0,05 mg')[0]?.mcg).toBe(50);
  });

  it('writes numbers without float noise', () => {
    expect(inUnit(55, 'mg')).toBe('0.055 mg');
    expect(inUnit(2500, 'mcg')).toBe('2,500 mcg');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it.each([
    ['can i take twice the rda', 2, 'rda'],
    ['what about 4x the recommended dose', 4, 'rda'],
    ['is half of the daily value enough', 0.5, 'rda'],
    ['triple the upper limit, what happens', 3, 'upper-limit'],
    ['the RDA times 2.5', 2.5, 'rda'],
    ['the max doubled', 2, 'upper-limit'],
  ] as const)('%s is %s times the %s', (text, times, reference) => {
    expect(referenceMultiple(text)).toMatchObject({ times, reference });
  });

  it('no multiple without a reference amount, or with an absurd one', () => {
    expect(referenceMultiple('double check the article')).toBeNull();
    expect(referenceMultiple('3x 200 mcg pills')).toBeNull();
    expect(referenceMultiple('1000 times the rda')).toBeNull();
  });
});

describe('answers', () => {
  it('gives a reference amount in milligrams with the mcg figure', () => {
    const answer = engine.ask('and the maximum per day, in milligrams?');
    expect(answer.answered).toBe(true);
    expect(answer.text).toContain(`${upperLimit.adultMcg} mcg (${upperLimit.adultMcg / 1000} mg)`);
    expect(answer.citations.some((c) => c.kind === 'data')).toBe(true);
  });

  it('converts a stated amount both ways', () => {
    expect(engine.ask('how many mg is 150 mcg of selenium').text).toContain('150 mcg is 0.15 mg');
    expect(engine.ask('my tablet says 0.1 mg, what is that in mcg').text).toContain('0.1 mg is 100 mcg');
  });

  it('reads a supplement dose written in milligrams in mcg, and says so', () => {
    const answer = engine.ask('is 0.15 mg a day of selenium safe?');
    expect(answer.answered).toBe(true);
    expect(answer.text).toContain('0.15 mg is 150 mcg.');
    expect(answer.text).toContain('below the upper limit');
  });

  it('works a multiple out against the upper limit', () => {
    const under = engine.ask('would 5 times the RDA be too much?');
    expect(under.answered).toBe(true);
    expect(under.text).toContain(`${5 * rda.adultMcg} mcg a day`);
    expect(under.text).toContain('below the upper limit');
    const over = engine.ask('is double the upper limit dangerous');
    expect(over.text).toContain(`${2 * upperLimit.adultMcg} mcg a day`);
    expect(over.text).toContain('above the adult upper limit');
    expect(over.safety).not.toBeNull();
  });

  it('uses the RDA of the group named', () => {
    const pregnancy = rda.rows.find((r) => r.group === 'pregnancy')?.mcg ?? 0;
    expect(engine.ask("i'm pregnant, is twice the rda safe?").text).toContain(`${2 * pregnancy} mcg a day`);
  });

  it('leaves other substances and other units alone', () => {
    expect(engine.ask('how many mg of vitamin c a day').text).not.toContain('1 mg = 1,000 mcg');
    expect(engine.ask('is double the zinc rda ok').answered).toBe(false);
  });
});

describe('"what is that in milligrams?" after an answer', () => {
  const converse = (...messages: string[]) => {
    let context: Turn[] = [];
    let last = engine.ask(messages[0] ?? '');
    context = nextContext(context, messages[0] ?? '', last);
    for (const m of messages.slice(1)) {
      last = engine.ask(m, context);
      context = nextContext(context, m, last);
    }
    return last;
  };

  it('gives the last answer again with its amounts converted', () => {
    const first = engine.ask('how much selenium does milk have, per the article');
    const answer = converse('how much selenium does milk have, per the article', 'so how many mg is that?');
    expect(answer.answered).toBe(true);
    expect(answer.text.startsWith(first.text)).toBe(true);
    expect(answer.text).toMatch(/In milligrams: \d+ mcg is 0\.0\d+ mg/);
    expect(answer.followUpOf).toBe(first.matchId);
  });

  it('is no unit follow-up when the last answer states no amount, or the message asks more', () => {
    expect(converse('does selenium help against viruses', 'what is that in mg').text).not.toContain('In milligrams');
    expect(
      converse('how much selenium does milk have, per the article', 'how many mg of zinc in milk').text,
    ).not.toContain('In milligrams');
  });
});
