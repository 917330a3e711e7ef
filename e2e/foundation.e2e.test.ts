import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// Issue 2's journey: sign up → land in the org → invite a viewer → the viewer joins in a new
// context and sees no member controls → the admin reads, exports and verifies the audit log.
const SPEC = 'foundation';
const run = Date.now().toString(36);
const admin = {
  name: 'Ada Admin',
  email: `ada-${run}@example.com`,
  password: 'correct horse battery staple',
  org: `Acme ${run}`,
};
const viewer = { name: 'Vic Viewer', email: `vic-${run}@example.com`, password: 'another long passphrase' };

let server: RunningServer;
let browser: Browser;
let adminContext: BrowserContext;
let viewerContext: BrowserContext;
let adminPage: Page;
let orgUrl = '';
let inviteUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  adminContext = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1360, height: 860 },
  });
  adminPage = await adminContext.newPage();
}, 90_000);

afterAll(async () => {
  await adminContext?.close();
  await viewerContext?.close();
  await browser?.close();
  await server?.stop();
});

describe('platform foundation journey', () => {
  it('signs up and lands in the new organization', async () => {
    const page = adminPage;
    await page.goto('/signup');
    await page.getByTestId('signup-name').fill(admin.name);
    await page.getByTestId('signup-email').fill(admin.email);
    await page.getByTestId('signup-password').fill(admin.password);
    await page.getByTestId('signup-organization').fill(admin.org);
    await screenshot(page, SPEC, '01-signup');
    await page.getByTestId('signup-submit').click();

    await page.waitForURL(/\/orgs\/[^/]+$/);
    await expect.poll(() => page.getByTestId('current-org-name').textContent()).toBe(admin.org);
    await expect.poll(() => page.getByTestId('org-switcher').textContent()).toContain(admin.org);
    orgUrl = new URL(page.url()).pathname;
    await screenshot(page, SPEC, '02-org-home');
  });

  it('invites a viewer and gets the invitation link', async () => {
    const page = adminPage;
    await page.getByTestId('nav-members').click();
    await page.getByTestId(`member-row-${admin.email}`).waitFor();
    await page.getByTestId('invite-member-button').click();
    await page.getByTestId('invite-email').fill(viewer.email);
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('invite-submit').click();

    const link = page.getByTestId('invite-link');
    await link.waitFor();
    inviteUrl = ((await link.textContent()) ?? '').trim();
    expect(inviteUrl).toMatch(new RegExp(`^${server.baseUrl}/signup\\?invitation=.+`));
    await screenshot(page, SPEC, '03-invite-link');
    await page.getByTestId('invite-done').click();
    await page.getByTestId(`invitation-row-${viewer.email}`).waitFor();
    await screenshot(page, SPEC, '04-members-admin');
  });

  it('lets the viewer join through the link, without member controls', async () => {
    viewerContext = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1360, height: 860 },
    });
    const page = await viewerContext.newPage();
    await page.goto(inviteUrl);
    await page.getByTestId('signup-invitation').waitFor();
    expect(await page.getByTestId('signup-email').inputValue()).toBe(viewer.email);
    expect(await page.getByTestId('signup-organization').count()).toBe(0);
    await page.getByTestId('signup-name').fill(viewer.name);
    await page.getByTestId('signup-password').fill(viewer.password);
    await screenshot(page, SPEC, '05-viewer-accept');
    await page.getByTestId('signup-submit').click();

    await page.waitForURL((url) => url.pathname === orgUrl);
    await expect.poll(() => page.getByTestId('current-org-name').textContent()).toBe(admin.org);

    await page.getByTestId('nav-members').click();
    await page.getByTestId(`member-row-${viewer.email}`).waitFor();
    await page.getByTestId(`member-row-${admin.email}`).waitFor();
    expect(await page.getByTestId('invite-member-button').count()).toBe(0);
    expect(await page.locator('[data-testid^="member-role-"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="member-remove-"]').count()).toBe(0);
    // Viewers cannot read the audit log or manage API keys either: the navigation hides them.
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await screenshot(page, SPEC, '06-members-viewer');
  });

  it('shows the events in the audit log, exports them as CSV and verifies the chain', async () => {
    const page = adminPage;
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    // The page may have loaded before the viewer joined; the data refetches on focus, so reload.
    await page.reload();
    await page.locator('[data-testid="audit-row"][data-action="invitation.accepted"]').waitFor();
    const actions = await page.getByTestId('audit-action').allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.signup',
        'organization.created',
        'invitation.created',
        'invitation.accepted',
      ]),
    );
    await page.getByTestId('audit-row-toggle').first().click();
    await page.getByTestId('audit-row-details').waitFor();
    await screenshot(page, SPEC, '07-audit');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export-button').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/action/);
    expect(rows.length).toBeGreaterThanOrEqual(actions.length);
    for (const action of ['user.signup', 'invitation.created', 'invitation.accepted']) {
      expect(csv).toContain(action);
    }
    expect(csv).toContain(viewer.email);

    await page.getByTestId('audit-verify-button').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    await screenshot(page, SPEC, '08-audit-verified');
  });

  it('invites an existing user, who accepts from the organization menu and can leave again', async () => {
    const page = adminPage;
    const second = `Beta ${run}`;
    await page.getByTestId('org-switcher').click();
    await page.getByTestId('create-org-open').click();
    await page.getByTestId('create-org-name').fill(second);
    await page.getByTestId('create-org-submit').click();
    await expect
      .poll(() => page.getByTestId('org-switcher').textContent(), { timeout: 15_000 })
      .toContain(second);
    await page.getByTestId('nav-members').click();
    await page.getByTestId('invite-member-button').click();
    await page.getByTestId('invite-email').fill(viewer.email);
    await page.getByTestId('invite-role').selectOption('editor');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-link').waitFor();
    await page.getByTestId('invite-done').click();
    // An account is not enough: the viewer is invited, not a member.
    await page.getByTestId(`invitation-row-${viewer.email}`).waitFor();
    expect(await page.getByTestId(`member-row-${viewer.email}`).count()).toBe(0);

    const viewerPage = viewerContext.pages()[0]!;
    await viewerPage.reload();
    await expect
      .poll(() => viewerPage.getByTestId('pending-invitations-indicator').textContent(), { timeout: 15_000 })
      .toContain('1');
    await viewerPage.getByTestId('org-switcher').click();
    const invitation = viewerPage.locator('[data-testid^="pending-invitation-beta-"]');
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain(admin.email);
    await screenshot(viewerPage, SPEC, '09-pending-invitation');
    await viewerPage.locator('[data-testid^="accept-invitation-beta-"]').click();
    await expect
      .poll(() => viewerPage.getByTestId('current-org-name').textContent(), { timeout: 15_000 })
      .toBe(second);

    await viewerPage.getByTestId('org-switcher').click();
    await viewerPage.getByTestId('leave-org-open').click();
    await viewerPage.getByTestId('confirm-button').waitFor();
    await screenshot(viewerPage, SPEC, '10-leave-org');
    await viewerPage.getByTestId('confirm-button').click();
    await expect
      .poll(() => viewerPage.getByTestId('current-org-name').textContent(), { timeout: 15_000 })
      .toBe(admin.org);
    await viewerPage.getByTestId('org-switcher').click();
    expect(await viewerPage.locator('[data-testid^="org-option-beta-"]').count()).toBe(0);
    await viewerPage.keyboard.press('Escape');
  });

  it('keeps the session in an httpOnly cookie, not in page storage, and logout clears it', async () => {
    const page = adminPage;
    const refreshCookie = async () =>
      (await adminContext.cookies()).find((c) => c.name === 'promptops_refresh');
    const cookie = await refreshCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    // Scripts on the page can see neither the cookie nor the token anywhere in storage.
    // A string, like the other specs' page code: this file is type-checked without the DOM library.
    const visible = (await page.evaluate(
      '({ cookie: document.cookie, storage: JSON.stringify({ ...localStorage, ...sessionStorage }) })',
    )) as { cookie: string; storage: string };
    expect(visible.cookie).not.toContain('promptops_refresh');
    expect(visible.storage).not.toContain(cookie!.value);
    expect(visible.storage).not.toMatch(/rt_/);

    // A reload restores the session from the cookie alone.
    await page.goto(orgUrl);
    await expect.poll(() => page.getByTestId('current-org-name').textContent()).toBe(admin.org);
    await screenshot(page, SPEC, '10-session-restored');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout-button').click();
    // Say where the page is if it never gets there (a redirect with ?next=, or still signed in).
    await page.waitForURL(/\/login$/).catch(async (err: unknown) => {
      await screenshot(page, SPEC, '11-logout-timeout');
      throw new Error(`${err instanceof Error ? err.message : String(err)}; the page is at ${page.url()}`);
    });
    expect(await refreshCookie()).toBeUndefined();
    await page.goto(orgUrl);
    await page.waitForURL(/\/login/);
  });
});
