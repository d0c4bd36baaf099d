import { describe, expect, it } from 'vitest';
import { byPackage, selfTimes } from '../../bench/profile.js';

// A CPU profile as V8 writes it: a call tree of nodes, and which node was on top at each sample.
const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

const profile = {
  nodes: [
    frame(1, '(root)', ''),
    frame(2, 'rank', 'file:///x/bench/tmp/build/src/engine/matcher.js'),
    frame(3, 'queueRequest', 'file:///x/node_modules/@discordjs/rest/dist/index.js'),
    frame(4, 'rank', 'file:///x/bench/tmp/build/src/engine/matcher.js'),
    frame(5, '(idle)', ''),
  ],
  samples: [2, 3, 4, 2, 5],
  timeDeltas: [1000, 2000, 3000, 1000, 3000],
};

describe('CPU profile reading (bench/profile.ts)', () => {
  it('sums self time per function and place across nodes, most first, as shares of all samples', () => {
    const spots = selfTimes(profile);
    expect(spots[0]).toMatchObject({ name: 'rank', where: 'src/engine/matcher.js:10', selfMs: 5 });
    expect(spots[0]?.share).toBeCloseTo(0.5);
    expect(spots.map((s) => s.name)).toEqual(['rank', '(idle)', 'queueRequest']);
  });

  it('groups by package, and by folder under src/', () => {
    const groups = byPackage(selfTimes(profile));
    expect(groups.find((g) => g.name === 'src/engine')?.share).toBeCloseTo(0.5);
    expect(groups.find((g) => g.name === '@discordjs/rest')?.share).toBeCloseTo(0.2);
  });

  it('refuses what is not a CPU profile', () => {
    expect(() => selfTimes({ nodes: 'none' })).toThrow();
  });
});
