import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, typeInEditor, uniqueUser } from './support/app.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// The evaluation journey: a CSV dataset uploaded through the column-mapping preview, a prompt in
// two versions, an evaluation of both against the mock model, followed live to its summary, then
// the item-by-item comparison.
const SPEC = 'evaluations';
const PROMPT = 'eval/capitals';
const DATASET = 'capitals';
const CSV = [
  'country,style,answer',
  'France,short,Paris',
  '"Japan","short, please",Tokyo',
  'Kenya,"one ""word""",Nairobi',
  'Peru,short,Lima',
  'Canada,short,Ottawa',
  'Norway,short,Oslo',
].join('\r\n');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Picks an option of a Mantine Select (its input carries the test id). */
async function choose(testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signUp(page, uniqueUser('evals'));
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('evaluation journey', () => {
  it('creates a dataset and uploads a CSV after checking the preview and the expected column', async () => {
    await page.getByTestId('nav-datasets').click();
    await page.getByTestId('datasets-empty').waitFor();
    await page.getByTestId('new-dataset-button').click();
    await page.getByTestId('dataset-name').fill(DATASET);
    await page.getByTestId('dataset-description').fill('Countries and their capitals');
    await page.getByTestId('dataset-create-submit').click();
    await page.getByTestId('dataset-items-empty').waitFor();

    await page.getByTestId('dataset-upload').click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('upload-choose-file').click(),
    ]);
    await chooser.setFiles({ name: 'capitals.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const preview = page.getByTestId('upload-preview');
    await preview.waitFor();
    // Quoted commas and doubled quotes are read as the server will read them.
    expect(await preview.textContent()).toContain('short, please');
    expect(await preview.textContent()).toContain('one "word"');
    // "answer" is recognised as the expected output; the other columns become variables.
    expect(await page.getByTestId('upload-expected-column').inputValue()).toBe('answer');
    expect(await page.getByTestId('upload-preview-summary').textContent()).toContain(
      '2 variables and expected',
    );
    await screenshot(page, SPEC, '01-upload-preview');

    await page.getByTestId('upload-submit').click();
    await page.getByTestId('upload-preview').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('dataset-item-row').count()).toBe(6);
    await page.getByTestId('items-column-country').waitFor();
    await page.getByTestId('items-column-style').waitFor();
    expect(await page.getByTestId('dataset-version').textContent()).toBe('v1');
    await screenshot(page, SPEC, '02-dataset');
  });

  it('edits a cell inline, which makes a new version, and shows the old one read-only', async () => {
    await page.getByTestId('cell-3-expected').click();
    const input = page.getByTestId('cell-3-expected-input');
    await input.fill('Lima, Peru');
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('dataset-version').textContent()).toBe('v2');
    expect(await page.getByTestId('cell-3-expected').textContent()).toBe('Lima, Peru');

    await choose('dataset-version-select', 'v1');
    await page.getByTestId('old-version-alert').waitFor();
    await expect.poll(() => page.getByTestId('cell-3-expected').textContent()).toBe('Lima');
    expect(await page.getByTestId('add-item-button').count()).toBe(0);
    await screenshot(page, SPEC, '03-old-version');
    await page.getByRole('button', { name: 'Back to the current version' }).click();
    await page.getByTestId('old-version-alert').waitFor({ state: 'hidden' });
  });

  it('writes a prompt in two versions', async () => {
    await page.getByTestId('nav-prompts').click();
    await page.getByTestId('new-prompt-button').click();
    await page.getByTestId('new-prompt-name').fill(PROMPT);
    await page.getByTestId('new-prompt-submit').click();
    await page.waitForURL(/\/playground\?/);
    await typeInEditor(page, 'message-editor-0', 'You answer geography questions.');
    await typeInEditor(page, 'message-editor-1', 'Capital of {{country}}? Style: {{style}}');
    await page.getByTestId('variable-input-country').waitFor();
    await page.getByTestId('save-version-button').click();
    await page.getByTestId('save-version-submit').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/prompts/${PROMPT}`));
    await expect.poll(() => page.getByTestId('playground-version').textContent()).toBe('v1');

    await typeInEditor(page, 'message-editor-1', ' Reply with the city name only.', false);
    await page.getByTestId('playground-dirty').waitFor();
    await page.getByTestId('save-version-button').click();
    await page.getByTestId('save-version-submit').click();
    await expect.poll(() => page.getByTestId('playground-version').textContent()).toBe('v2');
  });

  it('starts an evaluation of both versions from the dataset page', async () => {
    await page.getByTestId('nav-datasets').click();
    await page.getByTestId(`dataset-link-${DATASET}`).click();
    await page.getByTestId('dataset-evaluate').click();
    await page.waitForURL(/\/evaluations\/new\?datasetId=/);
    await page.getByTestId('evaluation-name').fill('v1 vs v2');

    await choose('variant-0-prompt', PROMPT);
    await page.getByTestId('variant-0-pin').getByText('Version').click();
    await choose('variant-0-version', 'v1');
    await page.getByTestId('add-variant').click();
    await page.getByTestId('variant-1-pin').getByText('Version').click();
    await choose('variant-1-version', /^v2/);
    await page.getByTestId('variant-1-name').fill('city only');
    // exact-match and latency are there by default; add a graded one.
    await page.getByTestId('add-evaluator').click();
    await page.getByTestId('evaluator-2').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-planned').textContent()).toBe('12 model calls');
    await screenshot(page, SPEC, '04-new-evaluation');

    await page.getByTestId('evaluation-start').click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
  });

  it('follows the run live until its summary, with the best variant per metric marked', async () => {
    // The mock answers fast: the live card may already be gone; either way the summary follows.
    const live = page.getByTestId('live-progress');
    if (await live.isVisible()) await screenshot(page, SPEC, '05-running');
    await page
      .locator('[data-testid="evaluation-status"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });
    const summary = page.getByTestId('summary-table');
    await summary.waitFor();
    await page.getByTestId('summary-row-exact_match').waitFor();
    await page.getByTestId('summary-row-levenshtein').waitFor();
    await page.getByTestId('summary-row-latency_ms').waitFor();
    // Variant 2 is compared with the baseline on every metric.
    await page.getByTestId('comparison-levenshtein-1').waitFor();
    expect(await page.locator('[data-testid="summary-table"] [data-best]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('evaluation-cost').textContent()).toMatch(/\$0\.0*[1-9]/);
    await page.getByTestId('score-histograms').waitFor();
    await screenshot(page, SPEC, '06-summary');
  });

  it('compares the items side by side and sorts by regression', async () => {
    await page.getByTestId('evaluation-view').getByText('Compare items').click();
    await page.getByTestId('comparison-table').waitFor();
    await expect.poll(() => page.getByTestId('comparison-row').count()).toBe(6);
    await page.getByTestId('diff-text').first().waitFor();
    await choose('comparison-metric', 'levenshtein');
    await page.getByTestId('comparison-sort-regression').click({ force: true });
    expect(await page.getByTestId('comparison-count').textContent()).toBe('6 items');
    const link = page.getByTestId('result-execution-link').first();
    expect(await link.getAttribute('href')).toMatch(
      /\/prompts\/eval\/capitals\?version=\d&run=[0-9a-f-]{36}$/,
    );
    await screenshot(page, SPEC, '07-compare');

    await page.getByTestId('nav-evaluations').click();
    await page.getByTestId('evaluation-row-v1 vs v2').waitFor();
    await screenshot(page, SPEC, '08-list');
  });
});
