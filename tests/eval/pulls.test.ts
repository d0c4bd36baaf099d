import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Answer, ConversationContext, Engine } from '../../src/engine/types.js';
import { formatPulls, probePulls, pullProbeInputs } from '../../src/eval/pulls.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';

// The pull probe counts fresh questions that a conversation drags to its last topic.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

/** The real engine, except that every question asked with a context becomes a follow-up of the last turn. */
const dragging = (real: () => Engine): Pick<Engine, 'ask'> => ({
  ask(question: string, context?: ConversationContext): Answer {
    const last = context?.at(-1);
    if (!last?.matchId) return real().ask(question);
    const again = real().ask(last.question);
    return { ...again, followUpOf: last.matchId };
  },
});

describe('probePulls', () => {
  const firstTurns = ['does selenium help with the flu', 'how much selenium is in milk'];
  const questions = ['what is selenium', 'is selenium an antioxidant', 'what does selenium do for covid'];

  it('counts every pair whose question is dragged to the earlier turn, and names it', () => {
    const tally = probePulls(
      dragging(() => engine),
      firstTurns,
      questions,
    );
    expect(tally.pairs).toBeGreaterThan(0);
    expect(tally.pulled).toBe(tally.pairs);
    expect(tally.examples[0]).toMatch(/ \|\| .* -> .* \(alone: /);
    expect(formatPulls(tally, false)).toContain(`${tally.pulled} of ${tally.pairs} pairs`);
  });

  it('counts nothing when each question keeps its own answer after those turns', () => {
    const tally = probePulls(engine, firstTurns, questions);
    expect(tally.pairs).toBeGreaterThan(0);
    expect(tally.pulled).toBe(0);
  });

  it("skips a question that gets the earlier turn's own entry alone: that is no pull", () => {
    const tally = probePulls(
      dragging(() => engine),
      ['does selenium help with the flu'],
      ['can selenium help with influenza'],
    );
    expect(tally).toMatchObject({ pairs: 0, pulled: 0 });
  });
});

describe('pullProbeInputs', () => {
  it('reads the in-scope questions and every n-th first turn of the tuning conversations', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { questions, firstTurns } = pullProbeInputs(root);
    expect(questions.length).toBeGreaterThan(100);
    expect(firstTurns.length).toBeGreaterThan(10);
    expect(pullProbeInputs(root, 1).firstTurns.length).toBeGreaterThan(firstTurns.length);
  });
});

// The probe over the project's tuning files: fresh questions a conversation drags to an unrelated first turn.
// Today's count is the ceiling and may only go down: when this fails, the message lists the pairs pulled;
// fix the general cause (src/engine/follow-up*.ts), never the sentence. When the count falls, lower the
// ceiling; when a new round of tuning files lands, set it to that round's first reading.
const MAX_PULLED = 251;

describe('the pull probe on the tuning files', () => {
  it(`pulls at most ${MAX_PULLED} fresh questions to an earlier turn`, () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { questions, firstTurns } = pullProbeInputs(root);
    const tally = probePulls(engine, firstTurns, questions);
    expect(tally.pairs).toBeGreaterThan(10_000);
    expect(tally.pulled, formatPulls(tally, true)).toBeLessThanOrEqual(MAX_PULLED);
  }, 120_000);
});
