// Usage errors are the caller's mistake (unknown command or flag, missing argument): exit code 2 and a
// short usage line on stderr, so scripts can tell them apart from a refused question (0) or a bad kb (1).

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage line of the command that was misused. */
    readonly usage: string = USAGE_LINE,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command that could not do its job for a reason other than misuse (no database, store failure): exit 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export const USAGE_LINE = 'usage: selene <ask|food|chat|kb|data|eval|help> [options]  (selene help for details)';

export const COMMAND_USAGE = {
  ask: 'usage: selene ask [--json] "QUESTION"  |  selene ask --json --batch FILE|- [--conversation]',
  food: 'usage: selene food [--json] [--servings N] "FOOD"  |  food --json --batch FILE|-  |  food --top [--category WORD] [--limit N]  |  food --compare A B',
  chat: 'usage: selene chat',
  kb: 'usage: selene kb check [--dir DIR]  |  kb schema [--dir DIR]  |  kb report [--since 7d] [--json] [--suggest] [--limit N] [--data-dir DIR]  |  kb synonyms --suggest [--json] [--limit N] [--dir DIR]  |  kb phrasings [--json] [--dir DIR]',
  data: 'usage: selene data export --guild ID  |  selene data purge --guild ID  [--data-dir DIR]  |  selene data migrate-to-postgres [--from DATA_DIR] [--to URL]',
  eval: 'usage: selene eval [options of the eval runner]',
} as const;

export const HELP = `selene: answers questions about one selenium article, with verbatim cited quotes.

Commands
  ask "QUESTION"                 a readable answer with quotes, sources and the disclaimer
  ask --json "QUESTION"          the answer as one JSON object
  ask --json --batch FILE|-      one question per line in, one JSON object per line out
      [--conversation]           the lines are one conversation: follow-ups ("why?") use the lines before
  food "FOOD" [--servings N]     selenium in a food (--json, --batch FILE|- as for ask)
  food --top [--category fish]   the richest foods, optionally in a category
  food --compare A B             compare two foods
  chat                           interactive chat that follows the conversation (/food NAME, /top, /topics,
                                 /new, /help, /quit)
  kb check [--dir DIR]           validate the knowledge base and its JSON Schemas (exit 1 on errors)
  kb schema [--dir DIR]          regenerate knowledge/schemas/*.schema.json from the zod schemas
  kb report [--since 7d] [--json] [--suggest]
                                 unanswered questions, worst-rated entries, low-confidence answers
  kb synonyms --suggest [--json] WordNet 3.1's synonyms for the lexicon's groups, to review (never applied)
  kb phrasings [--json]          curated phrasings that rank another entry first (move, drop or reword them)
  data export --guild ID         everything stored for a server, as JSON
  data purge --guild ID          delete everything stored for a server
  data migrate-to-postgres [--from DIR] [--to URL]
                                 copy the SQLite file into PostgreSQL (idempotent)
  eval                           accuracy on the eval sets

Exit codes: 0 answered or refused (and success), 1 failure (e.g. kb check errors), 2 usage error.
DATA_DIR (or --data-dir) selects the database folder, default ./data; DATABASE_URL selects PostgreSQL instead.
`;
