import type { Engine } from '../../engine/types.js';
import type { Report } from '../../store/index.js';
import { parseCommandArgs, parseDuration, parsePositive } from '../args.js';
import { loadEngine } from '../engine.js';
import { formatTable } from '../format.js';
import { type CliIo, write } from '../io.js';
import { dataDirOf, openCliStore, unwrap } from '../store.js';
import { COMMAND_USAGE, EXIT_OK, UsageError } from '../usage.js';

const usage = COMMAND_USAGE.kb;

/** Answers below this confidence are worth a curator's look even though they were answered. */
export const LOW_CONFIDENCE_BELOW = 0.7;

export function parseReportArgs(args: string[], now: number) {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      since: { type: 'string' },
      json: { type: 'boolean' },
      suggest: { type: 'boolean' },
      limit: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    usage,
  );
  if (positionals.length) throw new UsageError(`kb report takes no arguments, got "${positionals[0]}"`, usage);
  const sinceMs = parseDuration(values.since ?? '7d', '--since', usage);
  return {
    since: new Date(now - sinceMs),
    json: values.json ?? false,
    suggest: values.suggest ?? false,
    limit: parsePositive(values.limit, '--limit', usage, { max: 1000, integer: true }) ?? 10,
    dataDir: values['data-dir'],
  };
}

/** Where a frequent unanswered question stands against today's knowledge base. */
export interface ReportSuggestion {
  text: string;
  count: number;
  /** Answered now (the knowledge base changed since it was asked), or the closest entry to extend. */
  status: 'answered-now' | 'closest' | 'nothing-close';
  entryId: string | null;
  title: string | null;
  confidence: number;
}

export function suggestEntries(engine: Engine, report: Report): ReportSuggestion[] {
  return report.topUnanswered.map(({ text, count }) => {
    const answer = engine.ask(text);
    if (answer.answered)
      return {
        text,
        count,
        status: 'answered-now',
        entryId: answer.matchId,
        title: null,
        confidence: answer.confidence,
      };
    const closest = answer.suggestions[0];
    return {
      text,
      count,
      status: closest ? 'closest' : 'nothing-close',
      entryId: closest?.id ?? null,
      title: closest?.title ?? null,
      confidence: answer.confidence,
    };
  });
}

const day = (d: Date): string => d.toISOString().slice(0, 16).replace('T', ' ');

export function formatReport(report: Report, since: Date, suggestions: ReportSuggestion[] | null): string {
  const section = (title: string, body: string, empty: boolean) => `${title}\n${empty ? '  (none)' : body}\n`;
  const parts = [
    `Selene curation report since ${day(since)} UTC\n`,
    section(
      'Top unanswered questions',
      formatTable(
        ['count', 'question', 'last seen'],
        report.topUnanswered.map((q) => [q.count, q.text, day(q.lastSeen)]),
      ),
      !report.topUnanswered.length,
    ),
    section(
      'Entries with the worst feedback',
      formatTable(
        ['entry', 'down', 'up'],
        report.worstEntries.map((e) => [e.entryId, e.down, e.up]),
      ),
      !report.worstEntries.length,
    ),
    section(
      `Low-confidence answers (below ${LOW_CONFIDENCE_BELOW})`,
      formatTable(
        ['confidence', 'count', 'question', 'entry'],
        report.lowConfidence.map((q) => [q.confidence.toFixed(2), q.count, q.text, q.entryId ?? '']),
        { right: [0] },
      ),
      !report.lowConfidence.length,
    ),
  ];
  if (suggestions) {
    const where = (s: ReportSuggestion) =>
      s.status === 'answered-now'
        ? `answered now by ${s.entryId}`
        : s.status === 'closest'
          ? `add a phrasing to ${s.entryId} (${s.title})`
          : 'nothing close: a new entry?';
    parts.push(
      section(
        'Suggestions for unanswered questions',
        formatTable(
          ['count', 'question', 'suggestion'],
          suggestions.map((s) => [s.count, s.text, where(s)]),
        ),
        !suggestions.length,
      ),
    );
  }
  return parts.join('\n');
}

/** `kb report`: what members asked that the knowledge base could not answer well, from the bot's database. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const opts = parseReportArgs(args, Date.now());
  const store = await openCliStore(dataDirOf(opts.dataDir, io), io, {
    readonly: true,
    dataDirFlag: opts.dataDir !== undefined,
  });
  let report: Report;
  try {
    report = unwrap(
      await store.report({ since: opts.since, limit: opts.limit, lowConfidenceBelow: LOW_CONFIDENCE_BELOW }),
      'report',
      usage,
    );
  } finally {
    await store.close();
  }
  const suggestions = opts.suggest ? suggestEntries((await loadEngine()).engine, report) : null;
  if (opts.json) {
    const json = { since: opts.since.toISOString(), ...report, ...(suggestions ? { suggestions } : {}) };
    await write(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    await write(io.stdout, formatReport(report, opts.since, suggestions));
  }
  return EXIT_OK;
}
