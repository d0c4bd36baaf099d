import { resolve } from 'node:path';
import {
  databaseUrlSchema,
  type ImportResult,
  type ImportTable,
  importSqlite,
  StoreOpenError,
} from '../../store/index.js';
import { parseCommandArgs } from '../args.js';
import { type CliIo, write } from '../io.js';
import { dataDirOf, openCliStore, storeSettings, unwrap } from '../store.js';
import { CliFailure, COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

const usage = COMMAND_USAGE.data;
const SUBCOMMANDS = ['export', 'purge', 'migrate-to-postgres'] as const;

export function parseDataArgs(args: string[]) {
  const [first, ...rest] = args;
  const sub = SUBCOMMANDS.find((s) => s === first);
  if (!sub)
    throw new UsageError(
      first ? `unknown data subcommand "${first}"` : `data needs a subcommand: ${SUBCOMMANDS.join(', ')}`,
      usage,
    );
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      guild: { type: 'string' },
      'data-dir': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    usage,
  );
  if (positionals.length) throw new UsageError(`data ${sub} takes no arguments, got "${positionals[0]}"`, usage);
  if (sub === 'migrate-to-postgres') {
    if (values.guild !== undefined || values['data-dir'] !== undefined)
      throw new UsageError('data migrate-to-postgres takes --from DATA_DIR and --to URL', usage);
    return { sub, guild: '', dataDir: values.from, to: values.to };
  }
  if (values.from !== undefined || values.to !== undefined)
    throw new UsageError(`--from and --to belong to data migrate-to-postgres, not data ${sub}`, usage);
  const guild = values.guild?.trim();
  if (!guild) throw new UsageError(`data ${sub} needs --guild ID`, usage);
  // Checked before the database is opened, so a mistyped id is reported as such, not as a store error.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(guild))
    throw new UsageError(`--guild must be a server id (digits), got ${JSON.stringify(guild)}`, usage);
  return { sub, guild, dataDir: values['data-dir'], to: undefined };
}

/** Privacy requests (everything stored about one server, as JSON, or deleted) and moving to PostgreSQL. */
export async function dataCommand(args: string[], io: CliIo): Promise<number> {
  const { sub, guild, dataDir, to } = parseDataArgs(args);
  if (sub === 'migrate-to-postgres') return migrateToPostgres(dataDir, to, io);
  const store = await openCliStore(dataDirOf(dataDir, io), io, {
    readonly: sub === 'export',
    dataDirFlag: dataDir !== undefined,
  });
  try {
    if (sub === 'export') {
      const data = unwrap(await store.exportGuild(guild), 'export', usage);
      await write(io.stdout, `${JSON.stringify(data, null, 2)}\n`);
    } else {
      const counts = unwrap(await store.purgeGuild(guild), 'purge', usage);
      await write(
        io.stdout,
        `purged server ${guild}: ${counts.votes} votes, ${counts.questions} questions, ${counts.settings} settings\n`,
      );
    }
  } finally {
    await store.close();
  }
  return EXIT_OK;
}

const BAR_WIDTH = 30;

/** `[#####-----] votes 120/400` redrawn in place on a terminal; nothing when piped. */
const progressBar = (io: CliIo) => {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  return (table: ImportTable, done: number, total: number) => {
    if (!tty) return;
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    io.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${table} ${done}/${total}\x1b[K`);
    if (done >= total) io.stderr.write('\n');
  };
};

const summary = (r: ImportResult): string =>
  (['settings', 'votes', 'questions'] as const)
    .map((t) => `${t}: ${r[t].copied} copied, ${r[t].total - r[t].copied} already there (${r[t].total} in SQLite)`)
    .join('\n');

async function migrateToPostgres(from: string | undefined, to: string | undefined, io: CliIo): Promise<number> {
  const settings = storeSettings(io);
  const url = to ?? settings.databaseUrl;
  if (url === undefined)
    throw new UsageError('data migrate-to-postgres needs --to postgres://... (or DATABASE_URL)', usage);
  const parsed = databaseUrlSchema.safeParse(url);
  if (!parsed.success) throw new UsageError(`--to ${parsed.error.issues[0]?.message ?? 'is invalid'}`, usage);
  const dataDir = from === undefined ? dataDirOf(undefined, io) : resolve(io.cwd, from);
  try {
    const result = await importSqlite({
      dataDir,
      url: parsed.data,
      hashSecret: settings.hashSecret,
      onProgress: progressBar(io),
    });
    await write(io.stdout, `copied ${dataDir} into PostgreSQL\n${summary(result)}\n`);
  } catch (err) {
    if (err instanceof StoreOpenError) throw new CliFailure(err.message);
    throw err;
  }
  return EXIT_OK;
}
