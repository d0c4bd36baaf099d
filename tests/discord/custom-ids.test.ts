import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ButtonAction, decodeCustomId, encodeCustomId } from '../../src/discord/custom-ids.js';

const id = fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}$/);
const action: fc.Arbitrary<ButtonAction> = fc.oneof(
  id.map((i) => ({ kind: 'ask' as const, id: i })),
  fc.tuple(id, fc.nat(999)).map(([i, page]) => ({ kind: 'more' as const, id: i, page })),
  fc
    .tuple(fc.nat(999), fc.constantFrom('p' as const, 'n' as const))
    .map(([page, dir]) => ({ kind: 'topics' as const, page, dir })),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => ({ kind: 'delete' as const, askerId: n.toString() })),
);

describe('custom ids', () => {
  it('round-trip within 100 characters', () => {
    fc.assert(
      fc.property(action, (a) => {
        const encoded = encodeCustomId(a);
        expect(encoded.length).toBeLessThanOrEqual(100);
        expect(decodeCustomId(encoded)).toEqual(a);
      }),
    );
  });

  it.each([
    '',
    'sel',
    'sel:ask',
    'sel:ask:Bad_Id',
    'sel:more:x:id',
    'sel:delete:',
    'sel:delete:12a',
    'sel:delete:123456789012345678901',
    'sel:delete:1:2',
    'sel:topics:1:z',
    'other:ask:a',
    'sel:ask:a:b',
    'sel:unknown:1',
  ])('rejects %j', (s) => {
    expect(decodeCustomId(s)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => void decodeCustomId(s)));
  });
});
