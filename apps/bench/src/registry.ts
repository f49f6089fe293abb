/** Every benchmark, by name. Each prints its own figures. */
export const benches: Record<string, () => Promise<void>> = {};
benches.scoring = () => import('./scoring.bench').then((m) => m.scoringBench());
benches.import = () => import('./import.bench').then((m) => m.importBench());
benches.matching = () => import('./matching.bench').then((m) => m.matchingBench());
benches.placement = () => import('./placement.bench').then((m) => m.placementBench());
benches.suggestions = () => import('./suggestions.bench').then((m) => m.suggestionsBench());
benches.isolation = () => import('./isolation.bench').then((m) => m.isolationBench());
benches.web = () => import('./web.bench').then((m) => m.webBench());
