import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatStep } from '../../src/cli/commands/chat.js';
import { formatAnswer, formatFood } from '../../src/cli/format.js';
import { run } from '../../src/cli/main.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { ROOT } from './helpers.js';

let engine: Engine;
beforeAll(() => {
  const loaded = loadKnowledge(join(ROOT, 'knowledge'));
  if (!loaded.ok) throw new Error('the real knowledge base must load');
  engine = createEngine(loaded.kb);
});

describe('chatStep', () => {
  it('answers a question and remembers its suggestions for the next step', () => {
    const step = chatStep(engine, 'what is the weather in paris', []);
    const answer = engine.ask('what is the weather in paris');
    expect(step).toMatchObject({ output: formatAnswer(answer), suggestions: answer.suggestions, quit: false });
    expect(step.context.map((t) => t.question)).toEqual(['what is the weather in paris']);
  });

  it('a digit asks the matching suggestion; out of range it is just a question', () => {
    const suggestions = [{ id: 'x', title: 'Foods', question: 'which foods have selenium' }];
    expect(chatStep(engine, ' 1 ', suggestions).output).toBe(formatAnswer(engine.ask('which foods have selenium')));
    expect(chatStep(engine, '2', suggestions).output).toBe(formatAnswer(engine.ask('2')));
  });

  it('handles the slash commands', () => {
    expect(chatStep(engine, '/food brazil nuts', []).output).toBe(
      formatFood(engine.food('brazil nuts'), 'brazil nuts'),
    );
    expect(chatStep(engine, '/food', []).output).toMatch(/^usage: \/food NAME/);
    expect(chatStep(engine, '/topics', []).output).toContain(engine.topics()[0]?.title);
    expect(chatStep(engine, '/top fish', []).output).toContain(engine.topFoods({ category: 'fish' })[0]?.name);
    expect(chatStep(engine, '/HELP', []).output).toContain('/quit');
    expect(chatStep(engine, '/QUIT', []).quit).toBe(true);
    expect(chatStep(engine, '/\u001b[2Jx', []).output).toBe('Unknown command /[2Jx. Type /help for what I can do.\n');
  });

  it('ignores blank lines', () => {
    expect(chatStep(engine, '   ', [])).toEqual({ output: '', suggestions: [], context: [], quit: false });
  });

  it('reads a follow-up against the conversation so far, and /new forgets it', () => {
    const first = chatStep(engine, 'does selenium help with the flu?', []);
    const why = chatStep(engine, 'why?', first.suggestions, 80, first.context);
    const answer = engine.ask('why?', first.context);
    expect(answer.followUpOf).toBe(engine.ask('does selenium help with the flu?').matchId);
    expect(why.output).toBe(`(following up on: Selenium and the flu (influenza))\n${formatAnswer(answer)}`);
    expect(why.context).toHaveLength(2);
    const fresh = chatStep(engine, '/new', why.suggestions, 80, why.context);
    expect(fresh.context).toEqual([]);
    expect(chatStep(engine, 'why?', [], 80, fresh.context).output).toBe(formatAnswer(engine.ask('why?')));
  });

  it('keeps the conversation across slash commands', () => {
    const first = chatStep(engine, 'how much selenium in milk', []);
    const food = chatStep(engine, '/food tuna', first.suggestions, 80, first.context);
    expect(food.context).toBe(first.context);
  });
});

/** A fake terminal: the chat's readline sees a TTY; input is typed only once the prompt is shown. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let out = '';
  const waiters: { prompts: number; resolve: () => void }[] = [];
  const prompts = () => out.split('you> ').length - 1;
  stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters.filter((w) => prompts() >= w.prompts)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    io: { stdin, stdout, stderr: new PassThrough(), env: {}, cwd: ROOT },
    output: () => out,
    /** Resolves once the n-th prompt has been printed. */
    prompt: (n: number) =>
      new Promise<void>((resolve) => (prompts() >= n ? resolve() : waiters.push({ prompts: n, resolve }))),
    type: (keys: string) => stdin.write(keys),
  };
}

describe('chat in a terminal', () => {
  it('prompts "you> ", answers, and leaves cleanly on Ctrl-D', async () => {
    const t = terminal();
    const done = run(['chat'], t.io);
    await t.prompt(1);
    t.type('/food tuna\r');
    await t.prompt(2);
    t.type('\u0004');
    expect(await done).toBe(0);
    expect(t.output()).toContain(formatFood(engine.food('tuna'), 'tuna'));
    expect(t.output().endsWith('bye\n')).toBe(true);
  });

  it('leaves on Ctrl-C too', async () => {
    const t = terminal();
    const done = run(['chat'], t.io);
    await t.prompt(1);
    t.type('\u0003');
    expect(await done).toBe(0);
  });
});
