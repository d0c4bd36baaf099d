import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../config.js';
import { isEntryModule } from '../entry.js';
import { formatKnowledgeError, KnowledgeLoadError } from '../knowledge/types.js';
import { askCommand } from './commands/ask.js';
import { chatCommand } from './commands/chat.js';
import { dataCommand } from './commands/data.js';
import { foodCommand } from './commands/food.js';
import { kbCommand } from './commands/kb.js';
import { type CliIo, write } from './io.js';
import { CliFailure, COMMAND_USAGE, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, HELP, UsageError } from './usage.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

// The eval runner belongs to the engine's side of the project. It runs as its own script (it reads its
// own argv), so the CLI starts it as a child with the same loader flags and passes its output through.
const evalCommand: Command = async (args, io) => {
  const path = fileURLToPath(new URL('../eval/main.ts', import.meta.url));
  if (!existsSync(path)) throw new UsageError('eval is not available in this checkout', COMMAND_USAGE.eval);
  const child = spawn(process.execPath, [...process.execArgv, path, ...args], {
    cwd: io.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(io.stdout, { end: false });
  child.stderr.pipe(io.stderr, { end: false });
  const [code] = (await once(child, 'close')) as [number | null];
  return code ?? EXIT_FAILURE;
};

const commands: Record<string, Command> = {
  ask: askCommand,
  food: foodCommand,
  chat: chatCommand,
  kb: kbCommand,
  data: dataCommand,
  eval: evalCommand,
};

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === 'help' || name === '--help' || name === '-h') {
      await write(io.stdout, HELP);
      return EXIT_OK;
    }
    if (name === undefined) throw new UsageError('no command given');
    // Own keys only: `selene toString` is an unknown command, not Object.prototype.toString.
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const beforeDashes = args.indexOf('--') < 0 ? args : args.slice(0, args.indexOf('--'));
    if (name !== 'eval' && (beforeDashes.includes('--help') || beforeDashes.includes('-h'))) {
      await write(io.stdout, `${COMMAND_USAGE[name as keyof typeof COMMAND_USAGE]}\n`);
      return EXIT_OK;
    }
    return await command(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `selene: ${err.message}\n${err.usage}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CliFailure) {
      await write(io.stderr, `selene: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    if (err instanceof KnowledgeLoadError) {
      const lines = err.errors.map((e) => `  ${formatKnowledgeError(e)}`).join('\n');
      await write(io.stderr, `selene: ${err.message}; run \`selene kb check\` for details\n${lines}\n`);
      return EXIT_FAILURE;
    }
    await write(io.stderr, `selene: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
    return EXIT_FAILURE;
  }
}

// Node runs the main module from its real path; compare real paths so a symlinked checkout still starts.
if (isEntryModule(import.meta.url)) {
  // A closed pipe (`selene ask --json --batch - | head -1`) is the reader saying "enough", not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw err;
  });
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    // .env under the real environment, as the bot reads it, so `selene data` finds the bot's database.
    env: readEnv(join(process.cwd(), '.env')),
    cwd: process.cwd(),
  };
  // exitCode rather than exit(): buffered output to a pipe is flushed before the process ends.
  process.exitCode = await run(process.argv.slice(2), io);
}
