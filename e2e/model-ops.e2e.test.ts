import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, typeInEditor, uniqueUser } from './support/app.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { startMockLlm, type RunningMockLlm } from './support/mock-llm.js';
import { startServer, type RunningServer } from './support/server.js';

// Issue 4's operations UI: health checks, an open circuit breaker, provider rate limits read
// from real headers (mock-llm over HTTP) and a per-model limit refusing a run with a clear 429.
const SPEC = 'model-ops';
// Nothing listens on the discard port: every call is refused at once.
const DEAD_URL = 'http://127.0.0.1:9/v1';

let server: RunningServer;
let mockLlm: RunningMockLlm;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const byTestId = (id: string) => page.getByTestId(id);
const attr = (testId: string, name: string) => byTestId(testId).getAttribute(name);

beforeAll(async () => {
  // One after the other: each may rebuild stale sources first, and two builds at once collide.
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  mockLlm = await startMockLlm();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signUp(page, uniqueUser('ops'));
}, 150_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await mockLlm?.stop();
  await server?.stop();
});

async function openProviders() {
  const fromPlayground = /\/playground/.test(page.url());
  await byTestId('nav-providers').click();
  // Leaving the playground with an unsaved prompt asks first (the draft stays in the browser).
  if (fromPlayground) await byTestId('confirm-button').click();
  await page.waitForURL(/\/providers$/);
}

async function addProvider(type: string, name: string, baseUrl?: string) {
  await byTestId('add-provider-button').click();
  await byTestId('provider-type').selectOption(type);
  await byTestId('provider-name').fill(name);
  if (baseUrl) await byTestId('provider-base-url').fill(baseUrl);
  await byTestId('provider-submit').click();
  await byTestId(`provider-row-${name}`).waitFor();
  // Types without default models offer the ones the server lists; these specs add theirs by hand.
  if (type === 'openai-compatible' || type === 'huggingface') {
    await byTestId('pick-models-skip').click();
    await byTestId('pick-models').waitFor({ state: 'hidden' });
  }
}

async function addModel(providerName: string, modelName: string) {
  await byTestId('add-model-button').click();
  await byTestId('model-provider').selectOption({ label: providerName });
  await byTestId('model-name').fill(modelName);
  await byTestId('model-submit').click();
  await byTestId(`model-row-${modelName}`).waitFor();
}

async function openPlayground() {
  await byTestId('nav-playground').click();
  await page.waitForURL(/\/playground/);
  await typeInEditor(page, 'message-editor-1', 'Say hello to the operations team.');
}

async function pickModel(name: string) {
  await byTestId('model-select').click();
  await byTestId(`model-option-${name}`).click();
  await expect.poll(() => byTestId('model-select').inputValue()).not.toBe('');
}

/** A screenshot of the page without the toasts that the last actions left on top of it. */
async function capture(step: string) {
  await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  try {
    await screenshot(page, SPEC, step);
  } finally {
    await page.evaluate(`document.querySelectorAll('style').forEach((s) => {
      if (s.textContent.includes('.mantine-Notifications-root { display: none')) s.remove();
    })`);
  }
}

/** Runs and waits for the run to end; returns its final status. */
async function run(): Promise<string | null> {
  await byTestId('run-button').click();
  await page
    .locator('[data-testid="run-status"]:not([data-status="running"]):not([data-status="idle"])')
    .waitFor({
      timeout: 30_000,
    });
  return attr('run-status', 'data-status');
}

