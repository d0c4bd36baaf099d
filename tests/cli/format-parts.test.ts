import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/cli/format.js';
import { createEngine } from '../../src/engine/index.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';

// A message with several questions prints each under a numbered heading with its own quotes.

const engine = createEngine(loadProjectKnowledge());

describe('formatAnswer with parts', () => {
  it('prints each part under its heading, its quotes after it, and what is not covered at the end', () => {
    const answer = engine.ask('does selenium help with covid? and what are selenoproteins? also is zinc good?');
    const [first, second] = answer.parts ?? [];
    if (!first || !second) throw new Error('expected two parts');
    const out = formatAnswer(answer, 80);
    const at = (s: string) => out.indexOf(s);
    expect(at(`1. ${first.heading}`)).toBeGreaterThanOrEqual(0);
    expect(at(`2. ${second.heading}`)).toBeGreaterThan(at(`1. ${first.heading}`));
    // The first part's first quote sits between the two headings; the second's after the second heading.
    const firstQuote = (first.citations[0]?.quote ?? '').split(' ').slice(0, 4).join(' ');
    expect(at(firstQuote)).toBeGreaterThan(at(`1. ${first.heading}`));
    expect(at(firstQuote)).toBeLessThan(at(`2. ${second.heading}`));
    expect(at("The article doesn't cover zinc.")).toBeGreaterThan(at(`2. ${second.heading}`));
    expect(out).not.toContain(`${first.heading}: The article says`);
  });
});
