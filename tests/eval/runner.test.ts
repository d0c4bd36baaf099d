import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer, Engine, FoodResult } from '../../src/engine/types.js';
import {
  findSets,
  formatSet,
  passes,
  runSet,
  type SetResult,
  scoreFoods,
  scoreQuestions,
} from '../../src/eval/main.js';
import { scriptedAnswer } from './scripted.js';

const answer = scriptedAnswer;

const food = (over: Partial<FoodResult>): FoodResult => ({
  found: false,
  name: null,
  serving: null,
  mcg: null,
  percentDailyValue: null,
  source: null,
  suggestions: [],
  id: null,
  table: null,
  per100g: null,
  notes: [],
  ...over,
});

const scripted = (answers: Record<string, Answer>, foods: Record<string, FoodResult> = {}): Engine =>
  ({
    ask: (q: string) => answers[q] ?? answer({}),
    food: (q: string) => foods[q] ?? food({}),
  }) as unknown as Engine;

const empty = (): SetResult => ({
  name: 't',
  inScope: { passed: 0, total: 0, failures: [] },
  refusal: { passed: 0, total: 0, failures: [] },
  food: { passed: 0, total: 0, failures: [] },
});

describe('eval scoring', () => {
  it('passes an in-scope question only when answered with an expected phrase in text or a quote', () => {
    const engine = scripted({
      inText: answer({ answered: true, route: 'entry', text: 'The article says: Selenium is ESSENTIAL.' }),
      inQuote: answer({
        answered: true,
        route: 'entry',
        text: 'The article says:',
        citations: [{ kind: 'quote', quote: 'a powerful antioxidant', section: 's', sourceId: 'a', url: null }],
      }),
      wrong: answer({ answered: true, route: 'entry', text: 'something else' }),
    });
    const r = empty();
    scoreQuestions(
      engine,
      [
        { q: 'inText', expect: 'answer', any: ['essential'] },
        { q: 'inQuote', expect: 'answer', any: ['antioxidant'] },
        { q: 'wrong', expect: 'answer', any: ['essential'] },
        { q: 'refused', expect: 'answer', any: ["don't know"] },
      ],
      r,
    );
    expect(r.inScope).toMatchObject({ passed: 2, total: 4 });
    expect(r.inScope.failures).toHaveLength(2);
  });

  it('passes an off-topic question only when refused', () => {
    const engine = scripted({ leaked: answer({ answered: true, route: 'entry', text: 'x' }) });
    const r = empty();
    scoreQuestions(
      engine,
      [
        { q: 'leaked', expect: 'none' },
        { q: 'other', expect: 'none' },
      ],
      r,
    );
    expect(r.refusal).toMatchObject({ passed: 1, total: 2 });
  });

  it('checks food amounts and not-found lines', () => {
    const engine = scripted(
      {},
      { tuna: food({ found: true, name: 'Tuna', mcg: 92 }), ham: food({ found: true, mcg: 1 }) },
    );
    const r = empty();
    scoreFoods(
      engine,
      [
        { q: 'tuna', mcg: 92 },
        { q: 'ham', mcg: 42 },
        { q: 'laptop', expect: 'none' },
        { q: 'tuna', expect: 'none' },
      ],
      r,
    );
    expect(r.food).toMatchObject({ passed: 2, total: 4 });
    expect(passes(r)).toBe(false);
  });

  it('finds the project set and a shared set beside the repository, and skips what is absent', () => {
    const base = mkdtempSync(join(tmpdir(), 'selene-eval-'));
    const repo = join(base, 'repo');
    mkdirSync(join(repo, 'tests', 'eval'), { recursive: true });
    writeFileSync(join(repo, 'tests', 'eval', 'questions.jsonl'), '{"q": "a", "expect": "none"}\n');
    expect(findSets(repo).map((s) => s.name)).toEqual(['tests/eval/questions.jsonl']);
    mkdirSync(join(base, 'shared', 'eval'), { recursive: true });
    writeFileSync(join(base, 'shared', 'eval', 'dev-foods.jsonl'), '{"q": "tuna", "mcg": 92}\n');
    const sets = findSets(repo);
    expect(sets).toHaveLength(2);
    expect(sets[1]?.foods).toHaveLength(1);
    const result = runSet(scripted({}, { tuna: food({ found: true, mcg: 92 }) }), sets[1] as (typeof sets)[number]);
    expect(result.food).toMatchObject({ passed: 1, total: 1 });
  });

  it('makes each file its own set, scores `mcg` lines of a question file as food lookups', () => {
    const repo = mkdtempSync(join(tmpdir(), 'selene-eval-'));
    mkdirSync(join(repo, 'tests', 'eval'), { recursive: true });
    writeFileSync(
      join(repo, 'tests', 'eval', 'discord-tuning.jsonl'),
      '{"q": "a", "expect": "none"}\n{"q": "tuna", "mcg": 92}\n',
    );
    writeFileSync(join(repo, 'tests', 'eval', 'discord-heldout.jsonl'), '{"q": "b", "expect": "none"}\n');
    const sets = findSets(repo);
    expect(sets.map((s) => [s.name, s.heldOut])).toEqual([
      ['tests/eval/discord-heldout.jsonl', true],
      ['tests/eval/discord-tuning.jsonl', false],
    ]);
    const tuning = runSet(scripted({}, { tuna: food({ found: true, mcg: 92 }) }), sets[1] as (typeof sets)[number]);
    expect(tuning.refusal).toMatchObject({ passed: 1, total: 1 });
    expect(tuning.food).toMatchObject({ passed: 1, total: 1 });
  });

  it('prints only the totals of a set when not verbose, and no empty kinds', () => {
    const r = empty();
    r.refusal = { passed: 1, total: 2, failures: ['answered: secret line'] };
    expect(formatSet(r, false)).not.toContain('secret line');
    expect(formatSet(r, false)).not.toContain('in-scope');
    expect(formatSet(r, true)).toContain('secret line');
  });
});
