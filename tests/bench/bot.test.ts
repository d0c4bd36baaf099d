import { describe, expect, it } from 'vitest';
import {
  type CapacityMeasure,
  capacityRatio,
  type LoadKind,
  medianCapacity,
  roundOrder,
  roundRatios,
} from '../../bench/bot.js';
import type { TriedStep } from '../../bench/capacity.js';
import type { BotKind } from '../../bench/child.js';
import { summarise } from '../../bench/load.js';

const search = (bot: BotKind, round: number, rate: number | null, load: LoadKind = 'mentions'): CapacityMeasure => {
  const all = summarise([1], 1);
  const held: TriedStep | null =
    rate === null
      ? null
      : {
          rate,
          seconds: 2,
          sent: rate * 2,
          shed: 0,
          failed: 0,
          unanswered: 0,
          all,
          byKind: { mention: all },
          botCpu: 0.5,
          fakeCpu: 0.2,
          phase: 'fine',
          problem: null,
        };
  return { load, bot, round, result: { held, failedAt: null, stoppedBy: 'failure', steps: held ? [held] : [] } };
};

describe('the repeated capacity searches', () => {
  it('alternates the bots so that each goes first as often (ABBA)', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['bare', 'selene'],
      ['selene', 'bare'],
      ['bare', 'selene'],
      ['selene', 'bare'],
    ]);
  });

  it('compares the medians, so one unlucky search does not decide the ratio', () => {
    const measures = [
      search('bare', 0, 2_000),
      search('selene', 0, 1_400),
      search('selene', 1, 300),
      search('bare', 1, 2_200),
      search('bare', 2, 800),
      search('selene', 2, 1_500),
    ];
    expect(medianCapacity(measures, 'mentions', 'bare')).toBe(2_000);
    expect(medianCapacity(measures, 'mentions', 'selene')).toBe(1_400);
    expect(capacityRatio(measures, 'mentions')).toBeCloseTo(0.7);
    // The spread, round by round: what one search per bot could have reported.
    expect(roundRatios(measures, 'mentions').map((r) => Number(r.toFixed(3)))).toEqual([0.7, 0.136, 1.875]);
  });

  it('counts a search that found no capacity as 0 and has no ratio without a bare capacity', () => {
    const measures = [search('bare', 0, null), search('selene', 0, 500), search('bare', 1, null)];
    expect(medianCapacity(measures, 'mentions', 'bare')).toBe(0);
    expect(capacityRatio(measures, 'mentions')).toBeNull();
    expect(capacityRatio(measures, 'interactions')).toBeNull();
    expect(roundRatios(measures, 'mentions')).toEqual([]);
  });

  it('takes the mean of the middle two for an even count', () => {
    const measures = [search('bare', 0, 1_000), search('bare', 1, 2_000)];
    expect(medianCapacity(measures, 'mentions', 'bare')).toBe(1_500);
  });
});
