import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseFoodText, singular } from '../../src/engine/foods/text.js';
import { analyse, analyseStems, compileLexicon, normaliseText } from '../../src/engine/normalise.js';
import { editDistance, letterMask, mayBeWithin } from '../../src/engine/typos.js';
import { loadKnowledgeOrThrow } from '../../src/knowledge/load.js';

// Shortcuts taken on every question (ASCII text skips the Unicode passes, edit distances reuse their
// rows, food names are stemmed without the synonym pass) must give what the full versions give.

/** normaliseText with every Unicode pass, whatever the text. */
function plainNormaliseText(input: string): string {
  const text = input
    .slice(0, 2000)
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{Cf}/gu, '')
    .replace(/(\p{L})['’]s(?![\p{L}\p{N}])/gu, '$1')
    .replace(/['’‘`´]/g, '')
    .replace(/%/g, ' percent ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .trim();
  return text.length > 500 ? text.slice(0, 500).replace(/\s+\S*$/, '') : text;
}

/** normaliseFoodText with its Unicode passes. */
const plainNormaliseFoodText = (s: string): string =>
  s
    .slice(0, 1000)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();

function plainEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** Characters that exercise every pass: letters, digits, apostrophes, punctuation, spacing, accents. */
const chatChar = fc.constantFrom(..."aAbBsSzZ019 \t\n'`’.,?!%-_é̈ﬁＡ\u200b\u00ad".split(''));
const asciiChar = fc.constantFrom(...'aAbBsStT0123 \t\n\r\'`".,?!%-_/&()[]{}~^@#$*+=<>|:;'.split(''));

describe('text fast paths', () => {
  it('normaliseText gives the full pipeline text for ASCII and for anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: asciiChar, maxLength: 80 }), (s) => normaliseText(s) === plainNormaliseText(s)),
      {
        numRuns: 2000,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: chatChar, maxLength: 80 }), (s) => normaliseText(s) === plainNormaliseText(s)),
      {
        numRuns: 2000,
      },
    );
    expect(normaliseText("The body's cells, don't ＣＯＶＩＤ19")).toBe(
      plainNormaliseText("The body's cells, don't ＣＯＶＩＤ19"),
    );
  });

  it('a mostly ASCII message with other characters (emoji, ’, accents, other scripts) gives the full pipeline text', () => {
    // Runs of other characters are folded on their own; a letter of another script sends all to the full passes.
    const mixedChar = fc.constantFrom(
      ...[..."aZs1 '%’‘´`é\u0301\u200b\u00ad\u0085ßΣİ½①Ⅻ٣ﬁ＇｀ｓ<\u0338"],
      '👋',
      '👋🏽',
      'ж',
      '日',
    );
    fc.assert(
      fc.property(fc.string({ unit: mixedChar, maxLength: 40 }), (s) => normaliseText(s) === plainNormaliseText(s)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => normaliseText(s) === plainNormaliseText(s)),
      { numRuns: 5000 },
    );
    for (const s of [
      'it’s selenium’s job 👋',
      'x‘s x´s',
      'café’s naïve İstanbul',
      'ß and Σ',
      '١٢ mcg',
      'e\u0301 <\u0338',
    ])
      expect(normaliseText(s)).toBe(plainNormaliseText(s));
  });

  it('normaliseFoodText gives the full pipeline text', () => {
    for (const unit of [asciiChar, chatChar])
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 80 }), (s) => normaliseFoodText(s) === plainNormaliseFoodText(s)),
        { numRuns: 2000 },
      );
  });

  it('long pastes are cut the same way', () => {
    const long = `${"Selenium and the immune system, it's said. ".repeat(120)}`;
    expect(normaliseText(long)).toBe(plainNormaliseText(long));
    expect(normaliseFoodText(long)).toBe(plainNormaliseFoodText(long));
  });
});

/** singular with every rule tried in turn, whatever the word ends with. */
function plainSingular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:oes|ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

describe('singular', () => {
  it('equals the rules tried one by one', () => {
    const unit = fc.constantFrom('a', 'c', 'e', 'h', 'i', 'o', 's', 'u', 'x', 'y', 'z');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (w) => singular(w) === plainSingular(w)),
      { numRuns: 5000 },
    );
    expect(['peaches', 'potatoes', 'berries', 'glass', 'hummus', 'nuts', 'egg'].map(singular)).toEqual([
      'peach',
      'potato',
      'berry',
      'glass',
      'hummus',
      'nut',
      'egg',
    ]);
  });
});

describe('editDistance', () => {
  it('equals the plain row-by-row version up to the limit, and says "more" past it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    // Past the limit only "more than limit" counts (callers compare with it), not by how much.
    const capped = (d: number, limit: number) => Math.min(d, limit + 1);
    fc.assert(
      fc.property(
        word,
        word,
        fc.integer({ min: 0, max: 3 }),
        (a, b, limit) => capped(editDistance(a, b, limit), limit) === capped(plainEditDistance(a, b, limit), limit),
      ),
      { numRuns: 5000 },
    );
  });

  it('is never skipped by the letter filter for a pair within the limit', () => {
    // Letters beyond a-z share bits with them (code modulo 32): the filter must stay a floor for those too.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'A', ' ', '1', 'é'), maxLength: 10 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        if (plainEditDistance(a, b, limit) <= limit)
          expect(mayBeWithin(letterMask(a), letterMask(b), limit)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // And it does skip: "sardine" and "banana" differ in more letters than two edits can make.
    expect(mayBeWithin(letterMask('sardine'), letterMask('banana'), 2)).toBe(false);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('selenium', 'slenium', 2)).toBe(1);
    expect(editDistance('fule', 'flue', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('analyseStems', () => {
  it('equals the stems analyse gives', () => {
    const kb = loadKnowledgeOrThrow(new URL('../../knowledge', import.meta.url).pathname);
    const lexicon = compileLexicon(kb.lexicon);
    const texts = [
      ...kb.foods.flatMap((f) => [f.name, ...f.aliases]),
      ...kb.usda.foods.slice(0, 300).map((r) => r[1]),
      'gud 4 ur immune system',
      '2 of them',
      'wat r u',
    ];
    for (const t of texts) expect(analyseStems(t), t).toEqual(analyse(t, lexicon).stems);
  });
});
