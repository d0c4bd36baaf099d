// Capacity: the highest offered rate a bot keeps up with, found by stepping the rate up. A fixed rate
// measures the machine (on a slower one the same build saturates); a capacity measured next to a bare
// discord.js bot's, in the same run against the same fake, measures the bot. Pure search logic: the steps
// themselves are run by the caller (bench/bot.ts), so this can be tested with a model bot.
import type { LatencySummary } from './load.js';
import type { Pauses } from './pauses.js';

/** Messages Selene's flood guard (src/discord/backlog.ts) shed on purpose, by the cap that was full. */
export interface GuardShed {
  channel: number;
  total: number;
}

/** One step: `rate` events/s offered for a few seconds, and what came of it. */
export interface Step {
  rate: number;
  seconds: number;
  sent: number;
  shed: number;
  failed: number;
  /** Never answered, whatever the reason; those Selene's flood guard shed on purpose are also in `guardShed`. */
  unanswered: number;
  /** Of the unanswered, those the bot shed on purpose (its flood guard), when it reports them. */
  guardShed?: GuardShed;
  /** All events, then per kind (mentions have one kind; interactions have autocomplete and ask). */
  all: LatencySummary;
  byKind: Record<string, LatencySummary>;
  /** Share of one core used by the bot's process and by the fake's (this process) while offering. */
  botCpu: number;
  fakeCpu: number;
  /** What stalled the bot's process and the fake's during the step (bench/pauses.ts), when measured. */
  botPauses?: Pauses;
  fakePauses?: Pauses;
}

export interface CapacityOptions {
  /** The first rate tried (events/s). */
  startRate: number;
  /** Step length while doubling to find the range, and while refining in +10 % steps. */
  coarseSeconds: number;
  fineSeconds: number;
  /** Refining factor per step (1.1: +10 %). */
  factor: number;
  /** The latency bound a step must keep: p99 of every kind below it. */
  p99Ms: number;
  /** Never offer more than this (the search stops there, capacity at least that) ... */
  maxRate: number;
  /** ... nor less than this (below it, the capacity is reported as missing). */
  minRate: number;
  /** At most this many refining steps, so a run always ends. */
  maxFineSteps: number;
}

export const CAPACITY_DEFAULTS: CapacityOptions = {
  startRate: 50,
  coarseSeconds: 1,
  fineSeconds: 3,
  factor: 1.1,
  p99Ms: 50,
  maxRate: 20_000,
  minRate: 5,
  maxFineSteps: 24,
};

/** Why a step did not hold, or null when it held: nothing shed, failed or left unanswered, every p99 in bound. */
export function stepProblem(step: Step, p99Ms: number): string | null {
  if (step.shed > 0) return `${step.shed} shed`;
  if (step.failed > 0) return `${step.failed} failed`;
  if (step.unanswered > 0) return unansweredProblem(step.unanswered, step.guardShed);
  if (step.all.count === 0) return 'nothing answered';
  const slow = Object.entries(step.byKind).find(([, s]) => !(s.p99 < p99Ms));
  return slow ? `${slow[0]} p99 ${slow[1].p99.toFixed(1)} ms` : null;
}

/** Unanswered events, naming those the bot's flood guard shed on purpose apart from the ones it lost. */
function unansweredProblem(unanswered: number, guard: GuardShed | undefined): string {
  const byGuard = guard ? guard.channel + guard.total : 0;
  if (byGuard === 0) return `${unanswered} unanswered`;
  const caps = [
    guard?.channel ? `${guard.channel} at its per-channel cap` : '',
    guard?.total ? `${guard.total} at its total cap` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const lost = unanswered - byGuard;
  return `${byGuard} shed by Selene's flood guard (${caps})${lost > 0 ? `, ${lost} unanswered` : ''}`;
}

export interface TriedStep extends Step {
  phase: 'coarse' | 'fine';
  problem: string | null;
}

export interface CapacityResult {
  /** The last refining step that held: its rate is the capacity. Null when even the start rate failed. */
  held: TriedStep | null;
  /** The step that ended the search (confirmed by a second try), or null when it ran out of room. */
  failedAt: TriedStep | null;
  /** Why a search without a failing step stopped: the rate cap or the step budget (capacity at least `held`). */
  stoppedBy: 'failure' | 'maxRate' | 'maxFineSteps';
  steps: TriedStep[];
}

export type RunStep = (rate: number, seconds: number) => Promise<Step>;

/**
 * Doubles the rate from `startRate` with short steps until one fails, then refines from the last rate that
 * held in `factor` steps of `fineSeconds`: up while steps hold, down if the first one fails. A failing step
 * is tried once more before it ends the search, so one hiccup of a shared machine does not decide it.
 */
export async function findCapacity(runStep: RunStep, options: Partial<CapacityOptions> = {}): Promise<CapacityResult> {
  const o = { ...CAPACITY_DEFAULTS, ...options };
  const steps: TriedStep[] = [];
  const tryStep = async (rate: number, phase: TriedStep['phase']): Promise<TriedStep> => {
    const step = await runStep(rate, phase === 'coarse' ? o.coarseSeconds : o.fineSeconds);
    const tried = { ...step, phase, problem: stepProblem(step, o.p99Ms) };
    steps.push(tried);
    return tried;
  };
  const confirmed = async (rate: number): Promise<TriedStep> => {
    const first = await tryStep(rate, 'fine');
    return first.problem === null ? first : tryStep(rate, 'fine');
  };

  // Coarse: double while steps hold; if the start rate already fails, halve until one holds.
  let coarse = o.startRate;
  let lastCoarse: number | null = null;
  if ((await tryStep(coarse, 'coarse')).problem === null) {
    do {
      lastCoarse = coarse;
      coarse *= 2;
    } while (coarse <= o.maxRate && (await tryStep(coarse, 'coarse')).problem === null);
  } else {
    while (lastCoarse === null && coarse / 2 >= o.minRate) {
      coarse = Math.round(coarse / 2);
      if ((await tryStep(coarse, 'coarse')).problem === null) lastCoarse = coarse;
    }
  }

  if (lastCoarse === null) return { held: null, failedAt: steps.at(-1) ?? null, stoppedBy: 'failure', steps };
  let rate = Math.round(lastCoarse);
  let held: TriedStep | null;
  let failedAt: TriedStep | null = null;
  let step = await confirmed(rate);
  // Down from there until a step holds (the coarse step was short and may have been lucky) ...
  for (let n = 0; step.problem !== null && n < o.maxFineSteps && rate / o.factor >= o.minRate; n++) {
    failedAt = step;
    rate = Math.round(rate / o.factor);
    step = await confirmed(rate);
  }
  if (step.problem !== null) return { held: null, failedAt: step, stoppedBy: 'failure', steps };
  held = step;
  // Found on the way down: the rate above it already failed twice.
  if (failedAt !== null) return { held, failedAt, stoppedBy: 'failure', steps };
  // ... else up while steps hold.
  for (let n = 0; n < o.maxFineSteps; n++) {
    const next = Math.round(rate * o.factor);
    if (next > o.maxRate || next === rate) return { held, failedAt: null, stoppedBy: 'maxRate', steps };
    const tried = await confirmed(next);
    if (tried.problem !== null) return { held, failedAt: tried, stoppedBy: 'failure', steps };
    held = tried;
    rate = next;
  }
  return { held, failedAt: null, stoppedBy: 'maxFineSteps', steps };
}
