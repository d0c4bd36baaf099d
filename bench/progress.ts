// A tiny progress bar on stderr, so stdout stays clean for the results. At a terminal it redraws one
// line in place; in a log (CI, a pipe) it prints a line only every `step` percent, so logs stay short.

export interface Progress {
  /** Sets how much is done (clamped to 0..total); cheap enough to call on every iteration. */
  update(done: number, note?: string): void;
  /** Adds `n` to what is done. */
  tick(n?: number, note?: string): void;
  /** Draws 100% (or the last value with `note`) and ends the line. Idempotent. */
  done(note?: string): void;
}

export interface ProgressOptions {
  /** Where to draw (default process.stderr); anything with write() and an optional isTTY. */
  stream?: { write(chunk: string): unknown; isTTY?: boolean };
  /** Bar width in characters at a terminal (default 24). */
  width?: number;
  /** Non-TTY only: print a line every `step` percent (default 25). */
  step?: number;
  /** TTY only: minimum milliseconds between redraws, so a hot loop is not slowed by drawing (default 100). */
  intervalMs?: number;
  now?: () => number;
}

const LABEL_WIDTH = 28;

/** The bar as text, e.g. `label  [######......] 50% note`; exported for the tests and for other benches. */
export function renderBar(label: string, done: number, total: number, width = 24, note = ''): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `  ${label.padEnd(LABEL_WIDTH)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}${note ? ` ${note}` : ''}`;
}

/**
 * A progress bar for `total` units of work named `label`. Benches call `tick()` or `update()` as they go
 * and `done()` at the end; a time-boxed bench can use seconds elapsed as its units.
 */
export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const width = options.width ?? 24;
  const step = options.step ?? 25;
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let current = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastStep = -1;
  let finished = false;

  const draw = (note: string, force: boolean) => {
    if (tty) {
      const t = now();
      if (!force && t - lastDraw < intervalMs) return;
      lastDraw = t;
      // \x1b[K clears what a longer previous note left behind.
      stream.write(`\r${renderBar(label, current, total, width, note)}\x1b[K`);
      return;
    }
    const percent = total > 0 ? Math.floor((Math.min(current, total) / total) * 100) : 100;
    const reached = Math.floor(percent / step);
    if (!force && reached <= lastStep) return;
    lastStep = reached;
    stream.write(`  ${label}: ${percent}%${note ? ` ${note}` : ''}\n`);
  };

  const update = (done: number, note = '') => {
    if (finished) return;
    current = Math.min(total, Math.max(0, done));
    draw(note, false);
  };

  return {
    update,
    tick: (n = 1, note = '') => update(current + n, note),
    done(note = '') {
      if (finished) return;
      current = total;
      // Non-TTY: skip a duplicate "100%" line when the last update already printed it.
      if (tty || lastStep < Math.floor(100 / step) || note) draw(note, true);
      if (tty) stream.write('\n');
      finished = true;
    },
  };
}
