import react from '@vitejs/plugin-react-swc';
import { geoIdentity, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const BOUNDARIES = fileURLToPath(new URL('../../libs/reference-data/data/gemeenten_2025_rd.geojson.gz', import.meta.url));

/** The map's frame in SVG units; the municipalities are fitted into it with this margin. */
const MAP = { width: 600, height: 700, margin: 8 };

/**
 * The shipped municipality boundaries (CBS/PDOK, RD New) as the map's chunk needs them: drawn
 * here, at build time, into SVG paths (RD New is a planar grid, so the map is the boundaries
 * scaled into the frame with y flipped) with a label point per municipality and the frame's
 * scale and offset, so the browser neither ships the GeoJSON nor projects 6,500 points on every
 * visit. The map needs nothing from the internet and loads only with the map. JSON.parse of a
 * string is faster to start than the same object as a literal.
 */
function municipalityBoundaries(): Plugin {
  const id = 'virtual:nl-municipalities';
  return {
    name: 'kansrijk-municipality-boundaries',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      this.addWatchFile(BOUNDARIES);
      const boundaries = JSON.parse(gunzipSync(readFileSync(BOUNDARIES)).toString('utf8')) as FeatureCollection<Geometry, { code: string; name: string }>;
      const projection = geoIdentity()
        .reflectY(true)
        .fitExtent(
          [
            [MAP.margin, MAP.margin],
            [MAP.width - MAP.margin, MAP.height - MAP.margin],
          ],
          boundaries,
        );
      // A tenth of an SVG unit is far below a pixel at any size the screen draws the map.
      const path = geoPath(projection).digits(1);
      const round = (v: number) => Math.round(v * 10) / 10;
      const shapes = boundaries.features.map((f) => {
        const [x, y] = path.centroid(f);
        return { code: f.properties.code, d: path(f) ?? '', x: round(x), y: round(y) };
      });
      const [tx, ty] = projection.translate();
      const map = { width: MAP.width, height: MAP.height, scale: projection.scale(), translate: [tx, ty], shapes };
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(map))});`;
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), municipalityBoundaries()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: `${here}index.html`, graphiql: `${here}graphiql.html` },
      // React is shared by the app and GraphiQL, so it is a chunk of its own, with the bundler's
      // and Vite's small runtime helpers (one request rather than three). Named, so the first
      // screen's bundle reads at a glance: unnamed, it took the name of Vite's preload helper.
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|^\0(vite\/preload-helper|vite\/modulepreload-polyfill|rolldown\/runtime)/ }],
        },
      },
      // GraphiQL's react-compiler-runtime starts with "use no memo", which a bundle cannot keep; harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npm run dev:web`: the API runs on :3000 (npm start); the dev server proxies /graphql to it.
  server: { port: 5173, strictPort: false, proxy: { '/graphql': 'http://127.0.0.1:3000' } },
});
