import { describe, expect, it } from 'vitest';
import { formatStages, minimumTimes, stageOfStack, stageQuestions, stageShares } from '../../bench/engine-stages.js';

const url = (file: string) => `file:///x/src/engine/${file}`;

describe('engine stages (bench/engine-stages.ts)', () => {
  it('gives a sample to the outermost stage below the pipeline', () => {
    // Compose ranking a close runner-up is compose's work; understand normalising is understand's.
    expect(stageOfStack(['', url('index.ts'), url('compose.ts'), url('matcher.ts')])).toBe('compose');
    expect(stageOfStack(['', url('index.ts'), url('understand.ts'), url('normalise.ts')])).toBe('understand');
  });

  it('gives typo repair and the food index their own time wherever they are called from', () => {
    expect(stageOfStack(['', url('index.ts'), url('understand.ts'), url('typos.ts')])).toBe('typo repair');
    expect(stageOfStack(['', url('index.ts'), url('food-question.ts'), url('foods/text-search.ts')])).toBe(
      'food index',
    );
  });

  it('counts helpers alone as normalising, and what is outside the engine apart', () => {
    expect(stageOfStack(['', url('index.ts'), url('normalise.ts')])).toBe('normalise');
    expect(stageOfStack(['', url('index.ts')])).toBe('pipeline');
    expect(stageOfStack(['', '(garbage collector)'])).toBe('outside the engine');
  });

  it('shares a profile out by stage', () => {
    const node = (id: number, file: string, children: number[] = []) => ({
      id,
      callFrame: { functionName: 'f', url: file ? url(file) : '' },
      children,
    });
    const profile = {
      nodes: [
        node(1, '', [2, 5]),
        node(2, 'index.ts', [3, 4]),
        node(3, 'matcher.ts'),
        node(4, 'scope.ts'),
        node(5, ''),
      ],
      samples: [3, 3, 4, 5],
    };
    const shares = stageShares(profile);
    expect(shares.get('match')).toBeCloseTo(0.5);
    expect(shares.get('scope')).toBeCloseTo(0.25);
    expect(shares.get('outside the engine')).toBeCloseTo(0.25);
    expect(formatStages(shares, 200)).toBe('match 100 µs (50 %), scope 50 µs (25 %), outside the engine 50 µs (25 %)');
  });

  it('keeps each question its least disturbed time', () => {
    let call = 0;
    const slow = new Set([0, 3]);
    const times = minimumTimes(
      () => {
        if (slow.has(call++)) for (const until = performance.now() + 5; performance.now() < until; );
      },
      ['a', 'b'],
      3,
    );
    expect(times).toHaveLength(2);
    expect(Math.max(...times)).toBeLessThan(5000);
  });

  it('reads the eval questions without the food lookups', () => {
    const questions = stageQuestions();
    expect(questions.length).toBeGreaterThan(230);
    expect(new Set(questions).size).toBe(questions.length);
  });
});
