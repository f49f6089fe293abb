/** The typed arrays the index keeps per slot or per item. */
type Grown = Float64Array | Int32Array | Uint8Array;

/**
 * A typed array of the same kind as `a` with room for `n` elements (internal): `a`'s values
 * first, zeros after. The one way the index's columns and buffers grow.
 */
export function resized<T extends Grown>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
