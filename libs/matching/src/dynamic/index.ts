export { placePrices, type PlacePrices, type PlacePricesOptions } from './place-prices';
export { dynamicScore, rankByDynamicScore, type DynamicCandidate, type RankedCandidate } from './dynamic-score';
export { resampleArrivals, type ResampleOptions, type ResampledArrival } from './resample-arrivals';
