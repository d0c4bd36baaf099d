import { parseCommandArgs } from '../args.js';
import { type CliIo, write } from '../io.js';
import { dataDirOf, openCliStore, unwrap } from '../store.js';
import { COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

const usage = COMMAND_USAGE.data;

export function parseDataArgs(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'export' && sub !== 'purge')
    throw new UsageError(sub ? `unknown data subcommand "${sub}"` : 'data needs a subcommand: export or purge', usage);
  const { values, positionals } = parseCommandArgs(
    rest,
    { guild: { type: 'string' }, 'data-dir': { type: 'string' } },
    usage,
  );
  if (positionals.length) throw new UsageError(`data ${sub} takes no arguments, got "${positionals[0]}"`, usage);
  const guild = values.guild?.trim();
  if (!guild) throw new UsageError(`data ${sub} needs --guild ID`, usage);
  // Checked before the database is opened, so a mistyped id is reported as such, not as a store error.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(guild))
    throw new UsageError(`--guild must be a server id (digits), got ${JSON.stringify(guild)}`, usage);
  return { sub, guild, dataDir: values['data-dir'] };
}

/** Privacy requests: everything stored about one server, as JSON, or deleted. */
export async function dataCommand(args: string[], io: CliIo): Promise<number> {
  const { sub, guild, dataDir } = parseDataArgs(args);
  const store = openCliStore(dataDirOf(dataDir, io), io, { readonly: sub === 'export' });
  try {
    if (sub === 'export') {
      const data = unwrap(store.exportGuild(guild), 'export', usage);
      await write(io.stdout, `${JSON.stringify(data, null, 2)}\n`);
    } else {
      const counts = unwrap(store.purgeGuild(guild), 'purge', usage);
      await write(
        io.stdout,
        `purged server ${guild}: ${counts.votes} votes, ${counts.questions} questions, ${counts.settings} settings\n`,
      );
    }
  } finally {
    store.close();
  }
  return EXIT_OK;
}
