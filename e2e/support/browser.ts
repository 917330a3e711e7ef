import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const screenshotDir = fileURLToPath(new URL('../screenshots', import.meta.url));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium from the system (playwright-core ships no browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Saves `e2e/screenshots/<spec>-<step>.png` (git-ignored) and returns its path. */
export async function screenshot(page: Page, spec: string, step: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${spec}-${step}.png`);
  // Let notifications and transitions settle so the picture shows the state, not an animation.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A full-page picture from the top (scrolled, the fixed header would land mid-page). */
export async function screenshotFromTop(page: Page, spec: string, step: string): Promise<string> {
  await page.evaluate('window.scrollTo(0, 0)');
  return screenshot(page, spec, step);
}
