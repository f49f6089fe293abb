import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';

export type BatchLoad<K, V> = (keys: readonly K[], dataSource: DataSource) => Promise<(V | null)[]>;

/**
 * Per-request DataLoaders: one loader per name, created on first use and dropped with the
 * request, so every field resolver that touches the database batches (no N+1) and no
 * cache outlives its request.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  get<K, V>(name: string, batch: BatchLoad<K, V>): DataLoader<K, V | null> {
    let loader = this.loaders.get(name) as DataLoader<K, V | null> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V | null>((keys) => batch(keys, this.dataSource), { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders `rows` to match `keys`, with null for a missing key. */
export function alignByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups `rows` by key, in the order of `keys`, with [] for a key without rows. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
