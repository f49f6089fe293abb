import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The project's package.json, found by walking up (works from source and from dist/). */
function findPackageJson(from: string): { version: string } {
  let dir = from;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === 'kansrijk') return pkg;
    }
    const up = dirname(dir);
    if (up === dir) return { version: '0.0.0' };
    dir = up;
  }
}

/** The product version, from package.json. */
export const APP_VERSION: string = findPackageJson(__dirname).version;
