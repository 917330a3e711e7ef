import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, typeInEditor, uniqueUser } from './support/app.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { startMockLlm, type RunningMockLlm } from './support/mock-llm.js';
import { startServer, type RunningServer } from './support/server.js';

// Issue 11: what a newcomer trips over in the first hour — work kept across reloads, shortcuts
// that do what they say, messages for people, a phone-sized playground.
const SPEC = 'first-hour';
const PROMPT = 'onboarding/welcome';

let server: RunningServer;
let mockLlm: RunningMockLlm;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let home = '';
const dialogs: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);

// In-page code as strings: this tsconfig has no DOM types.
const placeholderAndBorder = (testId: string) => `(() => {
  const el = document.querySelector('[data-testid="${testId}"]');
  return { placeholder: getComputedStyle(el, '::placeholder').color, border: getComputedStyle(el).borderColor };
})()`;
/** Whether the nearest ancestor that scrolls sideways is wider inside than on screen. */
const scrollsSideways = (testId: string) => `(() => {
  const el = document.querySelector('[data-testid="${testId}"]');
  for (let node = el.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return node.scrollWidth > node.clientWidth;
  }
  return false;
})()`;

/** The Monaco editor's text, line by line, as rendered. */
async function editorLines(testId: string): Promise<string[]> {
  return page
    .locator(`[data-testid="${testId}"] .view-line`)
    .evaluateAll((lines) => lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')));
}

/** Types text with one {{variable}}, closing the completion list the braces open (as a user would). */
async function typeWithVariable(testId: string, before: string, variable: string, after: string) {
  await typeInEditor(page, testId, `${before}{{`, true, false);
  await page.keyboard.press('Escape');
  await typeInEditor(page, testId, `${variable}}}${after}`, false);
}

/** Fills every variable the prompt shows, so a run is not blocked on an empty one. */
async function fillVariables(value: string) {
  for (const input of await page.locator('[data-testid^="variable-input-"]').all()) await input.fill(value);
}

async function waitForRunEnd(): Promise<string | null> {
  await page
    .locator('[data-testid="run-status"]:not([data-status="running"]):not([data-status="idle"])')
    .waitFor({ timeout: 30_000 });
  return byTestId('run-status').getAttribute('data-status');
}

beforeAll(async () => {
  // One after the other: on a busy machine three cold starts at once outlast the start-up timeouts.
  server = await startServer();
  [browser, mockLlm] = await Promise.all([launchBrowser(), startMockLlm()]);
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  home = await signUp(page, uniqueUser('first'));
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.all([server?.stop(), mockLlm?.stop()]);
});

describe('the first hour', () => {
  it('runs from the editor with Ctrl+Enter, on the built-in mock model, without any setup', async () => {
    await byTestId('nav-prompts').click();
    await byTestId('new-prompt-button').click();
    await byTestId('new-prompt-name').fill(PROMPT);
    await byTestId('new-prompt-submit').click();
    await page.waitForURL(/\/playground\?/);
    // A healthy, cheap model is chosen for a new prompt: the mock's cheapest.
    await expect.poll(() => byTestId('model-select').inputValue(), { timeout: 20_000 }).toMatch(/Mock Fast/);

    await typeWithVariable('message-editor-1', 'Welcome ', 'name', ' to the team.');
    await byTestId('variable-input-name').fill('Ada');
    const before = await editorLines('message-editor-1');
    await page.locator('[data-testid="message-editor-1"] .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await waitForRunEnd()).toBe('succeeded');
    // The shortcut ran the prompt and did not insert a line into the message.
    expect(await editorLines('message-editor-1')).toEqual(before);
    const cost = (await byTestId('badge-cost').textContent()) ?? '';
    expect(cost).toMatch(/\$0\.0*[1-9]/);
    expect(cost).not.toMatch(/e-\d/);
    await screenshot(page, SPEC, '01-ctrl-enter-run');
  });

  it('keeps an unsaved draft across a reload and warns before leaving it', async () => {
    await typeWithVariable('message-editor-0', 'You are a friendly ', 'team', ' lead.');
    await byTestId('variable-input-team').fill('platform');
    await page.reload();
    await byTestId('draft-restored').waitFor();
    expect(dialogs).toContain('beforeunload');
    expect((await editorLines('message-editor-0')).join('\n')).toBe('You are a friendly {{team}} lead.');
    expect(await byTestId('variable-input-team').inputValue()).toBe('platform');
    await screenshot(page, SPEC, '02-draft-restored');

    // In-app navigation asks first; staying keeps everything.
    await byTestId('nav-prompts').click();
    await byTestId('confirm-button').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toContain('/playground');
    expect(await byTestId('variable-input-team').inputValue()).toBe('platform');

    await byTestId('save-version-button').click();
    await byTestId('save-version-submit').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/prompts/${PROMPT}`));
    await expect.poll(() => byTestId('playground-version').textContent()).toBe('v1');
  });

  it('opens a run of another prompt with its own template, never the rendered text', async () => {
    // An ad-hoc run in the scratch playground, then opened from "All runs" while the saved prompt is open.
    await byTestId('nav-playground').click();
    await page.waitForURL(/\/playground$/);
    await typeWithVariable('message-editor-1', 'Scratch about ', 'subject', '');
    await screenshot(page, SPEC, '03a-scratch');
    expect((await editorLines('message-editor-1')).join('\n')).toBe('Scratch about {{subject}}');
    await byTestId('variable-input-subject').fill('otters');
    await byTestId('run-button').click();
    expect(await waitForRunEnd()).toBe('succeeded');

    await byTestId('nav-overview').click();
    // Leaving the scratch draft asks; it is kept in this browser.
    await byTestId('confirm-button').click();
    await page.waitForURL((url) => url.pathname === home);
    await page.goto(`${home}/prompts/${PROMPT}`);
    await expect.poll(() => byTestId('playground-version').textContent()).toBe('v1');
    await byTestId('history-button').click();
    await byTestId('history-scope').getByText('All runs').click();
    const adHoc = page.locator('[data-testid="history-item"]', { hasText: 'Ad-hoc run' }).first();
    await adHoc.waitFor();
    // Statuses are never cut short.
    const status = adHoc.getByTestId('history-status');
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await adHoc.click();
    await page.waitForURL(/\/playground\?run=/);
    await expect
      .poll(async () => (await editorLines('message-editor-1')).join('\n'), { timeout: 15_000 })
      .toBe('Scratch about {{subject}}');
    expect(await byTestId('variable-input-subject').inputValue()).toBe('otters');

    // The saved prompt still has its own template; run it once for the overview.
    await page.goto(`${home}/prompts/${PROMPT}`);
    await expect
      .poll(async () => (await editorLines('message-editor-1')).join('\n'), { timeout: 15_000 })
      .toBe('Welcome {{name}} to the team.');
    await fillVariables('x');
    await byTestId('run-button').click();
    expect(await waitForRunEnd()).toBe('succeeded');
  });

  it('shows this month’s numbers on the overview', async () => {
    await page.goto(home);
    await byTestId('overview-stats').waitFor();
    await expect
      .poll(async () => Number(await byTestId('overview-runs').textContent()))
      .toBeGreaterThanOrEqual(3);
    expect(await byTestId('overview-failure-rate').textContent()).toBe('0 %');
    expect(await byTestId('overview-top-prompts').textContent()).toContain(PROMPT);
    await screenshot(page, SPEC, '03-overview');
  });

  it('offers the models an OpenAI-compatible server lists, and a failed run shows only its error', async () => {
    await byTestId('nav-providers').click();
    await byTestId('add-provider-button').click();
    await byTestId('provider-type').selectOption('openai');
    expect(await byTestId('provider-base-url').getAttribute('placeholder')).toBe('https://api.openai.com/v1');
    await byTestId('provider-type').selectOption('openai-compatible');
    await byTestId('provider-name').fill('Local');
    // A failed submit marks the field, but its placeholder stays grey.
    await byTestId('provider-submit').click();
    await page.getByText('Required for this type').waitFor();
    const colors = (await page.evaluate(placeholderAndBorder('provider-base-url'))) as {
      placeholder: string;
      border: string;
    };
    expect(colors.placeholder).not.toBe(colors.border);
    await byTestId('provider-base-url').fill(`${mockLlm.url}/v1`);
    await byTestId('provider-submit').click();
    await byTestId('pick-models').waitFor();
    await byTestId('pick-model-mock-gpt-4o-mini').click();
    await screenshot(page, SPEC, '04-pick-models');
    await byTestId('pick-models-add').click();
    await byTestId('model-row-mock-gpt-4o-mini').waitFor();

    await page.goto(`${home}/prompts/${PROMPT}`);
    await byTestId('model-select').click();
    await byTestId('model-option-mock-gpt-4o-mini').click();
    await fillVariables('x');
    await mockLlm.queueFault({ fail: 500, count: 3, path: '/v1/chat/completions' });
    await byTestId('run-button').click();
    expect(await waitForRunEnd()).toBe('failed');
    await byTestId('run-error').waitFor();
    expect(await byTestId('run-placeholder').count()).toBe(0);
    await screenshot(page, SPEC, '05-failed-run');
  });

  it('keeps unknown pages and missing prompts inside the app with a way back', async () => {
    await page.goto(`${home}/no-such-page`);
    await byTestId('not-found').waitFor();
    await byTestId('nav-prompts').waitFor();
    await page.goto(`${home}/prompts/does/not/exist`);
    await page.getByText('Prompt not found').waitFor();
    await byTestId('nav-prompts').waitFor();
    await byTestId('not-found-back').click();
    await page.waitForURL(/\/prompts$/);
  });

  it('filters the audit log by member and by action prefix', async () => {
    await byTestId('nav-audit').click();
    await byTestId('audit-filter-actor').click();
    await page.getByRole('option', { name: /First Tester/ }).click();
    await byTestId('audit-filter-action').fill('prompt');
    await byTestId('audit-filter-apply').click();
    await expect
      .poll(async () =>
        page
          .locator('[data-testid="audit-row"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
      )
      .toContain('prompt.created');
    const actions = await page
      .locator('[data-testid="audit-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
    expect(actions.every((a) => a.startsWith('prompt'))).toBe(true);
  });
});

describe('signed out', () => {
  let guest: BrowserContext;
  let guestPage: Page;
  beforeAll(async () => {
    guest = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
    guestPage = await guest.newPage();
  });
  afterAll(async () => guest?.close());

  it('words validation and rate limits for people', async () => {
    await guestPage.goto('/signup');
    await guestPage.getByTestId('signup-submit').click();
    await guestPage.getByText('Name is required', { exact: true }).waitFor();
    expect(await guestPage.getByText(/Too small/).count()).toBe(0);

    await guestPage.goto('/login');
    const email = `locked-${Date.now()}@example.com`;
    for (let i = 0; i < 6; i++) {
      await guestPage.getByTestId('login-email').fill(email);
      await guestPage.getByTestId('login-password').fill('not the password');
      await guestPage.getByTestId('login-submit').click();
      await guestPage.getByTestId('login-error').waitFor();
    }
    await expect
      .poll(() => guestPage.getByTestId('login-error').textContent())
      .toMatch(/^Too many login attempts; try again in \d+ minutes?\.$/);
  });

  it('explains how to reset a password when the server cannot send email', async () => {
    await guestPage.goto('/login');
    await guestPage.getByTestId('login-forgot').click();
    await guestPage.getByTestId('reset-email').fill('someone@example.com');
    await guestPage.getByTestId('reset-submit').click();
    await guestPage.getByTestId('reset-unavailable').waitFor();
    expect(await guestPage.getByTestId('reset-unavailable').textContent()).toMatch(/admin/);
  });
});

describe('on a 390 px phone', () => {
  let phone: BrowserContext;
  let phonePage: Page;
  beforeAll(async () => {
    phone = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phonePage = await phone.newPage();
    await signUp(phonePage, uniqueUser('phone'));
  }, 60_000);
  afterAll(async () => phone?.close());

  const noPageOverflow = (p: Page) =>
    p.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1') as Promise<boolean>;

  it('stacks the playground inputs before the output', async () => {
    const org = new URL(phonePage.url()).pathname;
    await phonePage.goto(`${org}/playground`);
    await phonePage.getByTestId('run-button').waitFor();
    const top = async (id: string) => (await phonePage.getByTestId(id).boundingBox())?.y ?? -1;
    const editor = await top('editor-card');
    const controls = await top('controls-card');
    const variables = await top('variables-form');
    const output = await top('run-output-card');
    expect(editor).toBeLessThan(controls);
    expect(controls).toBeLessThan(variables);
    expect(variables).toBeLessThan(output);
    expect(await noPageOverflow(phonePage)).toBe(true);
    await screenshot(phonePage, SPEC, '06-phone-playground');
  });

  it('scrolls the members and audit tables instead of clipping them', async () => {
    const org = new URL(phonePage.url()).pathname.replace(/\/playground$/, '');
    for (const [path, table] of [
      ['members', 'members-table'],
      ['audit', 'audit-table'],
    ] as const) {
      await phonePage.goto(`${org}/${path}`);
      await phonePage.getByTestId(table).waitFor();
      expect(await noPageOverflow(phonePage)).toBe(true);
      // The nearest ancestor that scrolls sideways holds the whole table.
      const scrolls = await phonePage.evaluate(scrollsSideways(table));
      expect(scrolls).toBe(true);
      await screenshot(phonePage, SPEC, `07-phone-${path}`);
    }
  });
});
