import { beforeAll, describe, expect, it } from 'vitest';
import { clip, createQuestionAutocomplete, MAX_CHOICES } from '../../src/engine/autocomplete.js';
import { createContext, type EngineContext } from '../../src/engine/context.js';
import { normaliseText, STOPWORDS, stem, words } from '../../src/engine/normalise.js';
import type { AutocompleteChoice } from '../../src/engine/types.js';
import { editDistance } from '../../src/engine/typos.js';
import { loadProjectKnowledge } from './answer-schema.js';

// The question autocomplete reads indexes built once instead of scoring every phrasing on each keystroke.
// The indexes must change nothing: here every phrasing is scored, one by one, by the rules the module states
// (a typed stem 1; the last word starting a word 1, else its stem 0.8, else one edit from a word's start
// 0.7; the text starting with what was typed 0.5; at least half of what was typed; best first, then by
// topic and phrasing), and both must give the same choices.

interface Phrasing {
  text: string;
  normalised: string;
  words: string[];
  stems: string[];
  order: number;
}

const phrasingsOf = (ctx: EngineContext): Phrasing[] =>
  ctx.docInputs.flatMap((doc, d) =>
    doc.questions.map((text, p) => {
      const normalised = normaliseText(text);
      return { text, normalised, words: words(normalised), stems: words(normalised).map(stem), order: d * 100 + p };
    }),
  );

function scanAll(ctx: EngineContext, candidates: readonly Phrasing[], partial: string): AutocompleteChoice[] {
  const normalised = normaliseText(partial);
  const typed = words(normalised);
  if (!typed.length)
    return ctx.docInputs
      .slice(0, 5)
      .map((d) => ({ name: clip(d.questions[0] ?? ''), value: clip(d.questions[0] ?? '') }));
  const last = /[\p{L}\p{N}]$/u.test(partial.trimEnd()) && !/\s$/.test(partial) ? typed.at(-1) : undefined;
  const fullStems = (last ? typed.slice(0, -1) : typed)
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => stem(ctx.correct(w)));
  const lastStem = last && last.length >= 4 ? stem(ctx.correct(last)) : undefined;
  const near = (t: string, w: string) =>
    editDistance(t, w.slice(0, t.length), 1) <= 1 || editDistance(t, w.slice(0, t.length + 1), 1) <= 1;
  const wanted = fullStems.length + (last ? 1 : 0);
  const scored = candidates
    .map((c) => {
      let score = fullStems.filter((s) => c.stems.includes(s)).length;
      if (last && c.words.some((w) => w.startsWith(last))) score += 1;
      else if (last && lastStem !== undefined && c.stems.includes(lastStem)) score += 0.8;
      else if (last && last.length >= 3 && c.words.some((w) => near(last, w))) score += 0.7;
      if (c.normalised.startsWith(normalised)) score += 0.5;
      return { c, score };
    })
    .filter(({ score }) => score > 0 && score >= wanted / 2)
    .sort((a, b) => b.score - a.score || a.c.order - b.c.order);
  const texts = [...new Map(scored.map(({ c }) => [c.text.toLowerCase(), c.text])).values()];
  return texts.slice(0, MAX_CHOICES).map((t) => ({ name: clip(t), value: clip(t) }));
}

let ctx: EngineContext;
let autocomplete: (partial: string) => AutocompleteChoice[];
let phrasings: Phrasing[];

beforeAll(() => {
  ctx = createContext(loadProjectKnowledge());
  autocomplete = createQuestionAutocomplete(ctx.docInputs, ctx.correct);
  phrasings = phrasingsOf(ctx);
});

describe('question autocomplete', () => {
  it('gives the choices that scoring every phrasing gives, keystroke by keystroke', () => {
    const typed = [
      ...ctx.docInputs.flatMap((d) => d.questions.filter((_, i) => i % 20 === 0)),
      'selenum infl',
      'imun',
      'does it help with thyroi',
      'brazl nuts ',
      'what is ',
      'COVID19 and selen',
    ];
    let keystrokes = 0;
    for (const text of typed)
      for (let n = 1; n <= Math.min(text.length, 40); n += 5) {
        const partial = text.slice(0, n);
        expect(autocomplete(partial), partial).toEqual(scanAll(ctx, phrasings, partial));
        keystrokes++;
      }
    expect(keystrokes).toBeGreaterThan(150);
  });
});
