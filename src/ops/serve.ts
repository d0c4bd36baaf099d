import { type BotState, botChecks, shardPings } from './health.js';
import { startHealthServer } from './health-server.js';
import { createMetrics, type Metrics } from './metrics.js';

export interface Ops {
  metrics: Metrics;
  /** Where /healthz and /metrics are served, e.g. http://127.0.0.1:9100 */
  url: string;
  close(): Promise<void>;
}

export interface OpsOptions {
  port: number;
  host: string;
  /** Read on every request and scrape: the bot appears here once it exists. */
  state: () => BotState;
}

/**
 * The health and metrics endpoint of one bot process. Started before login, so an orchestrator sees
 * 503 "not connected yet" during startup rather than a refused connection it cannot tell from a crash.
 */
export async function startOps(options: OpsOptions): Promise<Ops> {
  const metrics = createMetrics({
    gatewayPings: () => shardPings(options.state().client),
    storeQueue: () => options.state().store?.queueStats?.(),
  });
  const server = await startHealthServer({
    port: options.port,
    host: options.host,
    registry: metrics.registry,
    checks: botChecks(options.state),
  });
  return { metrics, url: server.url, close: () => server.close() };
}
