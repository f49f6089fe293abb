import { webDistDir } from '../../apps/api/src/web/web-app';
import { startTestApp, TestApp } from '../helpers/test-app';

const built = webDistDir() !== null;
if (!built) console.warn('web serving tests SKIPPED: the web app is not built (npm run build:web)');

/** The web app beside /graphql: pages for browsers, the API's own answers for everything else, GraphiQL only with introspection. */
(built ? describe : describe.skip)('serving the web app', () => {
  const get = (t: TestApp, path: string, accept = 'text/html') => fetch(t.url.replace(/\/graphql$/, path), { headers: { accept } });

  it('answers a browser with the app on / and on its client-side routes, with a CSP; the API keeps /graphql', async () => {
    const t = await startTestApp();
    try {
      for (const path of ['/', '/queue', '/households/00000000-0000-4000-8000-000000000001']) {
        const res = await get(t, path);
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, expect.stringContaining('text/html')]);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(await res.text()).toContain('<div id="root">');
      }
      // Not a page: the API's answer, not index.html.
      expect((await get(t, '/graphql')).headers.get('content-type')).not.toContain('text/html');
      expect((await get(t, '/queue', 'application/json')).status).toBe(404);
      expect((await get(t, '/assets/nothing-here.js', '*/*')).status).toBe(404);
      expect((await get(t, '/graphiql')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses GraphiQL while introspection is off', async () => {
    const t = await startTestApp({ GRAPHQL_INTROSPECTION: 'false' });
    try {
      const res = await get(t, '/graphiql');
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/introspection/);
    } finally {
      await t.close();
    }
  });
});
