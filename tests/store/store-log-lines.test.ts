// The store logs failures with `err` as a message string; the bot's pino logger must write that line, not
// throw from its error serializer (before main's serializer fix, this crashed a shard the first time
// PostgreSQL went away).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createFailureLog } from '../../src/store/failures.js';

describe('store failure lines through the bot logger', () => {
  it('are written with the message as err', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const failures = createFailureLog(logger, () => 0);
    expect(() =>
      failures.failed('recordVote', 'io', null, 'terminating connection due to unexpected postmaster exit'),
    ).not.toThrow();
    expect(() => logger.warn({ err: new Error('an Error still works') }, 'x')).not.toThrow();
    const first = JSON.parse(lines[0] ?? '{}');
    expect(first).toMatchObject({
      op: 'recordVote',
      reason: 'io',
      err: { message: 'terminating connection due to unexpected postmaster exit' },
    });
    expect(JSON.parse(lines[1] ?? '{}').err).toMatchObject({ message: 'an Error still works' });
  });
});
