import { parseCommandArgs } from '../args.js';
import { loadEngine } from '../engine.js';
import { formatAnswer } from '../format.js';
import { type CliIo, jsonLine, openBatch, readLines, textWidth, write } from '../io.js';
import { COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

const usage = COMMAND_USAGE.ask;

/** `--batch` and the single question share these checks, so both report misuse before loading anything. */
export function parseAskArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, batch: { type: 'string' } },
    usage,
  );
  if (values.batch !== undefined) {
    if (!values.json) throw new UsageError('--batch needs --json (one JSON object per line)', usage);
    if (positionals.length) throw new UsageError('give either --batch FILE or a question, not both', usage);
    return { json: true, batch: values.batch, question: undefined };
  }
  // Words after `ask` form the question, so an unquoted `selene ask what is selenium` works too.
  const question = positionals.join(' ');
  if (!question.trim()) throw new UsageError('the question is empty: selene ask "what is selenium?"', usage);
  return { json: values.json ?? false, batch: undefined, question };
}

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseAskArgs(args);
  const input = parsed.batch === undefined ? undefined : openBatch(parsed.batch, io, usage);
  const { engine } = await loadEngine();
  if (input) {
    // Every input line gets exactly one output line, blank ones included (they come back refused).
    for await (const line of readLines(input)) await write(io.stdout, `${jsonLine(engine.ask(line))}\n`);
    return EXIT_OK;
  }
  const answer = engine.ask(parsed.question ?? '');
  await write(io.stdout, parsed.json ? `${jsonLine(answer)}\n` : formatAnswer(answer, textWidth(io)));
  return EXIT_OK;
}
