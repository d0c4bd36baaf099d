import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuWaitClock } from '../../bench/engine.js';

// The engine bench tells a call the machine interrupted from one that was slow on its own by this clock.

describe('cpuWaitClock (bench/engine.ts)', () => {
  it("reads this thread's wait for a CPU where Linux gives it, never going back", () => {
    const clock = cpuWaitClock();
    const first = clock.read();
    if (!existsSync('/proc/thread-self/schedstat')) {
      expect(first).toBeNull();
      return;
    }
    expect(first).toEqual(expect.any(Number));
    let last = first as number;
    expect(last).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 200; i++) {
      const now = clock.read() as number;
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
    clock.close();
    expect(clock.read()).toBeNull();
  });
});
