export * from './types';
export * from './attribution';
export * from './search-text';
export { REFERENCE_DATA_DIR, readDataFile } from './files';
export * from './loaders';
export * from './municipality-locator';
