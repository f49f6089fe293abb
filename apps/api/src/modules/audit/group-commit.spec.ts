import { GroupCommit } from './group-commit';

/** A writer whose calls are recorded and finished by hand. */
function manualWriter() {
  const calls: { items: string[]; finish: (err?: Error) => void }[] = [];
  const write = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => calls.push({ items, finish: (err) => (err ? reject(err) : resolve(items.map((i) => `id:${i}`))) }));
  return { calls, write };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('writes what is added in one turn as one batch and gives each caller its own result, in order', async () => {
    const w = manualWriter();
    const g = new GroupCommit(w.write);
    const results = ['a', 'b', 'c'].map((x) => g.add(x));
    await turn();
    expect(w.calls.map((c) => c.items)).toEqual([['a', 'b', 'c']]);
    w.calls[0].finish();
    expect(await Promise.all(results)).toEqual(['id:a', 'id:b', 'id:c']);
  });

  it('resolves nobody before the batch is written', async () => {
    const w = manualWriter();
    const g = new GroupCommit(w.write);
    let done = false;
    const r = g.add('a').then(() => (done = true));
    await turn();
    await turn();
    expect(done).toBe(false);
    w.calls[0].finish();
    await r;
    expect(done).toBe(true);
  });

  it('collects what arrives while a batch is in flight into the next one', async () => {
    const w = manualWriter();
    const g = new GroupCommit(w.write);
    const first = g.add('a');
    await turn();
    const later = [g.add('b'), g.add('c')];
    await turn();
    const evenLater = g.add('d');
    await turn();
    expect(w.calls.map((c) => c.items)).toEqual([['a']]); // one batch in flight at a time
    w.calls[0].finish();
    expect(await first).toBe('id:a');
    await turn();
    expect(w.calls.map((c) => c.items)).toEqual([['a'], ['b', 'c', 'd']]);
    w.calls[1].finish();
    expect(await Promise.all([...later, evenLater])).toEqual(['id:b', 'id:c', 'id:d']);
  });

  it('fails every caller of a failed batch, and only those', async () => {
    const w = manualWriter();
    const g = new GroupCommit(w.write);
    const failed = [g.add('a'), g.add('b')].map((p) => p.then(() => 'resolved', (e: Error) => e.message));
    await turn();
    const next = g.add('c');
    w.calls[0].finish(new Error('disk full'));
    expect(await Promise.all(failed)).toEqual(['disk full', 'disk full']);
    await turn();
    w.calls[1].finish();
    expect(await next).toBe('id:c');
  });

  it('fails the batch when the writer returns a result count that does not match', async () => {
    const g = new GroupCommit(async (items: string[]) => items.slice(1));
    await expect(Promise.all([g.add('a'), g.add('b')])).rejects.toThrow('1 results for 2 items');
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const g = new GroupCommit(async (items: number[]) => (sizes.push(items.length), items.map((i) => i * 2)), 4);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => g.add(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
  });

  it('settles once everything added is written', async () => {
    let written = 0;
    const g = new GroupCommit(async (items: number[]) => {
      await turn();
      written += items.length;
      return items;
    });
    void g.add(1);
    void g.add(2);
    await g.settled();
    expect(written).toBe(2);
  });
});
