import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { intakeFigures } from '../../src/engine/intake.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { loadProjectKnowledge } from './answer-schema.js';

// A child's upper limit is far below an adult's (150 mcg at 4-8 years against 400): an amount question
// about a child must give the child's limit, and a child's dose is judged against it.

const kb = loadProjectKnowledge();
const engine = createEngine(kb);
const figures = (text: string) => intakeFigures(kb, words(normaliseText(text))).text;
const ulRow = (group: string) => kb.facts.upperLimit.rows.find((r) => r.group === group)?.mcg;

describe('intake figures name the upper limit of the age asked about', () => {
  it("gives a stated child's own upper limit beside the adult one", () => {
    expect(figures('how much is too much for my 7 yo')).toContain(
      `age 7: the 4-8 years group, 30 mcg a day, upper limit ${ulRow('4-8 years')} mcg a day`,
    );
    expect(figures('what about a 12 year old')).toContain(`upper limit ${ulRow('9-13 years')} mcg a day`);
  });

  it("lists the children's upper limits when kids are asked about without an age", () => {
    const text = figures('what is the upper limit for kids');
    for (const group of ['1-3 years', '4-8 years', '9-13 years'])
      expect(text).toContain(`${group}: ${ulRow(group)} mcg`);
  });

  it('adds nothing for adults, teenagers at the adult limit, or no one in particular', () => {
    const adultLimit = `tolerable upper intake level: ${kb.facts.upperLimit.adultMcg} mcg a day for adults.`;
    for (const text of ['my dad is 70', 'same for a 17 yo?', 'how much selenium is too much'])
      expect(figures(text).endsWith(adultLimit), text).toBe(true);
    expect(figures('how much selenium is too much')).toBe(
      `Adult RDA: ${kb.facts.rda.adultMcg} mcg a day; tolerable upper intake level: ${kb.facts.upperLimit.adultMcg} mcg a day for adults.`,
    );
  });
});

describe("a member's dose for a child", () => {
  it("is judged against the child's upper limit, not the adult's", () => {
    const a = engine.ask('my 6 year old takes a 200 mcg gummy a day, is that too much?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain(`above the 4-8 years group's upper limit of ${ulRow('4-8 years')} mcg`);
    expect(a.text).not.toContain('adult upper limit');
  });

  it("names the children's lower limits when the child's age is not given", () => {
    const a = engine.ask('my kid takes 100 mcg a day, is that too much?');
    expect(a.text).toContain("A child's upper limit is lower");
    expect(a.text).toContain(`4-8 years: ${ulRow('4-8 years')} mcg`);
  });

  it("keeps an adult's dose against the adult limit", () => {
    const a = engine.ask('i take 200 mcg a day, is that too much?');
    expect(a.text).toContain(`the adult RDA of ${kb.facts.rda.adultMcg} mcg`);
    expect(a.text).not.toContain("child's");
  });
});

describe('a question about a safe amount', () => {
  it('carries the reference figures, as "how much" and "maximum" do', () => {
    for (const q of ['whats the most selenium i can safely take', 'how much selenium is safe to take'])
      expect(
        engine.ask(q).citations.some((c) => c.kind === 'data' && c.quote.includes('tolerable upper intake level')),
        q,
      ).toBe(true);
  });
});