describe('model operations', () => {
  it('checks the built-in mock provider now and shows it healthy', async () => {
    await openProviders();
    // Every new organization has it, so the first run needs no setup.
    await byTestId('provider-row-Built-in mock').waitFor();
    expect(await attr('provider-health-Built-in mock', 'data-status')).toBe('unknown');
    expect(await attr('provider-breaker-Built-in mock', 'data-state')).toBe('closed');
    await byTestId('provider-check-now-Built-in mock').click();
    await page.locator('[data-testid="provider-health-Built-in mock"][data-status="healthy"]').waitFor();
    await expect
      .poll(() => byTestId('provider-health-detail-Built-in mock').textContent())
      .toMatch(/Checked .* · \d+ ms/);
  });

  it('edits a provider’s resilience settings in the drawer', async () => {
    await addProvider('openai-compatible', 'Broken', DEAD_URL);
    await addModel('Broken', 'broken-model');
    await byTestId('provider-settings-Broken').click();
    await byTestId('settings-ttftSeconds').waitFor();
    // Defaults show as placeholders; an invalid value is refused before anything is sent.
    expect(await byTestId('settings-ttftSeconds').getAttribute('placeholder')).toBe('60 (default)');
    await byTestId('settings-consecutiveFailures').fill('0');
    await byTestId('settings-submit').click();
    await page.getByText('Between 1 and 1000').waitFor();
    await byTestId('settings-consecutiveFailures').fill('1');
    await byTestId('settings-maxRetries').fill('0');
    await byTestId('settings-add-header').click();
    await byTestId('settings-header-key-0').fill('X-Team');
    await byTestId('settings-header-value-0').fill('ops');
    await byTestId('settings-add-header').click();
    await byTestId('settings-header-key-1').fill('api-key');
    await byTestId('settings-header-value-1').fill('gw-secret-0123456789-wxyz');
    await capture('01-settings-drawer');
    await byTestId('settings-submit').click();
    await byTestId('settings-submit').waitFor({ state: 'hidden' });
    // Header values are secrets: the card shows names, with a hint only for long values.
    await expect
      .poll(() => byTestId('provider-settings-summary-Broken').textContent())
      .toBe('timeouts 10/60/600 s · 0 retries · breaker 1 failures / 30 s · headers api-key …wxyz, X-Team');
    await byTestId('provider-settings-Broken').click();
    await byTestId('settings-header-value-0').waitFor();
    expect(await byTestId('settings-header-value-0').inputValue()).toBe('');
    expect(await byTestId('settings-header-value-0').getAttribute('placeholder')).toBe('unchanged (…wxyz)');
    await capture('01b-settings-stored-headers');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await byTestId('settings-submit').waitFor({ state: 'hidden' });

    await addProvider('openai-compatible', 'Gateway', `${mockLlm.url}/v1`);
    await addModel('Gateway', 'mock-gpt-4o-mini');
  });

  it('runs against a dead provider: the failure opens the breaker, the next run fails fast', async () => {
    await openPlayground();
    await pickModel('mock-gpt-4o-mini');
    // One 500 from the provider: retried before the first token, so the run succeeds on attempt 2.
    await mockLlm.queueFault({ fail: 500, count: 1, path: '/v1/chat/completions' });
    expect(await run()).toBe('succeeded');
    expect(await byTestId('badge-attempts').textContent()).toMatch(/attempts\s*2/);

    await pickModel('broken-model');
    expect(await run()).toBe('failed');
    expect(await attr('run-error', 'data-kind')).toBe('provider');
    const started = Date.now();
    expect(await run()).toBe('failed');
    const failFastMs = Date.now() - started;
    expect(await attr('run-error', 'data-kind')).toBe('circuit-open');
    expect(await byTestId('run-error').textContent()).toContain('Circuit open — failing fast');
    expect(failFastMs).toBeLessThan(5_000);
    await capture('02-circuit-open');

    await openProviders();
    await page.locator('[data-testid="provider-breaker-Broken"][data-state="open"]').waitFor();
  });

  it('shows every health state, the breaker and the provider’s own rate limits', async () => {
    // The Gateway's last response carried x-ratelimit-* headers.
    await byTestId('provider-ratelimit-requests-Gateway').waitFor();
    expect(await byTestId('provider-ratelimit-requests-Gateway-label').textContent()).toMatch(
      /^[\d,]+ \/ 10,000 left$/,
    );
    await byTestId('provider-ratelimit-tokens-Gateway').waitFor();

    await byTestId('provider-check-now-Broken').click();
    await page.locator('[data-testid="provider-health-Broken"][data-status="down"]').waitFor();
    // Slower than the 2 s "degraded" threshold.
    await mockLlm.configure({ latencyMs: 2_300 });
    try {
      await byTestId('provider-check-now-Gateway').click();
      await page
        .locator('[data-testid="provider-health-Gateway"][data-status="degraded"]')
        .waitFor({ timeout: 15_000 });
    } finally {
      await mockLlm.configure({ latencyMs: 0 });
    }
    await page.mouse.move(0, 0);
    await capture('03-providers-states');
  });

  it('enforces a model limit of 1 request per minute with a clear message', async () => {
    await byTestId('model-limits-mock-fast').click();
    await byTestId('model-limit-rpm').fill('1');
    await byTestId('model-unsupported-temperature').check();
    await byTestId('model-limits-submit').click();
    await byTestId('model-limits-submit').waitFor({ state: 'hidden' });
    expect(await byTestId('model-usage-requests-mock-fast-label').textContent()).toMatch(/^\d+ \/ 1$/);
    expect(await byTestId('model-row-mock-fast').textContent()).toContain('no temperature');

    await openPlayground();
    await pickModel('mock-fast');
    // Both runs must land in the same one-minute window.
    const second = new Date().getSeconds();
    if (second > 45) await page.waitForTimeout((61 - second) * 1000);
    expect(await run()).toBe('succeeded');
    expect(await run()).toBe('failed');
    expect(await attr('run-error', 'data-kind')).toBe('rate-limit');
    expect(await byTestId('run-error').textContent()).toMatch(/Rate limit reached, retry in \d+ s/);
    await capture('04-rate-limited');

    await openProviders();
    await expect.poll(() => attr('model-usage-requests-mock-fast', 'data-percent')).toBe('100');
    await capture('05-model-usage');
  });
});
