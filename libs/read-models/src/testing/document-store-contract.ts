import { randomBytes } from 'node:crypto';
import type { CollectionDefinition, DocumentStore, StoredDocument } from '../document-store/document-store.port';
import { compareStrings } from '../document-store/document-store.rules';

export interface DocumentStoreContractContext {
  store: DocumentStore;
  teardown(): Promise<void>;
}

interface Item {
  name?: string;
  rank?: number;
  group?: string;
  n?: number;
}

/**
 * The behaviour every DocumentStore adapter must show. Call it from an adapter's test file; `setup` gives a fresh,
 * empty store (its own schema or database) and is called more than once (isolation).
 */
export function describeDocumentStoreContract(adapterName: string, setup: () => Promise<DocumentStoreContractContext>): void {
  describe(`DocumentStore contract: ${adapterName}`, () => {
    let ctx: DocumentStoreContractContext;
    let store: DocumentStore;

    beforeAll(async () => {
      ctx = await setup();
      store = ctx.store;
    });
    afterAll(async () => {
      await ctx?.teardown();
    });

    const items = (indexes: CollectionDefinition['indexes'] = { name: 'string', rank: 'number', group: 'string' }) => {
      const definition = { name: `items_${randomBytes(4).toString('hex')}`, indexes };
      return { name: definition.name, ensure: () => store.ensureCollection(definition) };
    };

    describe('documents', () => {
      it('gets null for a missing document, then each upsert replaces it and grows its version by one', async () => {
        const c = items();
        await c.ensure();
        await c.ensure(); // idempotent
        expect(await store.get(c.name, 'a')).toBeNull();
        const first = await store.upsert<Item>(c.name, 'a', { name: 'first', rank: 1 });
        expect(first).toEqual({ id: 'a', data: { name: 'first', rank: 1 }, version: 1 });
        const second = await store.upsert<Item>(c.name, 'a', { name: 'second' });
        expect(second.version).toBe(2);
        expect(await store.get(c.name, 'a')).toEqual({ id: 'a', data: { name: 'second' }, version: 2 });
      });

      it('keeps nested JSON as given', async () => {
        const c = items();
        await c.ensure();
        const data = { name: 'x', nested: { list: [1, 'two', { three: true }], empty: null }, text: 'ünïcødé "quoted"' };
        await store.upsert(c.name, 'n', data);
        expect((await store.get(c.name, 'n'))?.data).toEqual(data);
      });

      it('applies an expected version optimistically: 0 means absent, a mismatch is a typed conflict', async () => {
        const c = items();
        await c.ensure();
        expect((await store.upsert<Item>(c.name, 'a', { rank: 1 }, 0)).version).toBe(1);
        await expect(store.upsert<Item>(c.name, 'a', { rank: 9 }, 0)).rejects.toMatchObject({
          code: 'READ_MODEL.VERSION_CONFLICT', expected: 0, actual: 1,
        });
        expect((await store.upsert<Item>(c.name, 'a', { rank: 2 }, 1)).version).toBe(2);
        await expect(store.upsert<Item>(c.name, 'a', { rank: 9 }, 1)).rejects.toMatchObject({
          code: 'READ_MODEL.VERSION_CONFLICT', expected: 1, actual: 2,
        });
        await expect(store.upsert<Item>(c.name, 'missing', { rank: 9 }, 3)).rejects.toMatchObject({
          code: 'READ_MODEL.VERSION_CONFLICT', expected: 3, actual: null,
        });
        expect(await store.get(c.name, 'a')).toEqual({ id: 'a', data: { rank: 2 }, version: 2 });
        expect(await store.get(c.name, 'missing')).toBeNull();
      });

      it('deletes one document (true once, then false) and a deleted id starts again at version 1', async () => {
        const c = items();
        await c.ensure();
        await store.upsert<Item>(c.name, 'a', { rank: 1 });
        await store.upsert<Item>(c.name, 'a', { rank: 2 });
        await store.upsert<Item>(c.name, 'b', { rank: 3 });
        expect(await store.delete(c.name, 'a')).toBe(true);
        expect(await store.delete(c.name, 'a')).toBe(false);
        expect(await store.get(c.name, 'a')).toBeNull();
        expect(await store.get(c.name, 'b')).not.toBeNull();
        expect((await store.upsert<Item>(c.name, 'a', { rank: 4 })).version).toBe(1);
      });

      it('clears one collection and leaves the others alone', async () => {
        const c1 = items();
        const c2 = items();
        await c1.ensure();
        await c2.ensure();
        for (const id of ['a', 'b', 'c']) {
          await store.upsert<Item>(c1.name, id, { rank: 1 });
          await store.upsert<Item>(c2.name, id, { rank: 2 });
        }
        await store.clear(c1.name);
        expect((await store.find(c1.name)).items).toEqual([]);
        expect(await store.get(c1.name, 'a')).toBeNull();
        expect((await store.find(c2.name)).items.map((d) => d.id)).toEqual(['a', 'b', 'c']);
      });

      it('rejects documents that are not plain objects and indexed fields of the wrong type', async () => {
        const c = items();
        await c.ensure();
        await expect(store.upsert(c.name, 'a', [1, 2])).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_DOCUMENT' });
        await expect(store.upsert(c.name, 'a', { rank: '7' })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_DOCUMENT' });
        await expect(store.upsert(c.name, 'a', { name: 7 })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_DOCUMENT' });
        expect(await store.get(c.name, 'a')).toBeNull();
        expect((await store.upsert(c.name, 'a', { name: null, rank: null, other: 'anything' })).version).toBe(1);
      });

      it('rejects find on a collection that was never ensured', async () => {
        await expect(store.find(`never_${randomBytes(4).toString('hex')}`)).rejects.toMatchObject({ code: 'READ_MODEL.UNKNOWN_COLLECTION' });
      });

      it('keeps documents of different collections with the same id apart', async () => {
        const c1 = items();
        const c2 = items();
        await c1.ensure();
        await c2.ensure();
        await store.upsert<Item>(c1.name, 'same', { name: 'one' });
        await store.upsert<Item>(c2.name, 'same', { name: 'two' });
        expect((await store.get<Item>(c1.name, 'same'))?.data.name).toBe('one');
        expect((await store.get<Item>(c2.name, 'same'))?.data.name).toBe('two');
      });
    });

    describe('find', () => {
      let c: ReturnType<typeof items>;
      const all = new Map<string, Item>();

      beforeAll(async () => {
        c = items();
        await c.ensure();
        const names = ['B', 'a', 'ä', 'Z', 'b', 'a', 'B', '', 'a10', 'a9'];
        const ranks = [2, 10, -1, 1.5, 10, 2, 0, 10, 100, 2];
        await store.unitOfWork(async (uow) => {
          for (let i = 0; i < names.length; i++) {
            const data: Item = { name: names[i], rank: ranks[i], group: i % 2 === 0 ? 'even' : 'odd', n: i };
            all.set(`d${i}`, data);
            await uow.upsert(c.name, `d${i}`, data);
          }
          const bare: Item = { group: 'even', n: 99 }; // no name, no rank: sorts lowest
          all.set('d_bare', bare);
          await uow.upsert(c.name, 'd_bare', bare);
        });
      });

      const expectedOrder = (field: 'name' | 'rank', direction: 'asc' | 'desc'): string[] => {
        const sign = direction === 'asc' ? 1 : -1;
        return [...all.entries()]
          .sort(([ida, a], [idb, b]) => {
            const va = a[field];
            const vb = b[field];
            let cmp: number;
            if (va === undefined || vb === undefined) cmp = va === vb ? 0 : va === undefined ? -1 : 1;
            else cmp = typeof va === 'number' ? (va as number) - (vb as number) : compareStrings(va as string, vb as string);
            return sign * (cmp !== 0 ? cmp : compareStrings(ida, idb));
          })
          .map(([id]) => id);
      };

      it('sorts by id ascending by default and returns full stored documents', async () => {
        const result = await store.find<Item>(c.name);
        expect(result.items.map((d) => d.id)).toEqual([...all.keys()].sort(compareStrings));
        expect(result.items.find((d) => d.id === 'd3')).toEqual({ id: 'd3', data: all.get('d3'), version: 1 });
        expect(result.nextCursor).toBeNull();
      });

      it('filters on one string field and on one number field (numerically)', async () => {
        const byName = await store.find<Item>(c.name, { where: { name: 'a' } });
        expect(byName.items.map((d) => d.id)).toEqual(['d1', 'd5']);
        const byRank = await store.find<Item>(c.name, { where: { rank: 10 } });
        expect(byRank.items.map((d) => d.id)).toEqual(['d1', 'd4', 'd7']);
        const byFraction = await store.find<Item>(c.name, { where: { rank: 1.5 } });
        expect(byFraction.items.map((d) => d.id)).toEqual(['d3']);
        expect((await store.find(c.name, { where: { name: 'nobody' } })).items).toEqual([]);
      });

      it('filters on two fields together', async () => {
        const result = await store.find<Item>(c.name, { where: { rank: 10, group: 'even' } });
        expect(result.items.map((d) => d.id)).toEqual(['d4']);
        const both = await store.find<Item>(c.name, { where: { rank: 2, group: 'even' } });
        expect(both.items.map((d) => d.id)).toEqual(['d0']);
      });

      it.each([
        ['name', 'asc'],
        ['name', 'desc'],
        ['rank', 'asc'],
        ['rank', 'desc'],
      ] as const)('sorts by %s %s: byte order for strings, numeric order for numbers, ties by id, missing lowest', async (field, direction) => {
        const result = await store.find<Item>(c.name, { sort: { field, direction } });
        expect(result.items.map((d) => d.id)).toEqual(expectedOrder(field, direction));
      });

      it('finds a range of a number field and of a string field (byte order), bounds included and excluded, with a filter, sort and pages', async () => {
        const ranks = await store.find<Item>(c.name, { range: { field: 'rank', from: 2, to: 100 }, sort: { field: 'rank', direction: 'asc' } });
        expect(ranks.items.map((d) => d.id)).toEqual(['d0', 'd5', 'd9', 'd1', 'd4', 'd7']);
        const upTo = await store.find<Item>(c.name, { range: { field: 'rank', to: 1.5 } });
        expect(upTo.items.map((d) => d.id)).toEqual(['d2', 'd6']);
        const names = await store.find<Item>(c.name, { range: { field: 'name', from: 'a', to: 'b' }, where: { group: 'odd' } });
        expect(names.items.map((d) => d.id)).toEqual(['d1', 'd5', 'd9']);
        const first = await store.find<Item>(c.name, { range: { field: 'rank', from: 2 }, sort: { field: 'rank', direction: 'desc' }, limit: 4 });
        const rest = await store.find<Item>(c.name, { range: { field: 'rank', from: 2 }, sort: { field: 'rank', direction: 'desc' }, limit: 4, cursor: first.nextCursor! });
        expect([...first.items, ...rest.items].map((d) => d.id)).toEqual(['d8', 'd7', 'd4', 'd1', 'd9', 'd5', 'd0']);
        expect(rest.nextCursor).toBeNull();
        await expect(store.find(c.name, { range: { field: 'n', from: 1 } })).rejects.toMatchObject({ code: 'READ_MODEL.UNKNOWN_INDEX' });
        await expect(store.find(c.name, { range: { field: 'rank', from: 'x' } })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
      });

      it('combines a filter with a sort', async () => {
        const result = await store.find<Item>(c.name, { where: { group: 'even' }, sort: { field: 'rank', direction: 'desc' } });
        expect(result.items.map((d) => d.id)).toEqual(expectedOrder('rank', 'desc').filter((id) => all.get(id)?.group === 'even'));
      });

      it('rejects filters and sorts on fields that have no declared index', async () => {
        await expect(store.find(c.name, { where: { n: 1 } })).rejects.toMatchObject({ code: 'READ_MODEL.UNKNOWN_INDEX', field: 'n' });
        await expect(store.find(c.name, { sort: { field: 'n', direction: 'asc' } })).rejects.toMatchObject({
          code: 'READ_MODEL.UNKNOWN_INDEX',
        });
      });

      it('accepts a limit of 500 and rejects more, or less than one', async () => {
        expect((await store.find(c.name, { limit: 500 })).items).toHaveLength(all.size);
        await expect(store.find(c.name, { limit: 501 })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
        await expect(store.find(c.name, { limit: 0 })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
      });

      it('rejects a malformed cursor and a cursor of a differently sorted query', async () => {
        await expect(store.find(c.name, { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
        const page = await store.find(c.name, { sort: { field: 'rank', direction: 'asc' }, limit: 2 });
        expect(page.nextCursor).not.toBeNull();
        await expect(
          store.find(c.name, { sort: { field: 'rank', direction: 'desc' }, limit: 2, cursor: page.nextCursor! }),
        ).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
      });

      it('rejects a forged cursor carrying text no store can hold (NUL, a lone surrogate)', async () => {
        const forged = (payload: object) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
        for (const cursor of [forged({ f: null, d: 'asc', v: null, i: 'a\u0000' }), forged({ f: null, d: 'asc', v: null, i: 'a\uD800' })]) {
          await expect(store.find(c.name, { cursor })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
        }
        const byName = forged({ f: 'name', d: 'asc', v: 'n\u0000', i: 'a' });
        await expect(store.find(c.name, { sort: { field: 'name', direction: 'asc' }, cursor: byName })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_QUERY' });
      });
    });

    describe('paging', () => {
      let c: ReturnType<typeof items>;
      const ranks = new Map<string, number | undefined>();
      const names = new Map<string, string | undefined>();
      const COUNT = 130;

      beforeAll(async () => {
        c = items();
        await c.ensure();
        await store.unitOfWork(async (uow) => {
          for (let i = 0; i < COUNT; i++) {
            const id = `p${String((i * 37) % COUNT).padStart(3, '0')}`; // inserted out of id order
            const rank = i % 13 === 0 ? undefined : (i % 9) - 4; // many ties, negatives and missing values
            const name = i % 11 === 0 ? undefined : ['b', 'B', 'a', 'ab', 'ä'][i % 5];
            ranks.set(id, rank);
            names.set(id, name);
            await uow.upsert<Item>(c.name, id, { rank, name, group: i % 3 === 0 ? 'three' : 'other' });
          }
        });
      });

      async function pageThrough(query: { where?: Record<string, string | number>; sort?: { field: string; direction: 'asc' | 'desc' } }, limit: number) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 100; page++) {
          const result = await store.find<Item>(c.name, { ...query, limit, cursor });
          expect(result.items.length).toBeLessThanOrEqual(limit);
          seen.push(...result.items.map((d: StoredDocument<Item>) => d.id));
          if (!result.nextCursor) return seen;
          cursor = result.nextCursor;
        }
        throw new Error('paging did not end');
      }

      const ordered = (direction: 'asc' | 'desc', filter: (id: string) => boolean = () => true): string[] => {
        const sign = direction === 'asc' ? 1 : -1;
        const key = (v: number | undefined) => (v === undefined ? -Infinity : v);
        return [...ranks.keys()]
          .filter(filter)
          .sort((a, b) => sign * (key(ranks.get(a)) - key(ranks.get(b)) || compareStrings(a, b)));
      };

      it.each([
        ['asc', 17],
        ['desc', 17],
        ['asc', 7],
        ['desc', 7],
      ] as const)('visits every document exactly once, in order, sorted by a number with ties (%s, pages of %d)', async (direction, limit) => {
        const seen = await pageThrough({ sort: { field: 'rank', direction } }, limit);
        expect(seen).toHaveLength(COUNT);
        expect(new Set(seen).size).toBe(COUNT);
        expect(seen).toEqual(ordered(direction));
      });

      it.each(['asc', 'desc'] as const)('visits every document exactly once, in order, sorted by a string with ties (%s)', async (direction) => {
        const seen = await pageThrough({ sort: { field: 'name', direction } }, 6);
        const sign = direction === 'asc' ? 1 : -1;
        const byName = (a: string, b: string): number => {
          const [x, y] = [names.get(a), names.get(b)];
          const cmp = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : compareStrings(x, y);
          return sign * (cmp || compareStrings(a, b));
        };
        expect(seen).toEqual([...names.keys()].sort(byName));
      });

      it('pages by id with a filter, the last page ending the cursor chain', async () => {
        const seen = await pageThrough({ where: { group: 'three' } }, 10);
        const expected = (await store.find<Item>(c.name, { where: { group: 'three' }, limit: 500 })).items.map((d) => d.id);
        expect(expected.length).toBeGreaterThan(40);
        expect(seen).toEqual(expected);
        expect(seen).toEqual([...seen].sort(compareStrings));
      });

      it('pages exactly to the end when the count is a multiple of the limit', async () => {
        const seen = await pageThrough({ sort: { field: 'rank', direction: 'desc' } }, 13);
        expect(seen).toEqual(ordered('desc'));
      });
    });

    describe('unit of work', () => {
      it('commits documents, checkpoint and inbox entry together', async () => {
        const c = items();
        await c.ensure();
        const checkpoint = `cp_${randomBytes(4).toString('hex')}`;
        const result = await store.unitOfWork(async (uow) => {
          await uow.upsert<Item>(c.name, 'a', { rank: 1 });
          await uow.upsert<Item>(c.name, 'b', { rank: 2 });
          expect((await uow.get<Item>(c.name, 'a'))?.data).toEqual({ rank: 1 }); // sees its own writes
          expect((await uow.find(c.name)).items).toHaveLength(2);
          expect(await store.get(c.name, 'a')).toBeNull(); // nobody else does before the commit
          expect(await uow.inbox.tryRecord('consumer', 'm1')).toBe(true);
          await uow.checkpoints.save(checkpoint, '10', null);
          expect(await uow.checkpoints.read(checkpoint)).toBe('10');
          return 'done';
        });
        expect(result).toBe('done');
        expect((await store.find(c.name)).items.map((d) => d.id)).toEqual(['a', 'b']);
        expect(await store.checkpoints.read(checkpoint)).toBe('10');
        expect(await store.unitOfWork((uow) => uow.inbox.tryRecord('consumer', 'm1'))).toBe(false);
      });

      it('reads, writes and deletes many documents at once where the store offers it', async () => {
        const c = items();
        await c.ensure();
        await store.upsert<Item>(c.name, 'old', { rank: 1 });
        const offered = await store.unitOfWork(async (uow) => Boolean(uow.getMany && uow.upsertMany && uow.deleteMany));
        if (!offered) return;
        await store.unitOfWork(async (uow) => {
          expect([...(await uow.getMany!<Item>(c.name, []))]).toEqual([]);
          const found = await uow.getMany!<Item>(c.name, ['old', 'missing']);
          expect([...found.keys()]).toEqual(['old']);
          expect(found.get('old')).toMatchObject({ id: 'old', data: { rank: 1 }, version: 1 });
          await uow.upsertMany!<Item>(c.name, [
            { id: 'old', data: { rank: 2, name: 'replaced' } },
            { id: 'new', data: { rank: 3 } },
          ]);
          expect(await store.get(c.name, 'new')).toBeNull(); // nobody else sees it before the commit
        });
        expect(await store.get<Item>(c.name, 'old')).toMatchObject({ data: { rank: 2, name: 'replaced' }, version: 2 });
        expect(await store.get<Item>(c.name, 'new')).toMatchObject({ data: { rank: 3 }, version: 1 });
        await store.unitOfWork(async (uow) => {
          await expect(uow.upsertMany!<Item>(c.name, [{ id: 'd', data: {} }, { id: 'd', data: {} }])).rejects.toThrow(/given twice/);
          await expect(uow.upsertMany!<Item>(c.name, [{ id: 'x', data: { rank: 'high' as unknown as number } }])).rejects.toThrow();
        });
        await store.unitOfWork(async (uow) => {
          expect(await uow.deleteMany!(c.name, ['new', 'missing'])).toBe(1);
          expect(await uow.deleteMany!(c.name, [])).toBe(0);
        });
        expect((await store.find<Item>(c.name)).items.map((d) => [d.id, d.data.rank])).toEqual([['old', 2]]);
      });

      it('rolls everything back when the work throws, so the message can be handled again', async () => {
        const c = items();
        await c.ensure();
        await store.upsert<Item>(c.name, 'kept', { rank: 1 });
        const checkpoint = `cp_${randomBytes(4).toString('hex')}`;
        await store.checkpoints.save(checkpoint, '1', null);
        const failure = new Error('handler failed');
        await expect(
          store.unitOfWork(async (uow) => {
            expect(await uow.inbox.tryRecord('consumer', 'm2')).toBe(true);
            await uow.upsert<Item>(c.name, 'kept', { rank: 2 });
            await uow.upsert<Item>(c.name, 'new', { rank: 3 });
            expect(await uow.delete(c.name, 'kept')).toBe(true);
            await uow.checkpoints.save(checkpoint, '2', '1');
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.get(c.name, 'kept')).toEqual({ id: 'kept', data: { rank: 1 }, version: 1 });
        expect(await store.get(c.name, 'new')).toBeNull();
        expect(await store.checkpoints.read(checkpoint)).toBe('1');
        expect(await store.unitOfWork((uow) => uow.inbox.tryRecord('consumer', 'm2'))).toBe(true);
      });

      it('records an inbox entry once per consumer', async () => {
        const id = `m_${randomBytes(4).toString('hex')}`;
        await store.unitOfWork(async (uow) => {
          expect(await uow.inbox.tryRecord('one', id)).toBe(true);
          expect(await uow.inbox.tryRecord('one', id)).toBe(false);
          expect(await uow.inbox.tryRecord('two', id)).toBe(true);
        });
        expect(await store.unitOfWork((uow) => uow.inbox.tryRecord('one', id))).toBe(false);
        expect(await store.unitOfWork((uow) => uow.inbox.tryRecord('two', id))).toBe(false);
      });

      it('refuses to be used after it has finished', async () => {
        const c = items();
        await c.ensure();
        let leaked: { get(collection: string, id: string): Promise<unknown> } | undefined;
        await store.unitOfWork(async (uow) => {
          leaked = uow;
        });
        await expect(leaked!.get(c.name, 'a')).rejects.toMatchObject({ code: 'READ_MODEL.UNIT_OF_WORK_CLOSED' });
      });
    });

    describe('checkpoints', () => {
      it('compare-and-set: stores only over the expected value and names the actual one on conflict', async () => {
        const name = `cp_${randomBytes(4).toString('hex')}`;
        expect(await store.checkpoints.read(name)).toBeNull();
        await expect(store.checkpoints.save(name, '5', '4')).rejects.toMatchObject({
          code: 'READ_MODEL.CHECKPOINT_CONFLICT', expected: '4', actual: null,
        });
        await store.checkpoints.save(name, '1', null);
        await expect(store.checkpoints.save(name, '9', null)).rejects.toMatchObject({
          code: 'READ_MODEL.CHECKPOINT_CONFLICT', expected: null, actual: '1',
        });
        await store.checkpoints.save(name, '2', '1');
        await expect(store.checkpoints.save(name, '3', '1')).rejects.toMatchObject({
          code: 'READ_MODEL.CHECKPOINT_CONFLICT', expected: '1', actual: '2',
        });
        expect(await store.checkpoints.read(name)).toBe('2');
      });

      it.each([
        ['the first save', null],
        ['a later save', 'start'],
      ] as const)('lets exactly one of two concurrent units win %s; the loser rolls back', async (_label, initial) => {
        const c = items();
        await c.ensure();
        const name = `cp_${randomBytes(4).toString('hex')}`;
        if (initial !== null) await store.checkpoints.save(name, initial, null);
        const barrier = twoPartyBarrier(10_000);
        const contender = (who: string) =>
          store.unitOfWork(async (uow) => {
            const expected = await uow.checkpoints.read(name);
            await uow.upsert<Item>(c.name, who, { name: who });
            await barrier(); // both have read the same value before either saves
            await uow.checkpoints.save(name, who, expected);
            return who;
          });
        const results = await Promise.allSettled([contender('left'), contender('right')]);
        const won = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled').map((r) => r.value);
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]).toMatchObject({ code: 'READ_MODEL.CHECKPOINT_CONFLICT', expected: initial });
        expect(await store.checkpoints.read(name)).toBe(won[0]);
        expect((await store.find(c.name)).items.map((d) => d.id)).toEqual([won[0]]);
      });
    });

    describe('isolation', () => {
      it('two stores never see each other’s documents, checkpoints or inbox entries', async () => {
        const other = await setup();
        try {
          const definition = { name: 'shared_name', indexes: { name: 'string' as const } };
          await store.ensureCollection(definition);
          await other.store.ensureCollection(definition);
          await store.upsert<Item>('shared_name', 'x', { name: 'mine' });
          await other.store.upsert<Item>('shared_name', 'y', { name: 'theirs' });
          expect((await store.find<Item>('shared_name')).items.map((d) => d.id)).toEqual(['x']);
          expect((await other.store.find<Item>('shared_name')).items.map((d) => d.id)).toEqual(['y']);
          expect(await other.store.get('shared_name', 'x')).toBeNull();
          await store.checkpoints.save('shared_checkpoint', 'a', null);
          expect(await other.store.checkpoints.read('shared_checkpoint')).toBeNull();
          expect(await store.unitOfWork((uow) => uow.inbox.tryRecord('c', 'shared_message'))).toBe(true);
          expect(await other.store.unitOfWork((uow) => uow.inbox.tryRecord('c', 'shared_message'))).toBe(true);
          await other.store.clear('shared_name');
          expect(await store.get('shared_name', 'x')).not.toBeNull();
        } finally {
          await other.teardown();
        }
      });
    });
  });
}

/** Resolves both callers once both arrived; rejects after `timeoutMs` so a store that serialises units fails, not hangs. */
function twoPartyBarrier(timeoutMs: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived++;
    if (arrived === 2) open();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        opened,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the other unit of work never reached the barrier')), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}
