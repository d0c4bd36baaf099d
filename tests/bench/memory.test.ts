import { describe, expect, it } from 'vitest';
import type { MemorySample } from '../../bench/child.js';
import { formatMemorySection, type MemoryBenchResult } from '../../bench/memory.js';

const MB = 1024 * 1024;
const sample = (rssMb: number, heapUsedMb: number): MemorySample => ({
  rss: rssMb * MB,
  heapTotal: (heapUsedMb + 15) * MB,
  heapUsed: heapUsedMb * MB,
  arrayBuffers: 0,
});

const result = (over: Partial<MemoryBenchResult> = {}): MemoryBenchResult => ({
  node: { coldStartMs: [100], memory: sample(40, 3) },
  bare: { coldStartMs: [700], memory: sample(80, 18) },
  coldStartMs: [1500, 1600, 1700],
  coldStartWallMs: 1650,
  ready: sample(100, 33),
  afterEngine: sample(108, 36),
  afterEngine2: sample(108, 36),
  afterBot: sample(111, 38),
  // 1,000 more answered messages held for 1,000,000 more bytes of heap and array buffers: 1,000 bytes each.
  afterBot2: { ...sample(112, 38), heapUsed: 38 * MB + 600_000, arrayBuffers: 400_000 },
  answeredHeld: [2_000, 3_000],
  answeredCap: 20_000,
  questions: 100_000,
  engineMs: 40_000,
  mentionsAnswered: 6_000,
  ok: true,
  ...over,
});

describe('memory section', () => {
  it("shows each round twice, and names what fills up: the answered-messages map's bytes per entry and its cap", () => {
    const text = formatMemorySection(result());
    expect(text).toContain('| after 100,000 more questions | 108.0 | +8.0% |');
    expect(text).toContain('then as many again: 3,000 answered messages held | 112.0 | +12.0%');
    expect(text).toContain('moved heap used by 0.0 MB: its bounded caches have settled');
    expect(text).toContain('about 1,000 bytes of heap and array buffers per answered message');
    // 20,000 x 1,000 B at the cap: 19 % of ready's 100 MB.
    expect(text).toContain(`about ${(20_000_000 / MB).toFixed(1)} MB, 19 % of ready's RSS, beyond the growth target`);
    expect(text).toContain('| RSS growth, ready to peak | +12.0% | < 10% | **NOT met** |');
    expect(text).toContain('200,000 engine questions took 40.0 s (0.200 ms each on average)');
  });

  it('says nothing of the map when the mentions were skipped', () => {
    const text = formatMemorySection(result({ afterBot: null, afterBot2: null, answeredHeld: [] }));
    expect(text).not.toContain('answered message');
  });
});
