import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per bot process (per shard), never prom-client's global default registry, so
 * several bots in one process (tests, shards) never share or double-register metrics.
 */
export interface Metrics {
  registry: Registry;
  questions: Counter<'command' | 'route' | 'outcome'>;
  answerLatency: Histogram<'command'>;
  gatewayPing: Gauge<'shard'>;
  errors: Counter<'where'>;
  foodLookups: Counter<'found'>;
  feedbackVotes: Counter<'vote'>;
  /** Messages not answered because too many replies were already on their way (see discord/backlog.ts). */
  shed: Counter<'reason'>;
  /** Replies to messages on their way now (capped, see discord/backlog.ts). */
  repliesPending: Gauge;
  storeQueued: Gauge;
  storeDropped: Counter;
}

/** A shard's last heartbeat round trip in milliseconds; discord.js reports -1 before the first acknowledgement. */
export interface ShardPing {
  shard: number;
  ms: number;
}

export interface MetricsOptions {
  defaultMetrics?: boolean;
  labels?: Record<string, string>;
  /** Read at scrape time, so the gauge is always the current ping without a timer of our own. */
  gatewayPings?: () => readonly ShardPing[];
  /** The store's write queue (PostgreSQL's question log), read at scrape time. */
  storeQueue?: () => { queued: number; dropped: number } | undefined;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const pings = options.gatewayPings;
  const queue = options.storeQueue;
  const registry = new Registry();
  if (options.labels) registry.setDefaultLabels(options.labels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'selene_' });
  return {
    registry,
    questions: new Counter({
      name: 'selene_questions_total',
      help: 'Questions handled, by command (mention, dm, ask, context-menu, button), route and outcome (answered/refused).',
      labelNames: ['command', 'route', 'outcome'],
      registers: [registry],
    }),
    answerLatency: new Histogram({
      name: 'selene_answer_seconds',
      help: 'Time from receiving an event to sending its reply.',
      labelNames: ['command'],
      // Answers are engine-bound (sub-millisecond) plus one REST round trip.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    gatewayPing: new Gauge({
      name: 'selene_gateway_ping_seconds',
      help: 'Last heartbeat round trip to the Discord gateway.',
      labelNames: ['shard'],
      registers: [registry],
      ...(pings
        ? {
            collect(this: Gauge<'shard'>) {
              // Reset first: a shard that has gone away, or not yet measured, shows no stale value.
              this.reset();
              for (const { shard, ms } of pings()) if (ms >= 0) this.set({ shard: String(shard) }, ms / 1000);
            },
          }
        : {}),
    }),
    errors: new Counter({
      name: 'selene_errors_total',
      help: 'Handler and infrastructure errors, by where they happened.',
      labelNames: ['where'],
      registers: [registry],
    }),
    foodLookups: new Counter({
      name: 'selene_food_lookups_total',
      help: 'Food lookups, by whether the food was found.',
      labelNames: ['found'],
      registers: [registry],
    }),
    shed: new Counter({
      name: 'selene_shed_total',
      help: 'Messages left unanswered because too many replies were already on their way, by which cap (channel or total).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    repliesPending: new Gauge({
      name: 'selene_replies_pending',
      help: 'Replies to messages on their way to Discord now; past the caps new messages are shed.',
      registers: [registry],
    }),
    feedbackVotes: new Counter({
      name: 'selene_feedback_votes_total',
      help: 'Feedback votes on answers.',
      labelNames: ['vote'],
      registers: [registry],
    }),
    storeQueued: new Gauge({
      name: 'selene_store_queued_writes',
      help: 'Question-log writes waiting in the store queue (PostgreSQL; grows while the database is away).',
      registers: [registry],
      ...(queue
        ? {
            collect(this: Gauge) {
              this.set(queue()?.queued ?? 0);
            },
          }
        : {}),
    }),
    storeDropped: new Counter({
      name: 'selene_store_dropped_writes_total',
      help: 'Question-log writes the store dropped: its queue was full (database away too long) or the write was refused.',
      registers: [registry],
      ...(queue
        ? {
            collect(this: Counter) {
              // The store counts; the counter mirrors its total (it only grows while the process lives).
              const total = queue()?.dropped ?? 0;
              this.reset();
              if (total > 0) this.inc(total);
            },
          }
        : {}),
    }),
  };
}
