import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, formatAnswer, formatFood, formatTable, formatTopFoods, wrap } from '../../src/cli/format.js';
import type { Answer, Citation, FoodResult } from '../../src/engine/types.js';
import { answerFixture } from '../fixtures/answer.js';

const intro: Citation = {
  kind: 'quote',
  quote: 'Selenium is one of the essential micronutrients.',
  section: 'Introduction',
  sourceId: 'article',
  url: 'https://example.org/a#:~:text=Selenium%20is',
};

const answer = (over: Partial<Answer> = {}): Answer =>
  answerFixture({ citations: [intro], matchId: 'what-is-selenium', ...over });

const food = (over: Partial<FoodResult> = {}): FoodResult => ({
  found: true,
  name: 'Brazil nuts',
  serving: '1 ounce (6-8 nuts)',
  mcg: 544,
  percentDailyValue: 989.09,
  source: { id: 'nih-ods-selenium', title: 'NIH ODS Selenium fact sheet', url: 'https://ods.od.nih.gov/x' },
  suggestions: [],
  id: 'brazil-nuts',
  table: 'ods',
  per100g: null,
  notes: [],
  ...over,
});

describe('formatAnswer', () => {
  it('prints the text, each quote as a block with its section and link, then the disclaimer', () => {
    const out = formatAnswer(answer());
    const lines = out.split('\n');
    expect(lines[0]).toBe('The article says selenium supports the immune system.');
    const q = lines.indexOf('> Selenium is one of the essential micronutrients.');
    expect(q).toBeGreaterThan(0);
    expect(lines[q + 1]).toBe('  — Introduction https://example.org/a#:~:text=Selenium%20is');
    expect(out.trimEnd().endsWith('Not medical advice.')).toBe(true);
    expect(out).not.toContain('What other research says');
    expect(out).not.toContain('Did you mean');
  });

  it('lifts quotes out of the text into blocks instead of printing them twice', () => {
    const second: Citation = { ...intro, quote: 'It affects immune response.', section: 'Preventive Potential' };
    const out = formatAnswer(
      answer({
        text: `The article says: “${intro.quote}” It also says: “${second.quote}”`,
        citations: [intro, second],
      }),
    );
    const blocks = out.split('\n\n');
    expect(blocks.slice(0, 4)).toEqual([
      'The article says:',
      `> ${intro.quote}\n  — Introduction ${intro.url}`,
      'It also says:',
      `> ${second.quote}\n  — Preventive Potential ${intro.url}`,
    ]);
    expect(out.split(intro.quote)).toHaveLength(2);
  });

  it('lists data citations as sources after the text', () => {
    const data: Citation = {
      kind: 'data',
      quote: 'Tuna, 3 ounces: 92 mcg',
      section: 'NIH ODS',
      sourceId: 'ods',
      url: null,
    };
    const out = formatAnswer(answer({ text: 'Tuna has 92 mcg.', citations: [data] }));
    expect(out).toContain('Tuna has 92 mcg.\n\nSources:\n  • Tuna, 3 ounces: 92 mcg\n    — NIH ODS\n');
  });

  it('wraps long quotes inside the block', () => {
    const quote = 'word '.repeat(60).trim();
    const out = formatAnswer(answer({ citations: [{ ...intro, quote }] }), 40);
    const block = out.split('\n').filter((l) => l.startsWith('> '));
    expect(block.length).toBeGreaterThan(1);
    expect(block.every((l) => l.length <= 40)).toBe(true);
    expect(block.map((l) => l.slice(2)).join(' ')).toBe(quote);
  });

  it('keeps research notes apart, after the quotes, with their source', () => {
    const out = formatAnswer(
      answer({
        evidence: [
          { text: 'The SELECT trial found no benefit.', sourceId: 'select', sourceTitle: 'SELECT', url: null },
        ],
        safety: 'Adults should stay under 400 mcg a day.',
      }),
    );
    const quoteAt = out.indexOf('> Selenium');
    const notesAt = out.indexOf('What other research says:');
    expect(notesAt).toBeGreaterThan(quoteAt);
    expect(out.slice(notesAt)).toContain('• The SELECT trial found no benefit.\n    — SELECT');
    expect(out).toContain('Adults should stay under 400 mcg a day.\nNot medical advice.');
  });

  it('offers numbered suggestions when it refuses', () => {
    const out = formatAnswer(
      answer({
        answered: false,
        text: "I don't know that from this article.",
        citations: [],
        suggestions: [
          { id: 'a', title: 'Selenium and flu', question: 'does selenium help with flu?' },
          { id: 'b', title: 'Food sources', question: 'which foods have selenium?' },
        ],
      }),
    );
    expect(out).toContain('Did you mean:\n  1. Selenium and flu: "does selenium help with flu?"\n  2. Food sources');
  });

  it('never prints terminal control sequences from the answer', () => {
    const out = formatAnswer(answer({ text: 'red \u001b[31malert\u0007 \u202Eevil' }));
    expect(out).toContain('red [31malert evil');
    for (const c of ['\u001b', '\u0007', '\u202e']) expect(out).not.toContain(c);
  });
});

