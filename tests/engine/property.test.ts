import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

let engine: Engine;
let vocabulary: string[];

beforeAll(() => {
  const kb = loadProjectKnowledge();
  engine = createEngine(kb);
  vocabulary = [...new Set(kb.entries.flatMap((e) => e.questions.join(' ').split(/\s+/)))];
});

// Strings members could plausibly send, and strings nobody would: any Unicode, control and format
// characters (zero-width, bidi), very long runs, and real knowledge-base words mixed with junk.
const special = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\n',
  '\t',
  '\u200b',
  '\u200f',
  '\u202e',
  '\ufeff',
  '\u0301',
  '🙂',
  '‍',
);
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 10_000 }),
  fc.string({ unit: 'grapheme', maxLength: 2_000 }),
  fc.array(fc.oneof(special, fc.string({ maxLength: 3 })), { maxLength: 400 }).map((parts) => parts.join('')),
  fc.string({ unit: fc.constantFrom('a', 'e', ' ', '-', 's'), minLength: 5_000, maxLength: 10_000 }),
);

describe('any input', () => {
  it('returns a valid answer model without throwing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const answer = engine.ask(text);
        answerSchema.parse(answer);
        expect(answer.answered).toBe(answer.confidence >= ANSWER_THRESHOLD);
      }),
      { numRuns: 150 },
    );
  });

  it('survives knowledge-base words mixed with control characters and noise', () => {
    const kbWords = fc.array(fc.oneof(fc.constantFrom(...vocabulary), special, fc.string({ maxLength: 4 })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(kbWords, (parts) => {
        const answer = engine.ask(parts.join(' '));
        answerSchema.parse(answer);
        expect(answer.answered).toBe(answer.confidence >= ANSWER_THRESHOLD);
        for (const c of engine.autocompleteQuestions(parts.join(' '))) {
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 150 },
    );
  });
});
