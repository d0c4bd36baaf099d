import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors (unknown flag, missing value) turned into usage
 * errors so every command reports them the same way and exits 2.
 */
export function parseCommandArgs<const O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs appends advice about `--` to unknown options; the first sentence is the useful part.
    const message = err instanceof Error ? err.message.split(/\. To specify|\n/)[0] : String(err);
    throw new UsageError(message || 'invalid arguments', usage);
  }
}

/** A positive number flag such as `--servings 2` or `--limit 10`; anything else is a usage error. */
export function parsePositive(
  value: string | undefined,
  flag: string,
  usage: string,
  { max, integer = false }: { max: number; integer?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} must be a ${integer ? 'whole ' : ''}number above 0 and at most ${max}`, usage);
  }
  return n;
}

/** "7d", "12h", "30m" or "2w" to milliseconds; the curation report's `--since`. */
export function parseDuration(value: string, flag: string, usage: string): number {
  const match = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
  if (!match?.[1] || !match[2]) throw new UsageError(`${flag} must look like 7d, 24h, 30m or 2w`, usage);
  const n = Number(match[1]);
  if (n <= 0) throw new UsageError(`${flag} must be above 0`, usage);
  return n * unit[match[2] as keyof typeof unit];
}
