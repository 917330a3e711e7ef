import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, typeInEditor, uniqueUser, type TestUser } from './support/app.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// Issue 3's journey: mock provider → chat prompt with two variables → streamed run with tokens
// and cost → history → v2 → versions → export YAML and import it as a new prompt.
const SPEC = 'playground';
const PROMPT = 'e2e/support-reply';
const COPY = 'e2e/support-reply-copy';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let exported = '';
let user: TestUser;
let orgPath = '';

// Runs in the page (a string: this tsconfig has no DOM types). Records the output's length at
// every DOM change while the run is still streaming; each distinct length is a separate paint.
const PAINT_RECORDER = `(() => {
  window.__paints = [];
  const observer = new MutationObserver(() => {
    const status = document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status');
    const length = document.querySelector('[data-testid="run-output"]')?.textContent?.length ?? 0;
    const paints = window.__paints;
    if (status === 'running' && length > 0 && paints[paints.length - 1] !== length) paints.push(length);
    if (status !== 'running' && status !== 'idle') observer.disconnect();
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

const STOP_AT_FIRST_DELTA = `(() => {
  const observer = new MutationObserver(() => {
    const output = document.querySelector('[data-testid="run-output"]');
    const stop = document.querySelector('[data-testid="stop-button"]');
    if (output && output.textContent && stop) {
      observer.disconnect();
      stop.click();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  user = uniqueUser('play');
  orgPath = await signUp(page, user);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('prompt playground journey', () => {
  it('starts with the built-in mock provider and its test models', async () => {
    await page.getByTestId('nav-providers').click();
    await page.getByTestId('provider-row-Built-in mock').waitFor();
    await page.getByTestId('model-row-mock-fast').waitFor();
    expect(await page.getByTestId('model-row-mock-fast').getByTestId('test-model-badge').count()).toBe(1);
    await screenshot(page, SPEC, '01-providers');
  });

  it('creates a chat prompt with two variables', async () => {
    await page.getByTestId('nav-prompts').click();
    await page.getByTestId('new-prompt-button').click();
    await page.getByTestId('new-prompt-name').fill(PROMPT);
    await page.getByTestId('new-prompt-submit').click();
    await page.waitForURL(/\/playground\?/);

    await typeInEditor(page, 'message-editor-0', 'You are {{persona}}. Answer kindly.');
    // After `{{` the editor offers the prompt's known variables.
    await typeInEditor(page, 'message-editor-1', 'Explain {{', true, false);
    const suggestions = page.locator('[data-testid="message-editor-1"] .suggest-widget.visible');
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain('persona');
    await screenshot(page, SPEC, '02a-completion');
    await page.keyboard.press('Escape');
    await suggestions.waitFor({ state: 'hidden' });
    await typeInEditor(page, 'message-editor-1', 'topic}} in two sentences.', false);
    await page.getByTestId('variable-input-persona').waitFor();
    await page.getByTestId('variable-input-topic').waitFor();
    await page.getByTestId('model-summary').getByTestId('test-model-badge').waitFor();
    await page.getByTestId('token-count').waitFor();

    await page.getByTestId('save-version-button').click();
    expect(await page.getByTestId('save-prompt-name').inputValue()).toBe(PROMPT);
    await page.getByTestId('save-version-message').fill('First draft');
    await page.getByTestId('save-version-submit').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/prompts/${PROMPT}`));
    await expect.poll(() => page.getByTestId('playground-version').textContent()).toBe('v1');
    await screenshot(page, SPEC, '02-prompt-v1');
  });

  it('streams a run, painting more than once before done, then shows tokens and cost', async () => {
    await page.getByTestId('variable-input-persona').fill('a patient teacher');
    await page.getByTestId('variable-input-topic').fill('ocean tides');
    await page.evaluate(PAINT_RECORDER);
    await page.getByTestId('run-button').click();
    await page.locator('[data-testid="run-status"][data-status="running"]').waitFor();
    await screenshot(page, SPEC, '03-streaming');
    await page.locator('[data-testid="run-status"][data-status="succeeded"]').waitFor({ timeout: 30_000 });

    const paints = (await page.evaluate('window.__paints')) as number[];
    expect(paints.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paints).size).toBe(paints.length);
    const output = (await page.getByTestId('run-output').textContent()) ?? '';
    expect(output.length).toBeGreaterThanOrEqual(paints.at(-1) ?? 0);

    expect(await page.getByTestId('badge-input-tokens').textContent()).toMatch(/in\s*[1-9][\d,]* tokens?/);
    expect(await page.getByTestId('badge-output-tokens').textContent()).toMatch(/out\s*[1-9][\d,]* tokens?/);
    expect(await page.getByTestId('badge-cost').textContent()).toMatch(/cost\s*\$0\.0*[1-9]/);
    await page.getByTestId('badge-latency').waitFor();
    await page.getByTestId('badge-ttft').waitFor();
    await screenshot(page, SPEC, '04-run-done');
  });

  it('finds the run in the history and restores its inputs', async () => {
    await page.getByTestId('history-button').click();
    const item = page.getByTestId('history-item').first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('succeeded');
    expect(await item.textContent()).toContain(`${PROMPT} v1`);
    await screenshot(page, SPEC, '05-history');

    await page.getByTestId('variable-input-topic').fill('something else', { force: true });
    await item.click();
    await page.getByTestId('history-drawer').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('variable-input-topic').inputValue()).toBe('ocean tides');
  });

  it('saves v2 and lists v1 and v2 with their labels', async () => {
    await typeInEditor(page, 'message-editor-1', ' Keep it short.', false);
    await page.getByTestId('playground-dirty').waitFor();
    await page.getByTestId('save-version-button').click();
    await page.getByTestId('save-version-message').fill('Ask for brevity');
    await page.getByTestId('save-version-submit').click();
    await expect.poll(() => page.getByTestId('playground-version').textContent()).toBe('v2');
    // Variable values survive the save.
    expect(await page.getByTestId('variable-input-topic').inputValue()).toBe('ocean tides');

    await page.getByTestId('versions-button').click();
    await page.getByTestId('version-row-2').waitFor();
    await page.getByTestId('version-row-1').waitFor();
    await page.getByTestId('version-label-2-latest').waitFor();
    expect(await page.getByTestId('version-row-2').textContent()).toContain('Ask for brevity');

    await page.getByTestId('label-move-open').click();
    await page.getByTestId('label-move-version').selectOption('1');
    await page.getByTestId('label-move-submit').click();
    await page.getByTestId('version-label-1-production').waitFor();
    await screenshot(page, SPEC, '06-versions');
    await page.keyboard.press('Escape');
    await page.getByTestId('versions-drawer').waitFor({ state: 'hidden' });
  });

  it('exports the prompt as YAML and imports it as a new prompt', async () => {
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-yaml').click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e-support-reply.prompt.yaml');
    exported = await readFile(await download.path(), 'utf8');
    expect(exported).toContain('promptops.prompts/v1');
    expect(exported).toContain(PROMPT);
    expect(exported).toContain('Keep it short.');

    await page.getByTestId('import-button').click();
    await page.getByTestId('import-content').fill(exported);
    await page.getByTestId('import-rename').fill(COPY);
    await page.getByTestId('import-submit').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/prompts/${COPY}`));
    await expect.poll(() => page.getByTestId('playground-title').textContent()).toBe(COPY);
    await expect.poll(() => page.getByTestId('playground-version').textContent()).toBe('v2');
    await screenshot(page, SPEC, '07-imported');

    await page.getByTestId('nav-prompts').click();
    await page.getByTestId('folder-e2e').click();
    await page.getByTestId(`prompt-row-${PROMPT}`).waitFor();
    await page.getByTestId(`prompt-row-${COPY}`).waitFor();
    await screenshot(page, SPEC, '08-prompt-list');
  });

  it('stops a streaming run and records it as cancelled', async () => {
    await page.getByTestId(`prompt-link-${COPY}`).click();
    await page.getByTestId('variable-input-persona').fill('a pirate');
    await page.getByTestId('variable-input-topic').fill('treasure maps');
    // The mock answers in well under a second: press Stop from inside the page at the first delta.
    await page.evaluate(STOP_AT_FIRST_DELTA);
    await page.getByTestId('run-button').click();
    await page.locator('[data-testid="run-status"][data-status="cancelled"]').waitFor();
    // The stored run comes back with its tokens and cost: the panel and the history agree.
    await page.getByTestId('badge-cost').waitFor();
    expect(await page.getByTestId('run-status').textContent()).toBe('Cancelled');
    const cost = await page.getByTestId('badge-cost').locator('[data-exact]').getAttribute('data-exact');
    const tokens = await page.getByTestId('badge-output-tokens').textContent();
    await screenshot(page, SPEC, '09-stopped');

    await page.getByTestId('history-button').click();
    await expect
      .poll(async () => page.getByTestId('history-item').first().getAttribute('data-status'), {
        timeout: 10_000,
      })
      .toBe('cancelled');
    const item = page.getByTestId('history-item').first();
    expect(await item.locator('[data-exact]').getAttribute('data-exact')).toBe(cost);
    expect(await item.textContent()).toContain(`→${/\d[\d,]*/.exec(tokens ?? '')?.[0] ?? '?'} tokens`);
  });

  it('lists a run made with an API key in the same history, marked as from the API', async () => {
    // An application's call: an API key (created over the API as a script would) runs the saved prompt.
    const call = async (pathname: string, body: object, token: string) => {
      const res = await fetch(`${server.baseUrl}/api/v1${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(res.status, pathname).toBeLessThan(300);
      return (await res.json()) as Record<string, any>;
    };
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const orgId = orgPath.split('/').pop()!;
    const { key } = await call(`/orgs/${orgId}/api-keys`, { name: 'app', role: 'editor' }, accessToken);
    const models = await fetch(`${server.baseUrl}/api/v1/orgs/${orgId}/models`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const modelId = ((await models.json()) as { items: { id: string; name: string }[] }).items.find(
      (m) => m.name === 'mock-fast',
    )!.id;
    const run = await call(
      `/orgs/${orgId}/executions`,
      { prompt: { name: COPY }, modelId, variables: { persona: 'a robot', topic: 'gears' } },
      key,
    );
    expect(run.execution.source).toBe('api');

    // The history drawer is still open from the last step: reopening it fetches the runs anew.
    await page.keyboard.press('Escape');
    await page.getByTestId('history-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('history-button').click();
    const item = page.locator(`[data-testid="history-item"][data-execution-id="${run.execution.id}"]`);
    await item.waitFor();
    expect(await item.getByTestId('history-meta').textContent()).toMatch(/^API · mock-fast/);
    await screenshot(page, SPEC, '10-history-api-run');
  });
});
