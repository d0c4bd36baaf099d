// What stalls a process while a step runs: its event loop's delay (how late a timer fires: anything that holds
// the thread, a long engine call, a batch of work, a collection) and the collector's own pauses. A step that
// fails on p99 with CPU to spare failed on these, and the figures say which kind it was. Each bench process
// (the bot's child, the fake's parent) keeps one monitor and reads it per step.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface Pauses {
  /** Event-loop delay, ms: p99 and the longest, sampled every `resolution` ms. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** The longest single collector pause, ms, and whether it was a full (mark-compact) one. */
  gcLongestMs: number;
  gcLongestMajor: boolean;
  /** Collector pauses in all, ms, and how many. */
  gcMs: number;
  gcCount: number;
}

export interface PauseMonitor {
  /** What was measured since the last read (or the start), then starts over. */
  read(): Pauses;
  stop(): void;
}

export function monitorPauses(resolution = 10): PauseMonitor {
  const loop = monitorEventLoopDelay({ resolution });
  loop.enable();
  let gc = { longest: 0, major: false, total: 0, count: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      gc.total += entry.duration;
      gc.count += 1;
      if (entry.duration > gc.longest) {
        gc.longest = entry.duration;
        gc.major = kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    read() {
      const ms = (ns: number) => ns / 1e6;
      // The histogram holds no sample until a full resolution has passed; NaN then, not a made-up 0.
      const sampled = loop.count > 0;
      const out: Pauses = {
        loopP99Ms: sampled ? ms(loop.percentile(99)) : Number.NaN,
        loopMaxMs: sampled ? ms(loop.max) : Number.NaN,
        gcLongestMs: gc.longest,
        gcLongestMajor: gc.major,
        gcMs: gc.total,
        gcCount: gc.count,
      };
      loop.reset();
      gc = { longest: 0, major: false, total: 0, count: 0 };
      return out;
    },
    stop() {
      loop.disable();
      observer.disconnect();
    },
  };
}

const f = (n: number): string => (Number.isNaN(n) ? 'n/a' : n < 10 ? n.toFixed(1) : n.toFixed(0));

/** `loop delay p99 4.1 / max 38 ms, longest GC 12 ms (full)`, for a step's line. */
export const describePauses = (p: Pauses): string =>
  `loop delay p99 ${f(p.loopP99Ms)} / max ${f(p.loopMaxMs)} ms, longest GC ${f(p.gcLongestMs)} ms${p.gcLongestMajor ? ' (full)' : ''}`;
