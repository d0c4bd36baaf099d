import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { answerSchema, foodSchema, jsonLines, ROOT, runInProcess, spawnCli } from './helpers.js';

// Each spawn pays tsx start-up, so one process answers many questions (batch) wherever possible.

let engine: Engine;
let tmp: string;
beforeAll(() => {
  const loaded = loadKnowledge(join(ROOT, 'knowledge'));
  if (!loaded.ok) throw new Error('the real knowledge base must load');
  engine = createEngine(loaded.kb);
  tmp = mkdtempSync(join(tmpdir(), 'selene-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LONG = `how much selenium ${'is in brazil nuts '.repeat(600)}`.slice(0, 10_000);
const CONTROL = 'what\u0000 is\u0007 \u001b[31mselenium\u001b[0m\r\u202e?\u200b';
// Command-line arguments cannot carry NUL; everything else can.
const CONTROL_ARG = CONTROL.replace('\u0000', '');

const BATCH = [
  'What is selenium?',
  '',
  'how much selenium is in brazil nuts',
  'will it rain tomorrow in paris',
  '   ',
  LONG,
  CONTROL,
  'wat is selenum gud for',
  'does selenium help with the flu',
  'how do I fix a Selenium WebDriver timeout',
  '🙂🙂🙂',
];

describe('selene ask', () => {
  it('--json prints exactly one answer object on one line', async () => {
    const r = await spawnCli(['ask', '--json', 'What does selenium do for the immune system?']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [only, ...rest] = jsonLines(r.stdout);
    expect(rest).toEqual([]);
    const answer = answerSchema.parse(only);
    expect(answer).toEqual(engine.ask('What does selenium do for the immune system?'));
  });

  it('--json --batch - answers every stdin line in order, blank lines included, and prints nothing else', async () => {
    const r = await spawnCli(['ask', '--json', '--batch', '-'], { input: `${BATCH.join('\n')}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const answers = jsonLines(r.stdout).map((line) => answerSchema.parse(line));
    expect(answers).toHaveLength(BATCH.length);
    // The engine is pure: the CLI's answer for line i must be the engine's answer for question i.
    expect(answers).toEqual(BATCH.map((q) => engine.ask(q)));
    expect(answers[1]?.answered).toBe(false);
    expect(answers[4]?.answered).toBe(false);
  });

  it('--json --batch keeps 1:1 lines for arbitrary text (in-process, fast-check samples)', async () => {
    // Any text without a newline is one question, whatever else it holds (\r, NUL, U+2028, emoji, ...).
    const lines = fc.sample(
      fc.string({ unit: 'binary', maxLength: 300 }).map((s) => s.replace(/\n/g, ' ').replace(/\r$/, '')),
      { numRuns: 300, seed: 42 },
    );
    const r = await runInProcess(['ask', '--json', '--batch', '-'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const answers = jsonLines(r.stdout);
    expect(answers).toHaveLength(lines.length);
    for (const a of answers) answerSchema.parse(a);
  });

  it('--json --batch is stateless: each line is its own conversation, so "why?" names nothing', async () => {
    const lines = ['does selenium help with the flu', 'why?', 'source?'];
    const r = await runInProcess(['ask', '--json', '--batch', '-'], `${lines.join('\n')}\n`);
    const answers = jsonLines(r.stdout).map((l) => answerSchema.parse(l));
    expect(answers).toEqual(lines.map((l) => engine.ask(l)));
    expect(answers.every((a) => a.followUpOf === null)).toBe(true);
  });

  it('--json --batch --conversation treats the batch as one conversation (follow-ups resolved)', async () => {
    const lines = ['does selenium help with the flu', 'why?', '', 'how much selenium in milk', 'is that safe?'];
    const r = await spawnCli(['ask', '--json', '--batch', '-', '--conversation'], { input: `${lines.join('\n')}\n` });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const answers = jsonLines(r.stdout).map((l) => answerSchema.parse(l));
    expect(answers).toHaveLength(lines.length);
    const [flu, why, blank, milk, safe] = answers;
    expect(flu?.followUpOf).toBeNull();
    expect(why).toMatchObject({ answered: true, followUpOf: flu?.matchId });
    expect(blank?.answered).toBe(false);
    expect(milk).toMatchObject({ route: 'food', followUpOf: null });
    expect(safe).toMatchObject({ answered: true, route: 'food', matchId: milk?.matchId, followUpOf: milk?.matchId });
    expect(safe?.safety).toEqual(expect.any(String));
  });

  it('--json --batch FILE reads a file (CRLF and no final newline) the same way', async () => {
    const file = join(tmp, 'questions.txt');
    const questions = ['what is selenium', '', 'what foods have selenium'];
    writeFileSync(file, questions.join('\r\n'));
    const r = await spawnCli(['ask', '--json', '--batch', file]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual(questions.map((q) => engine.ask(q)));
  });

  it('prints a readable answer: quote blocks with their section and link, then the disclaimer', async () => {
    const q = 'what is selenium';
    const r = await spawnCli(['ask', q]);
    expect(r.code).toBe(0);
    const expected = engine.ask(q);
    const quote = expected.citations.find((c) => c.kind === 'quote');
    expect(quote).toBeDefined();
    expect(r.stdout).toContain(`> ${quote?.quote.split(' ').slice(0, 5).join(' ')}`);
    expect(r.stdout).toContain(`— ${quote?.section} ${quote?.url}`);
    // Lines are wrapped for the terminal: compare with white space collapsed.
    expect(r.stdout.replace(/\s+/g, ' ').trimEnd().endsWith(expected.disclaimer)).toBe(true);
  });

  it('a 10,000-character question is answered or refused, exit 0, one JSON object', async () => {
    const r = await spawnCli(['ask', '--json', LONG]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((a) => answerSchema.parse(a))).toHaveLength(1);
  });

  it('control characters in a readable answer do not crash and do not reach the terminal', async () => {
    const r = await spawnCli(['ask', CONTROL_ARG]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(engine.ask(CONTROL_ARG).disclaimer.slice(0, 20));
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('selene food', () => {
  it('--json gives the food contract for a known food', async () => {
    const r = await spawnCli(['food', '--json', 'brazil nuts', '--servings', '2']);
    expect(r.code).toBe(0);
    const [food] = jsonLines(r.stdout);
    expect(foodSchema.parse(food)).toMatchObject({ found: true });
    expect(food).toEqual(engine.food('brazil nuts', { servings: 2 }));
  });

  it('--json --batch - keeps one line per input line; unknown foods come back not found with suggestions', async () => {
    const foods = ['tuna', '', 'xyzzy plutonium', 'yoghurt', 'brazil nut'];
    const r = await spawnCli(['food', '--json', '--batch', '-'], { input: foods.join('\n') });
    expect(r.code).toBe(0);
    const results = jsonLines(r.stdout).map((f) => foodSchema.parse(f));
    expect(results).toHaveLength(foods.length);
    expect(results).toEqual(foods.map((f) => foodSchema.parse(engine.food(f))));
    expect(results[2]).toMatchObject({ found: false, name: null, mcg: null });
  });

  it('--top prints the richest foods from the engine as JSON', async () => {
    const top = await spawnCli(['food', '--top', '--category', 'fish', '--limit', '3', '--json']);
    expect(top.code).toBe(0);
    expect(jsonLines(top.stdout)).toEqual([engine.topFoods({ category: 'fish', limit: 3 })]);
  });

  it('--compare prints the comparison (in-process)', async () => {
    const json = await runInProcess(['food', '--compare', '--json', 'tuna', 'brazil nuts']);
    expect(json.code).toBe(0);
    expect(jsonLines(json.stdout)).toEqual([engine.compareFoods('tuna', 'brazil nuts')]);
    const text = await runInProcess(['food', '--compare', 'tuna', 'brazil nuts']);
    expect(text.stdout).toContain(engine.compareFoods('tuna', 'brazil nuts').text.split('\n')[0]?.slice(0, 30));
  });

  it('readable output is the chat answer for the food, with the upper-limit warning past 400 mcg (in-process)', async () => {
    const r = await runInProcess(['food', 'brazil nuts', '--servings', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1088 mcg');
    expect(r.stdout).toMatch(/above the adult upper\s+limit/);
    expect(r.stdout).toContain('https://ods.od.nih.gov/factsheets/Selenium-HealthProfessional/');
    expect(r.stdout).toMatch(/Not medical advice/);
  });

  it('readable output says when a food is not in the table (in-process)', async () => {
    const r = await runInProcess(['food', 'xyzzy plutonium']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^"xyzzy plutonium" is not in my food table\./);
  });
});

describe('selene chat with piped input', () => {
  it('answers each line, handles /food and /help, and stops at /quit', async () => {
    const input = ['what is selenium', '/food tuna', '/help', '/nope', '/quit', 'never answered'].join('\n');
    const r = await spawnCli(['chat'], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const tuna = engine.food('tuna');
    expect(r.stdout).toContain('you> what is selenium\n');
    expect(r.stdout).toContain(`${tuna.name}: ${tuna.mcg} mcg`);
    expect(r.stdout).toContain('/quit');
    expect(r.stdout).toContain('Unknown command /nope');
    expect(r.stdout).not.toContain('you> never answered');
  });

  it('ends cleanly at end of input (Ctrl-D) without /quit', async () => {
    const r = await spawnCli(['chat'], { input: 'what foods have selenium\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('you> what foods have selenium');
  });
});

describe('selene kb check', () => {
  it('passes on the real knowledge base (exit 0)', async () => {
    const r = await spawnCli(['kb', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ entries, \d+ foods, /);
  });

  it('fails on a broken copy with "file path: reason" (exit 1)', async () => {
    const dir = join(tmp, 'kb');
    cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
    const entries = JSON.parse(readFileSync(join(dir, 'entries.json'), 'utf8'));
    entries.entries[0].questions = entries.entries[0].questions.slice(0, 1);
    writeFileSync(join(dir, 'entries.json'), JSON.stringify(entries));
    const r = await spawnCli(['kb', 'check', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('entries.json $.entries[0].questions: needs at least 3 phrasings of the question\n');
  });
});

describe('usage errors: exit 2, a usage line on stderr, nothing on stdout', () => {
  it('spawned: unknown command', async () => {
    const r = await spawnCli(['frobnicate']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/unknown command "frobnicate"\nusage: selene /);
  });

  it.each([
    [[]],
    [['toString']],
    [['__proto__']],
    [['ask']],
    [['ask', '']],
    [['ask', '--json', '  ']],
    [['ask', '--nope', 'what is selenium']],
    [['ask', '--batch', '-']],
    [['ask', '--json', '--batch']],
    [['ask', '--json', '--batch', '/no/such/file']],
    [['ask', '--json', '--conversation', 'what is selenium']],
    [['food']],
    [['food', 'tuna', '--servings', 'lots']],
    [['food', '--compare', 'tuna']],
    [['kb']],
    [['kb', 'frobnicate']],
    [['kb', 'check', 'extra']],
    [['kb', 'report', '--since', 'yesterday']],
    [['data', 'export']],
    [['data', 'purge', '--guild']],
    [['chat', 'hello']],
  ])('in-process: %j', async (args) => {
    const r = await runInProcess(args);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^selene: .+\nusage: selene /);
  });

  it('help is not an error', async () => {
    const r = await runInProcess(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ask --json --batch FILE|-');
    const ask = await runInProcess(['ask', '--help']);
    expect(ask).toMatchObject({ code: 0, stderr: '' });
    expect(ask.stdout).toMatch(/^usage: selene ask /);
  });
});
