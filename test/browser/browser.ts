/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import { existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the tests never download a browser. */
export const CHROMIUM = process.env.KANSRIJK_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** The flags this machine needs: no sandbox as root, and no background connections to a network that refuses them. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** Screenshots of each screen, kept as test artefacts (test-artifacts/ is not committed). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'web');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core (injected from the npm package) on the page: the serious and critical WCAG 2.1 A/AA violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

/** The visible text of the elements that carry the app's own labels (headings, labels, column heads, buttons, links, legends). */
export async function visibleLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, label, th[scope="col"], button, nav a, legend, caption, summary, dt, .utrecht-paragraph, figcaption, option'))
      .filter((e) => (e as HTMLElement).offsetParent !== null || e.tagName === 'OPTION' || e.tagName === 'CAPTION')
      .map((e) => (e.textContent ?? '').trim())
      .filter((s) => s.length > 0),
  );
}
