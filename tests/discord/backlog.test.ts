import { describe, expect, it } from 'vitest';
import { type Admission, createBacklog } from '../../src/discord/backlog.js';

const release = (a: Admission) => (a.ok ? a.release() : a.notice?.release());

describe('backlog of replies on their way', () => {
  it('admits up to the per-channel cap, then sheds with one notice per channel per window', () => {
    let t = 0;
    const b = createBacklog({ perChannel: 2, total: 100, noticeEveryMs: 60_000 }, () => t);
    expect(b.admit('c').ok).toBe(true);
    expect(b.admit('c').ok).toBe(true);
    const first = b.admit('c');
    expect(first).toMatchObject({ ok: false, reason: 'channel' });
    expect(first.ok === false && first.notice !== null).toBe(true);
    expect(b.admit('c')).toMatchObject({ ok: false, reason: 'channel', notice: null });
    expect(b.admit('other').ok).toBe(true);
    release(first);
    t = 60_000;
    const later = b.admit('c');
    expect(later.ok === false && later.notice !== null).toBe(true);
  });

  it('frees a slot when a reply is done, and only once', () => {
    const b = createBacklog({ perChannel: 1, total: 10 });
    const a = b.admit('c');
    const shed = b.admit('c');
    expect(shed.ok).toBe(false);
    release(shed);
    release(a);
    release(a);
    expect(b.pending).toBe(0);
    expect(b.admit('c').ok).toBe(true);
    expect(b.pending).toBe(1);
  });

  it('caps the total across channels, without notices once it is full', () => {
    const b = createBacklog({ perChannel: 5, total: 3 });
    for (const c of ['a', 'b', 'c']) expect(b.admit(c).ok).toBe(true);
    expect(b.admit('d')).toEqual({ ok: false, reason: 'total', notice: null });
    expect(b.pending).toBe(3);
  });
});
