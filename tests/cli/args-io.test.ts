import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/args.js';
import { parseAskArgs } from '../../src/cli/commands/ask.js';
import { parseFoodArgs } from '../../src/cli/commands/food.js';
import { jsonLine, readLines } from '../../src/cli/io.js';
import { UsageError } from '../../src/cli/usage.js';

const lines = async (chunks: string[]) => {
  const out: string[] = [];
  for await (const line of readLines(Readable.from(chunks))) out.push(line);
  return out;
};

describe('readLines', () => {
  it('splits on \\n only, across chunk boundaries, keeping blank lines and dropping \\r before \\n', async () => {
    expect(await lines(['a\r\n\nb', 'c\rd\n', '\n', 'last'])).toEqual(['a', '', 'bc\rd', '', 'last']);
  });

  it('does not invent a line after a final newline', async () => {
    expect(await lines(['one\ntwo\n'])).toEqual(['one', 'two']);
    expect(await lines([])).toEqual([]);
  });
});

describe('jsonLine', () => {
  it('is always one line and parses back', () => {
    const value = { q: 'a\nb\r\u2028c\u2029\u0000' };
    const line = jsonLine(value);
    expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('ask arguments', () => {
  it('joins unquoted words into the question', () => {
    expect(parseAskArgs(['what', 'is', 'selenium'])).toMatchObject({ question: 'what is selenium', json: false });
  });

  it.each([
    [[]],
    [['']],
    [['   ']],
    [['--batch', 'x']],
    [['--json', '--batch', 'x', 'extra']],
    [['--nope', 'q']],
    [['--batch']],
  ])('rejects %j as a usage error', (args) => {
    expect(() => parseAskArgs(args)).toThrow(UsageError);
  });
});

describe('food arguments', () => {
  it('reads the modes', () => {
    expect(parseFoodArgs(['brazil', 'nuts', '--servings', '2'])).toEqual({
      mode: 'one',
      json: false,
      query: 'brazil nuts',
      servings: 2,
    });
    expect(parseFoodArgs(['--top', '--category', 'fish', '--json'])).toEqual({
      mode: 'top',
      json: true,
      category: 'fish',
      limit: undefined,
    });
    expect(parseFoodArgs(['--compare', 'tuna', 'egg'])).toEqual({ mode: 'compare', json: false, a: 'tuna', b: 'egg' });
  });

  it.each([
    [['tuna', '--servings', '0']],
    [['tuna', '--servings', 'two']],
    [['tuna', '--servings', '-1']],
    [['--compare', 'tuna']],
    [['--top', 'tuna']],
    [['--top', '--compare', 'a', 'b']],
    [['--category', 'fish', 'tuna']],
    [['--top', '--limit', '2.5']],
    [['']],
  ])('rejects %j as a usage error', (args) => {
    expect(() => parseFoodArgs(args)).toThrow(UsageError);
  });
});

describe('parseDuration', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseDuration('7d', '--since', '')).toBe(7 * 86_400_000);
    expect(parseDuration('12h', '--since', '')).toBe(12 * 3_600_000);
    expect(parseDuration('2w', '--since', '')).toBe(14 * 86_400_000);
  });

  it.each(['', '7', 'd', '0d', '-1d', '7y'])('rejects %j', (value) => {
    expect(() => parseDuration(value, '--since', '')).toThrow(UsageError);
  });
});
