import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessToken as loginToken,
  apiCaller,
  signUp,
  type TestUser,
  typeInEditor,
  uniqueUser,
} from './support/app.js';
import { launchBrowser, screenshotFromTop } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// Versioning and review: an admin protects production; an editor asks for production to move to
// a new version; the admin reads the diff and approves, and production moves. Then the editor's
// save loses a race with the admin's and is merged in the three-way view.
const SPEC = 'review';
const PROMPT = 'support/reply';
const PROMPT_PATH = encodeURIComponent(PROMPT);

let server: RunningServer;
let call: ReturnType<typeof apiCaller>;
let browser: Browser;
let adminContext: BrowserContext;
let editorContext: BrowserContext;
let admin: Page;
let editor: Page;
let adminUser: TestUser;
let editorUser: TestUser;
let orgId = '';
let adminToken = '';
let reviewUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  call = apiCaller(server.baseUrl, () => adminToken);
  const options = { baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } };
  adminContext = await browser.newContext(options);
  editorContext = await browser.newContext(options);
  admin = await adminContext.newPage();
  editor = await editorContext.newPage();
  adminUser = uniqueUser('reviewadmin');
  editorUser = uniqueUser('revieweditor');
  orgId = (await signUp(admin, adminUser)).split('/').pop()!;

  adminToken = await loginToken(server.baseUrl, adminUser);

  // The editor joins through an invitation, as a teammate would.
  const invited = await call('POST', `/orgs/${orgId}/members`, { email: editorUser.email, role: 'editor' });
  await editor.goto(`/signup?invitation=${encodeURIComponent(invited.invitationToken as string)}`);
  await editor.getByTestId('signup-invitation').waitFor();
  await editor.getByTestId('signup-name').fill(editorUser.name);
  await editor.getByTestId('signup-password').fill(editorUser.password);
  await editor.getByTestId('signup-submit').click();
  await editor.waitForURL((url) => url.pathname === `/orgs/${orgId}`);

  // Two versions; production on the first, set before the label is protected.
  await call('POST', `/orgs/${orgId}/prompts`, {
    name: PROMPT,
    template: 'You are a support agent.\nAnswer the customer: {{question}}\nBe brief.',
    commitMessage: 'first reply prompt',
  });
  await call('PUT', `/orgs/${orgId}/prompts/${PROMPT_PATH}/labels/production`, { version: 1 });
  await call('POST', `/orgs/${orgId}/prompts/${PROMPT_PATH}/versions`, {
    template: 'You are a friendly support agent.\nAnswer the customer: {{question}}\nBe brief and kind.',
    commitMessage: 'friendlier tone',
  });
}, 120_000);

afterAll(async () => {
  await adminContext?.close();
  await editorContext?.close();
  await browser?.close();
  await server?.stop();
});

