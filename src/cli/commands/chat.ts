import { createInterface } from 'node:readline/promises';
import { nextContext } from '../../engine/turns.js';
import type { ConversationContext, Engine, Suggestion } from '../../engine/types.js';
import { parseCommandArgs } from '../args.js';
import { loadEngine } from '../engine.js';
import { clean, formatAnswer, formatFood, formatTopFoods, formatTopics } from '../format.js';
import { type CliIo, readLines, textWidth, write } from '../io.js';
import { COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

export const CHAT_HELP = `Ask a question about the article in your own words, or:
  /food NAME     selenium in a food (e.g. /food brazil nuts)
  /top [WORD]    the richest foods, optionally in a category (e.g. /top fish)
  /topics        what I can answer
  1, 2, 3        ask one of the suggestions I just offered
  /new           start a new conversation (follow-ups like "why?" refer to the last answer)
  /help          this help
  /quit          leave (Ctrl-D works too)
`;

/**
 * What one chat line leads to. The session state (last suggestions, the conversation so far) is threaded
 * through, never global.
 */
export interface ChatStep {
  output: string;
  suggestions: Suggestion[];
  /** The conversation after this line: what a follow-up ("why?", "and for kids?") is read against. */
  context: ConversationContext;
  quit: boolean;
}

export function chatStep(
  engine: Engine,
  raw: string,
  suggestions: Suggestion[],
  width = 80,
  context: ConversationContext = [],
): ChatStep {
  const line = raw.trim();
  const reply = (output: string, next = suggestions, after = context): ChatStep => ({
    output,
    suggestions: next,
    context: after,
    quit: false,
  });
  if (!line) return reply('');

  const picked = /^\d$/.test(line) ? suggestions[Number(line) - 1] : undefined;
  if (picked) return chatStep(engine, picked.question, suggestions, width, context);

  if (line.startsWith('/')) {
    const [command = '', ...words] = line.slice(1).split(/\s+/);
    const rest = words.join(' ');
    switch (command.toLowerCase()) {
      case 'quit':
      case 'exit':
      case 'q':
        return { output: '', suggestions, context, quit: true };
      case 'new':
        return reply('New conversation: ask me anything about the article.\n', [], []);
      case 'help':
        return reply(CHAT_HELP);
      case 'topics':
        return reply(formatTopics(engine.topics()));
      case 'food':
        return reply(rest ? formatFood(engine.food(rest), rest) : 'usage: /food NAME (e.g. /food tuna)\n');
      case 'top':
        return reply(formatTopFoods(engine.topFoods({ category: rest || undefined }), rest || undefined));
      default:
        return reply(`Unknown command /${clean(command)}. Type /help for what I can do.\n`);
    }
  }

  const answer = engine.ask(raw, context);
  const about = answer.followUpOf === null ? '' : followingUp(engine, answer.followUpOf);
  return reply(`${about}${formatAnswer(answer, width)}`, answer.suggestions, nextContext(context, raw, answer));
}

/** "(following up on: Selenium and the flu)": says which earlier answer a short follow-up was read against. */
function followingUp(engine: Engine, id: string): string {
  const title = engine.topics().find((t) => t.id === id)?.title ?? engine.food(id).name;
  return title ? `(following up on: ${clean(title)})\n` : '';
}

/**
 * A terminal gets readline (prompt, line editing, up/down history, Ctrl-C/Ctrl-D to leave). Piped input
 * is read line by line and echoed as a transcript, so `selene chat < questions.txt` works and is testable.
 */
export async function chatCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, COMMAND_USAGE.chat);
  if (positionals.length) throw new UsageError('chat takes no arguments', COMMAND_USAGE.chat);
  const { engine, kb } = await loadEngine();
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);

  await write(
    io.stdout,
    `Selene: ask me about "${kb.article.title}" (${kb.article.publisher}).\nType /help for commands, /quit to leave.\n\n`,
  );

  let suggestions: Suggestion[] = [];
  let context: ConversationContext = [];
  const handle = async (line: string): Promise<boolean> => {
    const step = chatStep(engine, line, suggestions, textWidth(io), context);
    suggestions = step.suggestions;
    context = step.context;
    if (step.output) await write(io.stdout, `${step.output}\n`);
    return step.quit;
  };

  if (!interactive) {
    for await (const line of readLines(io.stdin)) {
      await write(io.stdout, `you> ${clean(line)}\n`);
      if (await handle(line)) break;
    }
    return EXIT_OK;
  }

  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true, historySize: 200, prompt: 'you> ' });
  // Without a listener readline only pauses on Ctrl-C; leaving is what a chat user expects.
  rl.on('SIGINT', () => rl.close());
  rl.prompt();
  for await (const line of rl) {
    if (await handle(line)) break;
    rl.prompt();
  }
  rl.close();
  await write(io.stdout, '\nbye\n');
  return EXIT_OK;
}
