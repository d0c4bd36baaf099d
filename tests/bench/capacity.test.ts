import { describe, expect, it } from 'vitest';
import { findCapacity, type Step, stepProblem } from '../../bench/capacity.js';
import { summarise } from '../../bench/load.js';

// A model bot: answers in `fast` ms up to `capacity` events/s and in `slow` ms beyond, so the search's
// answer is known; `hiccups` lists step numbers whose answer is slow whatever the rate (a busy machine).
function modelBot(capacity: number, { fast = 5, slow = 120, hiccups = [] as number[] } = {}) {
  const offered: number[] = [];
  const run = async (rate: number, seconds: number): Promise<Step> => {
    offered.push(rate);
    const latency = rate > capacity || hiccups.includes(offered.length) ? slow : fast;
    const samples = Array.from({ length: Math.max(1, Math.round(rate * seconds)) }, () => latency);
    const all = summarise(samples, seconds);
    return {
      rate,
      seconds,
      sent: samples.length,
      shed: 0,
      failed: 0,
      unanswered: 0,
      all,
      byKind: { mention: all },
      botCpu: 0,
      fakeCpu: 0,
    };
  };
  return { run, offered };
}

const options = { startRate: 50, coarseSeconds: 1, fineSeconds: 3, factor: 1.1, p99Ms: 50, maxRate: 20_000 };

describe('findCapacity', () => {
  it.each([60, 333, 1_000, 2_750])('finds a capacity of %i/s within one 10 %% step', async (capacity) => {
    const bot = modelBot(capacity);
    const result = await findCapacity(bot.run, options);
    expect(result.held?.rate).toBeLessThanOrEqual(capacity);
    expect(result.held?.rate).toBeGreaterThan(capacity / 1.1 - 1);
    expect(result.held?.phase).toBe('fine');
    expect(result.failedAt?.rate).toBeGreaterThan(capacity);
    // Bounded: a handful of doublings, then a few refining steps (each failure tried twice).
    expect(bot.offered.length).toBeLessThan(30);
  });

  it('tries a failing step twice, so one hiccup does not end the search', async () => {
    const steady = await findCapacity(modelBot(1_000).run, options);
    const coarseSteps = steady.steps.filter((s) => s.phase === 'coarse').length;
    // The first refining step above the start is slow once.
    const bumpy = await findCapacity(modelBot(1_000, { hiccups: [coarseSteps + 2] }).run, options);
    expect(bumpy.held?.rate).toBe(steady.held?.rate);
    expect(bumpy.steps.length).toBe(steady.steps.length + 1);
  });

  it('reports no capacity when even the lowest rate fails', async () => {
    const result = await findCapacity(modelBot(1).run, { ...options, minRate: 5 });
    expect(result.held).toBeNull();
    expect(result.failedAt?.problem).toMatch(/p99/);
    expect(Math.min(...result.steps.map((s) => s.rate))).toBeGreaterThanOrEqual(5);
  });

  it('stops at the rate cap', async () => {
    const result = await findCapacity(modelBot(Number.POSITIVE_INFINITY).run, { ...options, maxRate: 500 });
    expect(result.failedAt).toBeNull();
    expect(result.stoppedBy).toBe('maxRate');
    expect(result.held?.rate).toBeLessThanOrEqual(500);
    expect(result.held?.rate).toBeGreaterThan(500 / 1.1);
  });
});

it('says when it ran out of refining steps rather than finding the limit', async () => {
  const result = await findCapacity(modelBot(10_000).run, { ...options, maxFineSteps: 2 });
  expect(result).toMatchObject({ failedAt: null, stoppedBy: 'maxFineSteps' });
  expect(result.steps.filter((s) => s.phase === 'fine')).toHaveLength(3);
});

describe('stepProblem', () => {
  const step = (over: Partial<Step>): Step => {
    const all = summarise([1, 2, 3], 1);
    return {
      rate: 3,
      seconds: 1,
      sent: 3,
      shed: 0,
      failed: 0,
      unanswered: 0,
      all,
      byKind: { a: all },
      botCpu: 0,
      fakeCpu: 0,
      ...over,
    };
  };
  it('holds only with nothing shed, failed or unanswered and every kind under the bound', () => {
    expect(stepProblem(step({}), 50)).toBeNull();
    expect(stepProblem(step({ shed: 1 }), 50)).toBe('1 shed');
    expect(stepProblem(step({ failed: 2 }), 50)).toBe('2 failed');
    expect(stepProblem(step({ unanswered: 1 }), 50)).toBe('1 unanswered');
    expect(stepProblem(step({ unanswered: 1, guardShed: { channel: 0, total: 0 } }), 50)).toBe('1 unanswered');
    expect(stepProblem(step({ byKind: { a: summarise([1], 1), b: summarise([80], 1) } }), 50)).toBe('b p99 80.0 ms');
    expect(stepProblem(step({ all: summarise([], 1), byKind: {} }), 50)).toBe('nothing answered');
  });

  it("names messages the bot's flood guard shed on purpose apart from those it lost", () => {
    expect(stepProblem(step({ unanswered: 100, guardShed: { channel: 0, total: 100 } }), 50)).toBe(
      "100 shed by Selene's flood guard (100 at its total cap)",
    );
    expect(stepProblem(step({ unanswered: 12, guardShed: { channel: 3, total: 7 } }), 50)).toBe(
      "10 shed by Selene's flood guard (3 at its per-channel cap, 7 at its total cap), 2 unanswered",
    );
  });
});
