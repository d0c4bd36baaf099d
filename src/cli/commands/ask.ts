import { nextContext } from '../../engine/turns.js';
import type { Turn } from '../../engine/types.js';
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
    { json: { type: 'boolean' }, batch: { type: 'string' }, conversation: { type: 'boolean' } },
    usage,
  );
  const conversation = values.conversation ?? false;
  if (values.batch !== undefined) {
    if (!values.json) throw new UsageError('--batch needs --json (one JSON object per line)', usage);
    if (positionals.length) throw new UsageError('give either --batch FILE or a question, not both', usage);
    return { json: true, batch: values.batch, question: undefined, conversation };
  }
  if (conversation) throw new UsageError('--conversation needs --batch (the lines are the conversation)', usage);
  // Words after `ask` form the question, so an unquoted `selene ask what is selenium` works too.
  const question = positionals.join(' ');
  if (!question.trim()) throw new UsageError('the question is empty: selene ask "what is selenium?"', usage);
  return { json: values.json ?? false, batch: undefined, question, conversation };
}

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseAskArgs(args);
  const input = parsed.batch === undefined ? undefined : openBatch(parsed.batch, io, usage);
  const { engine } = await loadEngine();
  if (input) {
    // Every input line gets exactly one output line, blank ones included (they come back refused). Each
    // line is its own conversation, unless --conversation makes the whole batch one (follow-ups resolved).
    let context: Turn[] = [];
    for await (const line of readLines(input)) {
      const answer = engine.ask(line, context);
      if (parsed.conversation) context = nextContext(context, line, answer);
      await write(io.stdout, `${jsonLine(answer)}\n`);
    }
    return EXIT_OK;
  }
  const answer = engine.ask(parsed.question ?? '');
  await write(io.stdout, parsed.json ? `${jsonLine(answer)}\n` : formatAnswer(answer, textWidth(io)));
  return EXIT_OK;
}
