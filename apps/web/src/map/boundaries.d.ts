declare module 'virtual:nl-municipalities' {
  import type { FeatureCollection, Geometry } from 'geojson';
  const boundaries: FeatureCollection<Geometry, { code: string; name: string }>;
  export default boundaries;
}