describe('review journey', () => {
  it('lets the admin protect production', async () => {
    await admin.getByTestId('nav-reviews').click();
    await admin.getByTestId('reviews-empty').waitFor();
    await admin.getByTestId('review-settings-link').click();
    const labels = admin.getByTestId('settings-protected-labels');
    await labels.waitFor();
    await labels.fill('production');
    await labels.press('Enter');
    await admin.getByTestId('settings-required-approvals').fill('1');
    // The evaluation gate reuses the evaluation form's evaluators; it stays off here.
    await admin.getByTestId('settings-gate-enabled').check({ force: true });
    await admin.getByTestId('gate-fields').waitFor();
    await admin.getByTestId('gate-threshold-0-min').fill('0.8');
    await screenshotFromTop(admin, SPEC, '01-settings-gate');
    await admin.getByTestId('settings-gate-enabled').uncheck({ force: true });
    await admin.getByTestId('gate-fields').waitFor({ state: 'detached' });
    await screenshotFromTop(admin, SPEC, '01-settings');
    await admin.getByTestId('settings-save').click();
    await expect
      .poll(async () => (await call('GET', `/orgs/${orgId}/settings/review`)).protectedLabels)
      .toEqual(['production']);
  });

  it('makes the editor ask for a review instead of moving production', async () => {
    await editor.goto(`/orgs/${orgId}/prompts/${PROMPT}`);
    await editor.getByTestId('versions-button').click();
    await editor.getByTestId('version-row-2').waitFor();
    await editor.getByTestId('version-label-1-production').waitFor();
    // production carries a lock on the timeline.
    expect(await editor.getByTestId('version-label-1-production').locator('svg').count()).toBe(1);
    await screenshotFromTop(editor, SPEC, '02-timeline');

    await editor.getByTestId('version-actions-2').click();
    await editor.getByTestId('version-move-label-2').click();
    await editor.getByTestId('label-move-protected').waitFor();
    expect(await editor.getByTestId('label-move-submit').textContent()).toContain('Request review');
    await editor.getByTestId('label-move-submit').click();
    await editor.getByTestId('review-description').fill('Customers said the replies felt cold.');
    await editor.getByTestId('review-open-submit').click();
    await editor.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
    reviewUrl = new URL(editor.url()).pathname;
    await editor.getByTestId('review-title').waitFor();
    expect(await editor.getByTestId('review-title').textContent()).toBe('production → v2');
    // The author cannot approve their own change, and is told why.
    expect(await editor.getByTestId('review-approve').isDisabled()).toBe(true);
    expect(await editor.getByTestId('review-approve-reason').textContent()).toMatch(/someone else/);
    expect(await editor.getByTestId('review-approvals').textContent()).toBe('0 of 1 approval');
    await screenshotFromTop(editor, SPEC, '03-review-opened');
  });

  it('shows the admin the open review, its diff, and merges on approval', async () => {
    await admin.getByTestId('nav-reviews').click();
    await expect.poll(() => admin.getByTestId('reviews-open-count').textContent()).toBe('1');
    await admin.getByTestId(`review-row-${PROMPT}`).getByRole('link', { name: 'production → v2' }).click();
    await admin.waitForURL((url) => url.pathname === reviewUrl);

    // Side by side in Monaco, then the unified view with the changed words marked.
    await admin.locator('[data-testid="side-by-side-diff"] .monaco-diff-editor').waitFor();
    await admin.getByTestId('diff-layout').getByText('Unified').click();
    const unified = admin.getByTestId('unified-diff');
    await unified.waitFor();
    expect(await admin.getByTestId('diff-added').textContent()).toBe('+2');
    expect(await admin.getByTestId('diff-removed').textContent()).toBe('−2');
    const added = await unified.locator('[data-op="add"] span[class*="wordAdd"]').allTextContents();
    expect(added.join('|')).toContain('friendly ');
    expect(added.join('|')).toContain(' and kind');
    await screenshotFromTop(admin, SPEC, '04-review-diff');

    await admin.getByTestId('review-comment').fill('Reads much better.');
    await admin.getByTestId('review-approve').click();
    await expect.poll(() => admin.getByTestId('review-status').textContent()).toBe('merged');
    await admin.getByTestId('activity-merged').waitFor();
    expect(await admin.getByTestId('review-activity').textContent()).toContain('Reads much better.');
    await screenshotFromTop(admin, SPEC, '05-review-merged');

    const production = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}?label=production`);
    expect(production.version).toBe(2);
    await admin.getByTestId('reviews-tab-merged').isVisible();
  });

  it('compares two versions from the timeline', async () => {
    await admin.goto(`/orgs/${orgId}/prompts/${PROMPT}`);
    await admin.getByTestId('versions-button').click();
    await admin.getByTestId('version-actions-1').click();
    await admin.getByTestId('version-compare-pick-1').click();
    await admin.getByTestId('version-compare-with-2').click();
    await admin.waitForURL(/\/compare\/support\/reply\?from=1&to=2$/);
    await admin.locator('[data-testid="side-by-side-diff"] .monaco-diff-editor').waitFor();
    // Monaco marks inserted text in the modified editor.
    await admin.locator('.monaco-diff-editor .char-insert').first().waitFor();
    await screenshotFromTop(admin, SPEC, '06-compare');
  });

  it('merges a save that lost the race in the three-way view', async () => {
    await editor.goto(`/orgs/${orgId}/prompts/${PROMPT}`);
    await editor.getByTestId('template-editor').locator('.monaco-editor').waitFor();
    // The admin saves v3 while the editor is still editing v2.
    await call('POST', `/orgs/${orgId}/prompts/${PROMPT_PATH}/versions`, {
      template:
        'You are a friendly support agent.\nAnswer the customer in their language: {{question}}\nBe brief and kind.',
      commitMessage: 'answer in the customer language',
    });
    await typeInEditor(editor, 'template-editor', '\nSign as the support team.', false);
    // The draft against production, before saving.
    await editor.getByTestId('compare-button').click();
    await editor.getByTestId('diff-view').waitFor();
    expect(await editor.getByTestId('draft-compare-against').inputValue()).toBe('production');
    await editor.getByTestId('diff-layout').getByText('Unified').click();
    expect(await editor.getByTestId('unified-diff').textContent()).toContain('Sign as the support team.');
    await screenshotFromTop(editor, SPEC, '07-draft-vs-production');
    await editor.keyboard.press('Escape');
    await editor.getByTestId('draft-compare-modal').waitFor({ state: 'detached' });

    await editor.getByTestId('save-version-button').click();
    await editor.getByTestId('save-version-message').fill('sign replies');
    await editor.getByTestId('save-version-submit').click();

    await editor.getByTestId('three-way').waitFor();
    await editor.getByTestId('conflict-alert').waitFor();
    // Different lines changed: the automatic merge has both, with no markers to resolve.
    const merged = await editor.getByTestId('merge-text').inputValue();
    expect(merged).toContain('in their language');
    expect(merged).toContain('Sign as the support team.');
    expect(await editor.getByTestId('merge-save').isDisabled()).toBe(false);
    await screenshotFromTop(editor, SPEC, '08-conflict');
    await editor.getByTestId('merge-save').click();
    await editor.waitForURL((url) => url.pathname.endsWith(`/prompts/${PROMPT}`) && !url.search);
    await expect.poll(() => editor.getByTestId('playground-version').textContent()).toBe('v4');
    const latest = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}`);
    expect(latest.template).toContain('in their language');
    expect(latest.template).toContain('Sign as the support team.');
  });

  it('rolls back to an older version as a new version', async () => {
    await editor.getByTestId('versions-button').click();
    await editor.getByTestId('version-actions-1').click();
    await editor.getByTestId('version-rollback-1').click();
    await editor.getByTestId('rollback-message').fill('back to the first reply');
    await screenshotFromTop(editor, SPEC, '09-rollback');
    await editor.getByTestId('rollback-submit').click();
    await expect.poll(() => editor.getByTestId('playground-version').textContent()).toBe('v5');
    const latest = await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}`);
    expect(latest.template).toBe('You are a support agent.\nAnswer the customer: {{question}}\nBe brief.');
    expect(latest.commitMessage).toBe('back to the first reply');
    // Production stays where the review put it.
    expect((await call('GET', `/orgs/${orgId}/prompts/${PROMPT_PATH}?label=production`)).version).toBe(2);
  });
});
