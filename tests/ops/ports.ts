import { createServer } from 'node:net';

// HEALTH_PORT must be a real port number (0 is not accepted), so tests look for free ones on loopback.

export function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/**
 * Below Linux's ephemeral range (32768-60999 by default): a port is only checked here and bound later by the
 * bot, and in between every outgoing connection of a busy suite (fetch, PostgreSQL, the fake Discord's
 * clients) may be given a port from that range: the likeliest reason a health check once found nothing listening
 * while two suites ran at once.
 */
export const PORTS = { from: 20_000, to: 32_000 } as const;

/** A port where `count` consecutive ports are free right now (shard N uses HEALTH_PORT + N). */
export async function freePorts(count = 1): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = PORTS.from + Math.floor(Math.random() * (PORTS.to - PORTS.from - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await canListen(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}
