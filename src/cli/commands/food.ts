import { parseCommandArgs, parsePositive } from '../args.js';
import { loadEngine } from '../engine.js';
import { formatAnswer, formatComparison, formatFood, formatTopFoods } from '../format.js';
import { type CliIo, jsonLine, openBatch, readLines, write } from '../io.js';
import { COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

const usage = COMMAND_USAGE.food;

type FoodArgs =
  | { mode: 'one'; json: boolean; query: string; servings: number | undefined }
  | { mode: 'batch'; source: string; servings: number | undefined }
  | { mode: 'top'; json: boolean; category: string | undefined; limit: number | undefined }
  | { mode: 'compare'; json: boolean; a: string; b: string };

export function parseFoodArgs(args: string[]): FoodArgs {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      json: { type: 'boolean' },
      batch: { type: 'string' },
      servings: { type: 'string' },
      top: { type: 'boolean' },
      category: { type: 'string' },
      limit: { type: 'string' },
      compare: { type: 'boolean' },
    },
    usage,
  );
  const json = values.json ?? false;
  const modes = [values.batch !== undefined, values.top, values.compare].filter(Boolean).length;
  if (modes > 1) throw new UsageError('use only one of --batch, --top and --compare', usage);
  if (!values.top && (values.category !== undefined || values.limit !== undefined))
    throw new UsageError('--category and --limit go with --top', usage);
  if ((values.top || values.compare) && values.servings !== undefined)
    throw new UsageError('--servings goes with a single food or --batch', usage);
  const servings = parsePositive(values.servings, '--servings', usage, { max: 1000 });

  if (values.top) {
    if (positionals.length) throw new UsageError('--top takes no food name (use --category WORD)', usage);
    const limit = parsePositive(values.limit, '--limit', usage, { max: 100, integer: true });
    return { mode: 'top', json, category: values.category, limit };
  }
  if (values.compare) {
    const [a, b] = positionals;
    if (positionals.length !== 2 || !a?.trim() || !b?.trim())
      throw new UsageError('--compare needs exactly two foods: selene food --compare tuna "brazil nuts"', usage);
    return { mode: 'compare', json, a, b };
  }
  if (values.batch !== undefined) {
    if (!json) throw new UsageError('--batch needs --json (one JSON object per line)', usage);
    if (positionals.length) throw new UsageError('give either --batch FILE or a food, not both', usage);
    return { mode: 'batch', source: values.batch, servings };
  }
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError('the food is empty: selene food "brazil nuts"', usage);
  return { mode: 'one', json, query, servings };
}

export async function foodCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseFoodArgs(args);
  const input = parsed.mode === 'batch' ? openBatch(parsed.source, io, usage) : undefined;
  const { engine } = await loadEngine();
  switch (parsed.mode) {
    case 'batch': {
      for await (const line of readLines(input ?? io.stdin))
        await write(io.stdout, `${jsonLine(engine.food(line, { servings: parsed.servings }))}\n`);
      break;
    }
    case 'one': {
      const result = engine.food(parsed.query, { servings: parsed.servings });
      // Readable output is the same answer a chat question about the food gets, safety line included.
      const readable = () =>
        result.found
          ? formatAnswer(engine.foodAnswer(parsed.query, { servings: parsed.servings ?? 1 }))
          : formatFood(result, parsed.query);
      await write(io.stdout, parsed.json ? `${jsonLine(result)}\n` : readable());
      break;
    }
    case 'top': {
      const foods = engine.topFoods({ category: parsed.category, limit: parsed.limit });
      await write(io.stdout, parsed.json ? `${jsonLine(foods)}\n` : formatTopFoods(foods, parsed.category));
      break;
    }
    case 'compare': {
      const comparison = engine.compareFoods(parsed.a, parsed.b);
      await write(
        io.stdout,
        parsed.json ? `${jsonLine(comparison)}\n` : formatComparison(comparison, [parsed.a, parsed.b]),
      );
      break;
    }
  }
  return EXIT_OK;
}
