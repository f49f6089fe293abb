/** Every benchmark, by name. Each prints its own figures. */
export const benches: Record<string, () => Promise<void>> = {};
