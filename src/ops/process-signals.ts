// How `npm start` and `npm run start:sharded` pass an operator's signals on. npm forwards SIGINT and SIGTERM
// to the script it runs (the script `exec`s node, so that is the bot itself), but npm has no handler for
// SIGHUP: it dies of it, and a bot left behind would run with nobody supervising it.

/** Given by package.json's start scripts: stop when the npm that started this process is gone. */
export const EXIT_WITH_PARENT_FLAG = '--exit-with-parent';

/** How often the parent is looked for; a stop a second late is fine, a busy loop is not. */
const PARENT_POLL_MS = 1_000;

/**
 * Calls `onGone` once when this process's parent exits (the process is re-parented, to init or a
 * subreaper). Returns a function that stops watching. The timer is unref'd: it never keeps the process up.
 */
export function watchParent(onGone: (parentPid: number) => void, pollMs = PARENT_POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone(parent);
  }, pollMs).unref();
  return () => clearInterval(timer);
}

/**
 * A Ctrl-C in a terminal reaches the whole foreground process group, so the bot gets SIGINT from the terminal
 * and again, a moment later, from npm forwarding its own. The same signal twice within this window is one request.
 */
export const FORWARDED_REPEAT_MS = 500;

/** True when `signal` repeats the previous one so soon that it is the same request delivered twice. */
export function isEcho(
  previous: { signal: NodeJS.Signals; at: number } | null,
  signal: NodeJS.Signals,
  now: number,
): boolean {
  return previous !== null && previous.signal === signal && now - previous.at < FORWARDED_REPEAT_MS;
}

/**
 * Exit status after Discord closed the gateway for good (bad token, disallowed intent): sysexits' EX_CONFIG.
 * The sharding manager stops every shard on it rather than respawn one that Discord will refuse again.
 */
export const EXIT_GATEWAY_REFUSED = 78;