describe('wrap', () => {
  it('keeps every word, in order, and never exceeds the width except for single long words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,30}$/), { maxLength: 60 }),
        fc.integer({ min: 10, max: 100 }),
        (words, width) => {
          const lines = wrap(words.join(' '), width);
          expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
          for (const line of lines) expect(line.length <= width || !line.includes(' ')).toBe(true);
        },
      ),
    );
  });
});

describe('clean', () => {
  it('keeps newlines, tabs and ordinary Unicode', () => {
    expect(clean('a\tb\nc é 🙂')).toBe('a\tb\nc é 🙂');
  });
});

describe('formatFood', () => {
  it('gives amount, serving, rounded %DV and source', () => {
    expect(formatFood(food(), 'brazil nuts')).toBe(
      'Brazil nuts: 544 mcg selenium per 1 ounce (6-8 nuts) (989% of the Daily Value)\n' +
        'Source: NIH ODS Selenium fact sheet https://ods.od.nih.gov/x\n',
    );
  });

  it('says a food is not in the table and lists the closest ones', () => {
    const missing = food({ found: false, name: null, serving: null, mcg: null, percentDailyValue: null, source: null });
    const out = formatFood({ ...missing, suggestions: ['Tuna', 'Turkey'] }, ' tunna\u001b ');
    expect(out).toBe('"tunna" is not in my food table.\nClosest: Tuna, Turkey\n');
  });
});

describe('formatTable', () => {
  it('aligns columns and right-aligns numbers', () => {
    const out = formatTable(
      ['food', 'mcg'],
      [
        ['Brazil nuts', 544],
        ['Egg', 15],
      ],
    );
    expect(out.split('\n')).toEqual(['food         mcg', '-----------  ---', 'Brazil nuts  544', 'Egg           15']);
  });

  it('cuts long cells', () => {
    const [, , row] = formatTable(['q'], [['x'.repeat(100)]], { maxCell: 20 }).split('\n');
    expect(row).toBe(`${'x'.repeat(19)}…`);
  });
});

describe('formatTopFoods', () => {
  it('numbers foods and shows %DV', () => {
    const out = formatTopFoods([food(), food({ name: 'Tuna', mcg: 92, percentDailyValue: 167.3 })], 'fish');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Richest foods in selenium: fish');
    expect(lines[1]).toBe('Per serving (NIH ODS):');
    expect(lines[4]).toMatch(/^1\s+Brazil nuts\s+1 ounce \(6-8 nuts\)\s+544\s+989%$/);
    expect(lines[5]).toMatch(/^2\s+Tuna\s+.*\s+92\s+167%$/);
  });

  it('ranks USDA rows in their own per-100 g table', () => {
    const usda = food({ name: 'Nuts, brazilnuts, dried', table: 'usda', mcg: 544, per100g: 1917 });
    const out = formatTopFoods([food(), usda]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('Per 100 g (USDA SR26):');
    expect(lines.at(-1)).toMatch(/^1\s+Nuts, brazilnuts, dried\s+1917$/);
  });
});

describe('glossary', () => {
  it('prints the plain definitions after the quotes, each with its source, before research notes', () => {
    const out = formatAnswer(
      answer({
        glossary: [
          {
            term: 'ROS',
            definition: 'Unstable molecules.',
            sourceId: 'nci',
            sourceTitle: 'NCI',
            url: 'https://n.example',
          },
        ],
        evidence: [{ text: 'A review found X.', sourceId: 'r', sourceTitle: 'Review', url: null }],
      }),
    );
    const at = (s: string) => out.indexOf(s);
    expect(out).toContain('In plain words:\n  • ROS: Unstable molecules.\n    — NCI https://n.example');
    expect(at(intro.quote)).toBeLessThan(at('In plain words:'));
    expect(at('In plain words:')).toBeLessThan(at('What other research says:'));
  });

  it('prints no glossary heading without notes', () => {
    expect(formatAnswer(answer())).not.toContain('In plain words');
  });
});
