import { describe, expect, it } from 'vitest';
import { describePauses, monitorPauses } from '../../bench/pauses.js';

// The bench reads each process's stalls per step; a monitor must see a thread held busy.

const hold = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: nothing else runs on this thread meanwhile.
  }
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('monitorPauses', () => {
  it('sees the event loop held up since the last read', async () => {
    const monitor = monitorPauses(5);
    try {
      await sleep(30);
      monitor.read();
      await sleep(10);
      hold(80);
      await sleep(30);
      const held = monitor.read();
      // The timer due during the hold fired at least ~80 ms late, whatever else shares the machine.
      expect(held.loopMaxMs).toBeGreaterThanOrEqual(60);
      expect(held.loopP99Ms).toBeLessThanOrEqual(held.loopMaxMs);
      expect(describePauses(held)).toMatch(/^loop delay p99 [\d.]+ \/ max \d+ ms, longest GC [\d.]+ ms/);
    } finally {
      monitor.stop();
    }
  });
});
