// Guards Selene's own evaluation sets: a malformed line or an evidence phrase the article never says would make
// the eval score meaningless, so each line is parsed and each phrase traced back to the knowledge files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { foodsSchema, relatedSchema } from '../../src/knowledge/schema.js';
import { normaliseWhitespace } from '../../src/knowledge/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const readText = (path: string): string => readFileSync(path, 'utf8');

// A member's message is at most Discord's 2,000 characters; the register sets hold long, chatty ones.
const query = z.string().trim().min(1).max(2000);

const questionLineSchema = z.discriminatedUnion('expect', [
  z.strictObject({ q: query, expect: z.literal('answer'), any: z.array(z.string().trim().min(1)).min(1) }),
  z.strictObject({ q: query, expect: z.literal('none') }),
]);

const foodLineSchema = z.union([
  z.strictObject({ q: query, mcg: z.number().int().min(0) }),
  z.strictObject({ q: query, expect: z.literal('none') }),
]);

type QuestionLine = z.infer<typeof questionLineSchema>;
type FoodLine = z.infer<typeof foodLineSchema>;

interface ParsedLines<T> {
  rows: T[];
  errors: string[];
}

/** JSON Lines: one value per line; only the final newline may leave an empty line behind. */
function parseJsonLines<T>(text: string, schema: z.ZodType<T>): ParsedLines<T> {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const rows: T[] = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`line ${i + 1}: not JSON`);
      return;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
  });
  return { rows, errors };
}

const fold = (s: string): string => normaliseWhitespace(s).toLowerCase();
const isPureNumber = (s: string): boolean => /^\d+(\.\d+)?$/.test(s.trim());

const questionsFile = parseJsonLines(readText(here('./questions.jsonl')), questionLineSchema);
const foodsFile = parseJsonLines(readText(here('./foods.jsonl')), foodLineSchema);
const foods = foodsSchema.parse(JSON.parse(readText(`${root}knowledge/foods.json`))).foods;
const related = relatedSchema.parse(JSON.parse(readText(`${root}knowledge/related.json`))).links;
const evidenceText = fold([readText(`${root}knowledge/article.txt`), ...related.map((l) => l.title)].join('\n'));
const tableMcg = new Set(foods.map((f) => f.mcg));

const answers = questionsFile.rows.filter(
  (r): r is Extract<QuestionLine, { expect: 'answer' }> => r.expect === 'answer',
);
const offTopic = questionsFile.rows.filter((r) => r.expect === 'none');

const duplicates = (qs: readonly string[]): string[] => {
  const seen = new Set<string>();
  return qs.filter((q) => {
    const key = fold(q);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
};

describe('tests/eval/questions.jsonl', () => {
  it('every line parses as a question with expect answer (with evidence) or none', () => {
    expect(questionsFile.errors).toEqual([]);
  });

  it('is big enough and at least a third off-topic', () => {
    expect(questionsFile.rows.length).toBeGreaterThanOrEqual(120);
    expect(offTopic.length * 3).toBeGreaterThanOrEqual(questionsFile.rows.length);
    expect(answers.length).toBeGreaterThan(0);
  });

  it('asks each question once', () => {
    expect(duplicates(questionsFile.rows.map((r) => r.q))).toEqual([]);
  });

  it('takes every text evidence phrase verbatim from the article or a related-article title', () => {
    const missing = answers.flatMap((r) =>
      r.any.filter((p) => !isPureNumber(p) && !evidenceText.includes(fold(p))).map((p) => `${r.q} -> "${p}"`),
    );
    expect(missing).toEqual([]);
  });

  it('uses only numbers from the food table as numeric evidence', () => {
    const unknown = answers.flatMap((r) =>
      r.any.filter((p) => isPureNumber(p) && !tableMcg.has(Number(p))).map((p) => `${r.q} -> ${p}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('tests/eval/foods.jsonl', () => {
  const priced = foodsFile.rows.filter((r): r is Extract<FoodLine, { mcg: number }> => 'mcg' in r);

  it('every line parses as a food query with mcg, or a non-food with expect none', () => {
    expect(foodsFile.errors).toEqual([]);
  });

  it('has at least 45 food queries and some non-foods', () => {
    expect(priced.length).toBeGreaterThanOrEqual(45);
    expect(foodsFile.rows.length - priced.length).toBeGreaterThanOrEqual(5);
  });

  it('asks each query once', () => {
    expect(duplicates(foodsFile.rows.map((r) => r.q))).toEqual([]);
  });

  it('expects only per-serving amounts that appear in knowledge/foods.json', () => {
    expect(priced.filter((r) => !tableMcg.has(r.mcg)).map((r) => `${r.q} -> ${r.mcg}`)).toEqual([]);
  });
});

// The dev set lives outside the project and may be absent; when present, our set must be written fresh.
const devQuestions = fileURLToPath(new URL('../../../shared/eval/dev-questions.jsonl', import.meta.url));

describe.skipIf(!existsSync(devQuestions))('independence from the shared dev set', () => {
  it('copies no dev question verbatim', () => {
    const dev = new Set(
      readText(devQuestions)
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => fold(z.object({ q: z.string() }).parse(JSON.parse(l)).q)),
    );
    expect(questionsFile.rows.filter((r) => dev.has(fold(r.q))).map((r) => r.q)).toEqual([]);
  });
});

// Every other eval file of the project (the blind Discord-register sets, conversations): each line must
// parse, each file ask each message once, and a held-out half share no message with its tuning half.
const evalDir = fileURLToPath(new URL('./', import.meta.url));
const otherFiles = readdirSync(evalDir).filter(
  (f) => f.endsWith('.jsonl') && f !== 'questions.jsonl' && f !== 'foods.jsonl',
);
const anyLineSchema = z.union([
  questionLineSchema,
  foodLineSchema,
  z.object({
    turns: z.array(z.string().trim().min(1)).min(1),
    expect: z.enum(['answer', 'none']),
    any: z.array(z.string().trim().min(1)).min(1).optional(),
    kind: z.string().optional(),
  }),
]);
const asked = (row: z.infer<typeof anyLineSchema>): string => ('q' in row ? row.q : row.turns.join(' | '));

describe.each(otherFiles)('tests/eval/%s', (file) => {
  const parsed = parseJsonLines(readText(`${evalDir}${file}`), anyLineSchema);

  it('every line parses as a question, a food query or a conversation', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.length).toBeGreaterThan(0);
  });

  it('asks each message once', () => {
    expect(duplicates(parsed.rows.map(asked))).toEqual([]);
  });

  const tuning = file.replace('heldout', 'tuning');
  it.skipIf(!file.includes('heldout') || !existsSync(`${evalDir}${tuning}`))(
    'shares no message with its tuning half',
    () => {
      const seen = new Set(
        parseJsonLines(readText(`${evalDir}${tuning}`), anyLineSchema).rows.map((r) => fold(asked(r))),
      );
      expect(parsed.rows.filter((r) => seen.has(fold(asked(r)))).length).toBe(0);
    },
  );
});
