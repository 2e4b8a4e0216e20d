import { BoundedMemoryStorage } from '../../bot/state/boundedMemoryStorage';
import { CREATE_IF_ABSENT } from '../../dialogs/safetyHold';

describe('bounded memory storage', () => {
  let now = 0;
  const storage = (maxItems = 3, idleTtlMs = 1000) => new BoundedMemoryStorage({ idleTtlMs, maxItems, clock: () => now });
  beforeEach(() => {
    now = 0;
  });

  it('forgets items idle for longer than the TTL; reading counts as use', async () => {
    const store = storage(10);
    await store.write({ a: { v: 1 }, b: { v: 2 } });
    now = 900;
    await store.read(['a']);
    now = 1500;
    expect(Object.keys(await store.read(['a', 'b']))).toEqual(['a']);
    expect(store.size).toBe(1);
  });

  it('evicts the least recently used beyond the cap', async () => {
    const store = storage(3, 60_000);
    await store.write({ a: {}, b: {}, c: {} });
    await store.read(['a']);
    await store.write({ d: {} });
    expect(Object.keys(await store.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('keeps MemoryStorage semantics: copies, ETag conflicts, create-if-absent', async () => {
    const store = storage(10, 60_000);
    await store.write({ k: { v: 1 } });
    const first = (await store.read(['k'])) as Record<string, { v: number; eTag: string }>;
    const item = first.k!;
    item.v = 99;
    expect(((await store.read(['k'])) as Record<string, { v: number }>).k?.v).toBe(1);
    await store.write({ k: { v: 2, eTag: item.eTag } });
    await expect(store.write({ k: { v: 3, eTag: item.eTag } })).rejects.toThrow(/eTag conflict/);
    await expect(store.write({ k: { v: 4, eTag: CREATE_IF_ABSENT } })).rejects.toThrow(/eTag conflict/);
    await store.write({ fresh: { v: 5, eTag: CREATE_IF_ABSENT } });
    await store.write({ k: { v: 6, eTag: '*' } });
    expect(((await store.read(['k', 'fresh'])) as Record<string, { v: number }>).k?.v).toBe(6);
    await store.delete(['k']);
    expect(await store.read(['k'])).toEqual({});
  });
});
