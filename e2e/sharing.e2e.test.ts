import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessToken as loginToken, apiCaller, signUp, type TestUser, uniqueUser } from './support/app.js';
import { launchBrowser, screenshotFromTop } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// Composition and sharing: a shared tone prompt included by a reply prompt (made over the API),
// "Used by" on the tone's page and the warning before saving it, then a share link created in the
// dialog, opened by a visitor without an account, and revoked.
const SPEC = 'sharing';

let server: RunningServer;
let call: ReturnType<typeof apiCaller>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let orgId = '';
let token = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  call = apiCaller(server.baseUrl, () => token);
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  user = uniqueUser('share');
  orgId = (await signUp(page, user)).split('/').pop()!;
  token = await loginToken(server.baseUrl, user);
  await call('POST', `/orgs/${orgId}/prompts`, {
    name: 'shared/tone',
    template: 'Answer in a {{style}} tone.',
    variables: [{ name: 'style', default: 'friendly' }],
  });
  await call('POST', `/orgs/${orgId}/prompts`, {
    name: 'support/reply',
    description: 'Replies to customer emails',
    messages: [
      { role: 'system', content: 'You are a support agent. {{> shared/tone}}' },
      { role: 'user', content: 'Customer wrote: {{email}}' },
    ],
    params: { temperature: 0.3 },
    commitMessage: 'first draft',
  });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('composition and sharing journey', () => {
  it('shows who includes a prompt and warns before saving it', async () => {
    await page.goto(`/orgs/${orgId}/prompts/shared/tone`);
    await page.getByTestId('used-by-button').click();
    const list = page.getByTestId('used-by-list');
    await list.waitFor();
    expect(await list.textContent()).toContain('support/reply');
    expect(await list.textContent()).toContain('{{> shared/tone}}');
    await screenshotFromTop(page, SPEC, '01-used-by');
    await page.getByTestId('used-by-button').click();
    await list.waitFor({ state: 'hidden' });
    await page.getByTestId('save-version-button').click();
    const warning = page.getByTestId('included-by-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('1 prompt includes this one (support/reply)');
    await screenshotFromTop(page, SPEC, '02-save-warning');
    await page.keyboard.press('Escape');
  });

  it('creates a share link in the dialog; a visitor without an account reads the version', async () => {
    await page.goto(`/orgs/${orgId}/prompts/support/reply`);
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-links-empty').waitFor();
    await page.getByTestId('share-create').click();
    const url = page.getByTestId('share-link-url');
    await url.waitFor();
    const link = (await url.textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/shared/[A-Za-z0-9_-]{43}$`));
    await page.getByTestId('share-link-row').waitFor();
    await screenshotFromTop(page, SPEC, '03-share-dialog');

    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const view = await visitor.newPage();
      await view.goto(link);
      const shared = view.getByTestId('shared-prompt');
      await shared.waitFor();
      const text = (await shared.textContent()) ?? '';
      expect(text).toContain('support/reply');
      expect(text).toContain('You are a support agent. {{> shared/tone}}');
      expect(text).toContain('temperature');
      expect(await view.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
      await screenshotFromTop(view, SPEC, '04-shared-page');

      // Revoked in the dialog: the visitor's next load says the link no longer works.
      await page.getByTestId('share-link-revoke').click();
      await expect
        .poll(async () => (await page.getByTestId('share-link-row').textContent()) ?? '')
        .toContain('revoked');
      await view.reload();
      await view.getByTestId('shared-not-found').waitFor();
      await screenshotFromTop(view, SPEC, '05-shared-revoked');
    } finally {
      await visitor.close();
    }
  });
});
