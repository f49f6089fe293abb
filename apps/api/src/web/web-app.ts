import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'fs';
import { dirname, join } from 'path';

/** The built web app (apps/web/dist), found from this file up to the repository root (ts and compiled runs alike). */
export function webDistDir(from = __dirname): string | null {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(dir, 'apps', 'web')) && existsSync(join(dir, 'package.json'))) return existsSync(join(candidate, 'index.html')) ? candidate : null;
  }
  return null;
}

/** Paths the app's client-side routes never take: the API and the operational endpoints keep their own answers. */
const NOT_THE_APP = /^\/(graphql|health|metrics)(\/|$)/;

// Everything the app loads is its own (bundled fonts, map data and scripts); inline styles are
// React's and Observable Plot's style attributes.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the web app at / beside /graphql (same origin, so no CORS and the key never leaves the
 * page's own requests): the hashed assets with a long cache, index.html for every client-side
 * route a browser asks for, and the offline GraphiQL at /graphiql only while introspection is on.
 */
export function installWebApp(app: NestExpressApplication, opts: { introspection: boolean; dist?: string | null }): void {
  const dist = opts.dist === undefined ? webDistDir() : opts.dist;
  const html = (file: string) => (_req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendFile(join(dist!, file));
  };
  if (!dist) {
    app.use('/', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build:web` (npm install and npm start build it). The API is at /graphql.\n');
    });
    return;
  }
  app.useStaticAssets(join(dist, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', index: false });
  // An asset that is not there (an old build's name) is a plain 404, not an error in the log.
  app.use('/assets', (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  app.use('/graphiql', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    if (!opts.introspection) {
      res.status(404).type('text/plain').send('GraphiQL is available only when introspection is on (GRAPHQL_INTROSPECTION=true).\n');
      return;
    }
    html('graphiql.html')(req, res);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const wantsPage = req.method === 'GET' && !NOT_THE_APP.test(req.path) && !/\.[a-z0-9]+$/i.test(req.path) && (req.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return next();
    html('index.html')(req, res);
  });
}
