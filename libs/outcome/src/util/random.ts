/** mulberry32: a small deterministic generator of numbers in [0, 1), so a seed always gives the same folds, bootstrap and synthetic history. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from a uniform generator. */
export function normal(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** Fold of each row (0..folds-1), balanced and shuffled by `seed`. */
export function foldAssignment(rows: number, folds: number, seed: number): Int32Array {
  const next = mulberry32(seed);
  const fold = Int32Array.from({ length: rows }, (_, i) => i % folds);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = fold[i];
    fold[i] = fold[j];
    fold[j] = t;
  }
  return fold;
}
