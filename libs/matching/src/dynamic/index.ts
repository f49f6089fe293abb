export { placePrices, type PlacePrices, type PlacePricesOptions } from './place-prices';
export { dynamicScore, rankByDynamicScore, type DynamicCandidate, type RankedCandidate } from './dynamic-score';
export { resampleArrivals, type ResampleOptions, type ResampledArrival } from './resample-arrivals';
export { HALF_YEAR_DAYS, arrivalOrder, checkStream, problemOf, type ArrivalStream, type StreamHousehold, type StreamMonitoring } from './stream';
export { syntheticStream, type SyntheticMunicipality, type SyntheticStreamOptions } from './synthetic-stream';
export { blendedForecast, historyForecast, simulate, type OnlinePolicy, type PolicyRun, type SimulateOptions, type SimulationResult } from './simulate';
export { simulationMetrics, type GroupMetric, type PolicyMetrics } from './simulation-metrics';
export { parseStreamJsonl, streamToJsonl } from './stream-jsonl';
