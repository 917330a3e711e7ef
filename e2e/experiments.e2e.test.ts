import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessToken as loginToken, apiCaller, signUp, type TestUser, uniqueUser } from './support/app.js';
import { launchBrowser, screenshotFromTop } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// The online A/B journey: a prompt in two versions (made over the API, as a script would), an
// experiment started from the prompt's page, traffic from an application (subjects fetch the
// prompt and report conversions: 20 % on one version, 45 % on the other), the verdict on the
// results page, promotion of the winner; then the analytics dashboard over runs on the mock model.
const SPEC = 'experiments';
const PROMPT = 'shop/greeting';
// In API paths a folder's slash is encoded: the name is one path segment.
const PROMPT_PATH = encodeURIComponent(PROMPT);
const SUBJECTS = 800;

let server: RunningServer;
let call: ReturnType<typeof apiCaller>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let orgId = '';
let apiKey = '';
let experimentId = '';

/** An application's call with the API key; fails the test on any non-2xx answer. */
/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T>(
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  call = apiCaller(server.baseUrl, () => apiKey);
  context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  user = uniqueUser('abtest');
  orgId = (await signUp(page, user)).split('/').pop()!;

  const accessToken = await loginToken(server.baseUrl, user);
  apiKey = (await call('POST', `/orgs/${orgId}/api-keys`, { name: 'shop', role: 'editor' }, accessToken)).key;
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('experiments journey', () => {
  it('starts an experiment from the prompt page, pre-filled with its two versions', async () => {
    await call('POST', `/orgs/${orgId}/prompts`, {
      name: PROMPT,
      messages: [{ role: 'user', content: 'Greet {{customer}} and suggest a product.' }],
      commitMessage: 'first greeting',
    });
    await call('POST', `/orgs/${orgId}/prompts/${PROMPT_PATH}/versions`, {
      messages: [
        {
          role: 'user',
          content: 'Greet {{customer}} warmly by name and suggest one product they will love.',
        },
      ],
      commitMessage: 'warmer greeting',
    });

    await page.goto(`/orgs/${orgId}/prompts/${PROMPT}`);
    await page.getByTestId('start-experiment-button').click();
    await page.waitForURL(/\/experiments\/new\?prompt=/);
    // Control serves v1, treatment the latest version; the weights split traffic evenly.
    await expect
      .poll(() => page.getByTestId('experiment-variant-1-version').inputValue())
      .toBe('v2 · latest');
    expect(await page.getByTestId('experiment-variant-0-version').inputValue()).toBe('v1');
    expect(await page.getByTestId('experiment-variant-0-share').textContent()).toBe('50 %');

    // A third variant shows the split moving; removing it restores the even split.
    await page.getByTestId('experiment-add-variant').click();
    await page.getByTestId('experiment-variant-2-weight').fill('2');
    await expect.poll(() => page.getByTestId('experiment-variant-2-share').textContent()).toBe('50 %');
    expect(await page.getByTestId('experiment-variant-0-share').textContent()).toBe('25 %');
    await page.getByRole('button', { name: 'Remove variant 3' }).click();
    await expect.poll(() => page.getByTestId('experiment-variant-1-share').textContent()).toBe('50 %');

    // A continuous metric needs the largest expected loss: the form says so on the field.
    await page.getByTestId('experiment-name').fill('Warmer greeting');
    await page.getByTestId('experiment-metric-name').fill('purchased');
    await page.getByTestId('experiment-metric-kind').getByText('A number').click();
    await page.getByTestId('experiment-start').click();
    await page.getByTestId('experiment-form-errors').waitFor();
    expect(await page.getByText('A continuous metric needs the largest expected loss').count()).toBe(1);
    await page.getByTestId('experiment-metric-kind').getByText('Yes / no').click();
    // Fixing the field takes its message away.
    await page.getByTestId('experiment-form-errors').waitFor({ state: 'hidden' });
    await page.getByTestId('experiment-min-samples').fill('200');
    await screenshotFromTop(page, SPEC, '01-new-experiment');

    await page.getByTestId('experiment-start').click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/);
    experimentId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('decision-panel').waitFor();
    expect(await page.getByTestId('decision-panel').getAttribute('data-state')).toBe('collecting');
    await page.getByTestId('traffic-panel').waitFor();
    expect(await page.getByTestId('snippet-fetch').textContent()).toContain(
      `/api/v1/orgs/${orgId}/prompts/${PROMPT_PATH}?subject=user-123`,
    );
  });

  it('declares the version that converts better the winner once the traffic is in', async () => {
    const subjects = Array.from({ length: SUBJECTS }, (_, i) => `customer-${i}`);
    const seen = { control: 0, treatment: 0 };
    const bought = { control: 0, treatment: 0 };
    const versions = new Map<string, number>();
    await inBatches(subjects, 25, async (subject) => {
      // The application fetches the prompt for its user; the answer is the user's variant.
      const prompt = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}?subject=${subject}`);
      const variant = prompt.experiment?.variant as 'control' | 'treatment';
      expect(prompt.experiment?.id).toBe(experimentId);
      versions.set(variant, prompt.version as number);
      // Every 20th customer of a variant in 4 (control, 20 %) or 9 (treatment, 45 %) buys.
      const rank = seen[variant]++;
      const converted = rank % 20 < (variant === 'control' ? 4 : 9);
      if (converted) bought[variant]++;
      await call('POST', `/orgs/${orgId}/experiments/${experimentId}/outcomes`, {
        subject,
        value: converted ? 1 : 0,
      });
    });
    expect(versions.get('control')).toBe(1);
    expect(versions.get('treatment')).toBe(2);
    // Sticky: the same subject gets the same variant again, also through the assign call.
    const again = await call('POST', `/orgs/${orgId}/experiments/${experimentId}/assign`, {
      subject: 'customer-7',
    });
    const first = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}?subject=customer-7`);
    expect(again.variant).toBe(first.experiment.variant);
    // Roughly even, as the weights say.
    expect(seen.control).toBeGreaterThan(SUBJECTS * 0.4);
    expect(seen.treatment).toBeGreaterThan(SUBJECTS * 0.4);

    // The open page follows the results on its own.
    await page.locator('[data-testid="decision-panel"][data-state="winner"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('decision-title').textContent()).toBe('treatment wins');
    expect(await page.getByTestId('variant-row-treatment').getAttribute('data-winner')).toBe('true');
    // Every outcome counted, for the variant its subject was assigned; the page shows the observed rates.
    const results = await call('GET', `/orgs/${orgId}/experiments/${experimentId}/results`);
    for (const v of ['control', 'treatment'] as const) {
      const row = (results.variants as { name: string; n: number; mean: number }[]).find(
        (r) => r.name === v,
      )!;
      expect(row.n).toBe(seen[v]);
      expect(row.mean).toBeCloseTo(bought[v] / seen[v], 9);
      // The verdict may come before the last outcomes: the page catches up on its next refresh.
      await expect
        .poll(
          async () => Number((await page.getByTestId(`variant-mean-${v}`).textContent())?.replace(' %', '')),
          {
            timeout: 15_000,
          },
        )
        .toBeCloseTo((bought[v] / seen[v]) * 100, 1);
    }
    expect(await page.getByTestId('variant-pbest-treatment').textContent()).toBe('> 99.9 %');
    await page.locator('[data-testid="posterior-chart"] .recharts-line').nth(1).waitFor();
    await screenshotFromTop(page, SPEC, '02-results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('experiment-download').click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('Warmer-greeting.results.csv');
    expect(csv).toContain('treatment');
  });

  it('stops the experiment and moves production to the winner', async () => {
    await page.getByTestId('experiment-promote').click();
    expect(await page.getByTestId('promote-variant').inputValue()).toMatch(/^treatment/);
    expect(await page.getByTestId('promote-label').inputValue()).toBe('production');
    await page.getByTestId('confirm-button').click();
    await page.locator('[data-testid="experiment-status"][data-status="stopped"]').waitFor();
    const production = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}?label=production`);
    expect(production.version).toBe(2);

    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('experiment-row-Warmer greeting').waitFor();
    expect(await page.getByTestId('experiment-row-Warmer greeting').textContent()).toContain(
      'treatment promoted',
    );
  });

  it('shows runs, cost, latency and errors on the analytics dashboard, and exports them', async () => {
    const models = (await call('GET', `/orgs/${orgId}/models`)).items as { id: string; name: string }[];
    const fast = models.find((m) => m.name === 'mock-fast')!;
    const smart = models.find((m) => m.name === 'mock-smart')!;
    const runs = Array.from({ length: 12 }, (_, i) => i);
    await inBatches(runs, 4, async (i) => {
      await call('POST', `/orgs/${orgId}/executions`, {
        prompt: { name: PROMPT, version: (i % 2) + 1 },
        modelId: i < 8 ? fast.id : smart.id,
        variables: { customer: `Customer ${i}` },
      });
    });

    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('kpi-cards').waitFor();
    // Runs are counted as they finish; refresh until all twelve are in.
    await expect
      .poll(
        async () => {
          await page.getByTestId('analytics-refresh').click();
          return page.getByTestId('kpi-runs-value').textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('12');
    expect(await page.getByTestId('kpi-cost-value').textContent()).toMatch(/^\$\d/);
    expect(await page.getByTestId('kpi-latency-value').textContent()).toMatch(/\d (ms|s)$/);
    expect(await page.getByTestId('kpi-errors-value').textContent()).toBe('0 %');
    // Nothing ran the week before: every figure is new.
    expect(await page.getByTestId('kpi-runs-change').textContent()).toBe('new');
    // Bars of days without runs have no shape: wait for one with runs.
    await page.locator('[data-testid="chart-runs"] .recharts-bar-rectangle path').first().waitFor();
    await page.locator('[data-testid="chart-latency"] .recharts-line').first().waitFor();
    expect(await page.getByTestId('chart-quality-empty').count()).toBe(1);
    // The last step's "experiment stopped" notice would cover a chart in the picture.
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshotFromTop(page, SPEC, '03-analytics');

    // One line per model; the table lists both with their own totals.
    await page.getByTestId('analytics-group-by').getByText('Model').click();
    await page.waitForURL(/groupBy=model/);
    await expect.poll(() => page.getByTestId('series-row').count(), { timeout: 10_000 }).toBe(2);
    const busiest = page.getByTestId('series-row').first().locator('td');
    expect(await busiest.nth(0).textContent()).toBe('mock-fast');
    expect(await busiest.nth(1).textContent()).toBe('8');
    await screenshotFromTop(page, SPEC, '04-analytics-by-model');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('analytics-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^analytics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/executions/);

    const [table] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('series-table-export').click(),
    ]);
    const totals = (await readFile((await table.path())!, 'utf8')).trim().split('\r\n');
    expect(totals[0]).toMatch(/^series,label,executions,/);
    expect(totals.at(-1)).toMatch(/^total,Total,12,0,/);
  });

  it('tells a member of a fresh organization how to get data', async () => {
    const fresh = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1440, height: 900 },
    });
    const other = await fresh.newPage();
    const path = await signUp(other, uniqueUser('empty'));
    await other.goto(`${path}/analytics`);
    await other.getByTestId('analytics-empty').waitFor();
    expect(await other.getByTestId('analytics-empty').textContent()).toContain(
      'Run a prompt in the playground',
    );
    await screenshotFromTop(other, SPEC, '05-analytics-empty');
    await fresh.close();
  });
});
