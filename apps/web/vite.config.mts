import react from '@vitejs/plugin-react-swc';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const BOUNDARIES = fileURLToPath(new URL('../../libs/reference-data/data/gemeenten_2025_rd.geojson.gz', import.meta.url));

/**
 * The shipped municipality boundaries (CBS/PDOK, RD New) as a module of the map's chunk, so the
 * map needs nothing from the internet and loads only with the map. JSON.parse of a string is
 * faster to start than the same object as a literal.
 */
function municipalityBoundaries(): Plugin {
  const id = 'virtual:nl-municipalities';
  return {
    name: 'kansrijk-municipality-boundaries',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      this.addWatchFile(BOUNDARIES);
      const text = gunzipSync(readFileSync(BOUNDARIES)).toString('utf8');
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`;
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
