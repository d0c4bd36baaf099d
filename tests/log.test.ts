import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS, inviteUrl } from '../src/discord/client.js';
import { childLogger, createLogger, lazyChildLogger } from '../src/log.js';

const capture = () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
};

describe('logger', () => {
  it('redacts tokens and authorization headers wherever they are logged', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info({ token: 'secret-1', config: { token: 'secret-2' }, headers: { authorization: 'Bot secret-3' } }, 'x');
    expect(lines.join('')).not.toMatch(/secret-/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('adds shard, guild and command to child lines, leaving out unknown ones', () => {
    const { lines, destination } = capture();
    const log = childLogger(createLogger({ level: 'info', destination }), { shard: 1, guild: null, command: 'ask' });
    log.info('hello');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({ shard: 1, command: 'ask', msg: 'hello', pid: process.pid });
    expect(line).not.toHaveProperty('guild');
  });

  it('writes through a lazy child exactly what the child writes, and makes no child for lines not written', () => {
    const eager = capture();
    const lazy = capture();
    const context = { shard: 2, guild: '42', command: 'mention' };
    childLogger(createLogger({ level: 'info', destination: eager.destination }), context).warn({ n: 1 }, 'slow');
    const root = createLogger({ level: 'info', destination: lazy.destination });
    const made: unknown[] = [];
    const child = root.child.bind(root);
    root.child = ((bindings: Record<string, unknown>) => {
      made.push(bindings);
      return child(bindings);
    }) as typeof root.child;
    const log = lazyChildLogger(root, context);
    log.debug({ n: 0 }, 'below the level');
    expect(made).toHaveLength(0);
    log.warn({ n: 1 }, 'slow');
    log.info('again');
    expect(made).toHaveLength(1);
    const strip = (line: string | undefined) => {
      const { time: _time, ...rest } = JSON.parse(line ?? '{}');
      return rest;
    };
    expect(strip(lazy.lines[0])).toEqual(strip(eager.lines[0]));
    expect(JSON.parse(lazy.lines[1] ?? '{}')).toMatchObject({ ...context, msg: 'again' });
    expect(lazy.lines).toHaveLength(2);
  });

  it('masks interaction and webhook tokens in the request URLs that discord.js errors carry', () => {
    const { lines, destination } = capture();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';
    const err = Object.assign(new Error(`Unknown interaction at /interactions/1234567890123/${token}/callback`), {
      url: `https://discord.com/api/v10/interactions/1234567890123/${token}/callback`,
      status: 404,
    });
    const hook = `https://discord.com/api/v10/webhooks/111222333444/${token}/messages/@original`;
    createLogger({ level: 'info', destination }).error({ err }, 'reply failed');
    createLogger({ level: 'info', destination }).error({ err: Object.assign(new Error('x'), { url: hook }) }, 'edit');
    const text = lines.join('');
    expect(text).not.toContain(token);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.err.url).toBe('https://discord.com/api/v10/interactions/1234567890123/[redacted]/callback');
    expect(first.err.status).toBe(404);
    expect(second.err.url).toBe('https://discord.com/api/v10/webhooks/111222333444/[redacted]/messages/@original');
  });

  it("names a shard process's shard on every line, once, even in an event's child lines", () => {
    const { lines, destination } = capture();
    const root = createLogger({ level: 'info', destination, shards: [3] });
    root.info('starting');
    childLogger(root, { shard: 3, guild: '42', command: 'ask' }).info('answered');
    const [first, second] = lines;
    expect(JSON.parse(first ?? '{}')).toMatchObject({ shard: 3, msg: 'starting' });
    expect(JSON.parse(second ?? '{}')).toMatchObject({ shard: 3, guild: '42', msg: 'answered' });
    // Repeated keys are legal JSON text but ambiguous: the raw line holds the key exactly once.
    expect(second?.match(/"shard":/g)).toHaveLength(1);
  });

  it('logs whatever was thrown as err: strings, null, numbers, symbols, plain and frozen objects', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';
    const frozen = Object.freeze({ code: 'SQLITE_BUSY', message: `at /webhooks/42/${token}` });
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys for you');
        },
      },
    );
    const thrown = [`file is not a database /interactions/1/${token}`, null, 42, Symbol('s'), frozen, hostile];
    for (const err of thrown) logger.warn({ err }, 'store unavailable');
    const logged = lines.map((l) => JSON.parse(l).err);
    expect(logged).toEqual([
      { type: 'string', message: 'file is not a database /interactions/1/[redacted]' },
      { type: 'null', message: 'null' },
      { type: 'number', message: '42' },
      { type: 'symbol', message: 'Symbol(s)' },
      { type: 'Object', code: 'SQLITE_BUSY', message: 'at /webhooks/42/[redacted]' },
      { type: 'unknown', message: '[a thrown value that could not be read]' },
    ]);
    // The thrown object itself is left as it was.
    expect(frozen.message).toContain(token);
  });

  it('writes human-readable lines with LOG_FORMAT=pretty', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', format: 'pretty', destination }).info({ command: 'ask' }, 'pretty line');
    const text = lines.join('');
    expect(text).toContain('pretty line');
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('invite', () => {
  it('asks for exactly the seven permissions Selene needs, the number docs/operating.md gives', () => {
    expect(INVITE_PERMISSIONS.toArray().sort()).toEqual(
      [
        'CreatePublicThreads',
        'EmbedLinks',
        'ReadMessageHistory',
        'SendMessages',
        'SendMessagesInThreads',
        'UseApplicationCommands',
        'ViewChannel',
      ].sort(),
    );
    expect(INVITE_PERMISSIONS.bitfield).toBe(311385213952n);
    expect(inviteUrl('123')).toBe(
      `https://discord.com/oauth2/authorize?client_id=123&scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS.bitfield}`,
    );
  });
});
