declare module 'virtual:nl-municipalities' {
  /**
   * The municipalities drawn at build time (vite.config.mts): an SVG path and a label point per
   * municipality in a `width` × `height` frame, where an RD New point (x, y) in metres lies at
   * (x · scale + translate[0], translate[1] − y · scale).
   */
  const map: {
    width: number;
    height: number;
    scale: number;
    translate: [number, number];
    shapes: { code: string; d: string; x: number; y: number }[];
  };
  export default map;
}
