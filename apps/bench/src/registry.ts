/** Every benchmark, by name. Each prints its own figures. */
export const benches: Record<string, () => Promise<void>> = {};
benches.scoring = () => import('./scoring.bench').then((m) => m.scoringBench());
benches.import = () => import('./import.bench').then((m) => m.importBench());
benches.matching = () => import('./matching.bench').then((m) => m.matchingBench());
benches.placement = () => import('./placement.bench').then((m) => m.placementBench());
benches.suggestions = () => import('./suggestions.bench').then((m) => m.suggestionsBench());
benches.isolation = () => import('./isolation.bench').then((m) => m.isolationBench());
benches.whatif = () => import('./whatif.bench').then((m) => m.whatifBench());
benches['whatif-inproc'] = () => import('./whatif-inproc.bench').then((m) => m.whatifInprocBench());
benches.soak = () => import('./soak.bench').then((m) => m.soakBench());
benches.outcome = () => import('./outcome.bench').then((m) => m.outcomeBench());
benches['outcome-suggestions'] = () => import('./outcome-suggestions.bench').then((m) => m.outcomeSuggestionsBench());
benches.shortage = () => import('./shortage.bench').then((m) => m.shortageBench());
benches.web = () => import('./web.bench').then((m) => m.webBench());

/** Run only when named (`npm run bench -- soak`): ten minutes by default; whatif (and whatif-inproc) seed 31,000 people and run for minutes. */
export const onRequestOnly = new Set(['soak', 'whatif', 'whatif-inproc']);
