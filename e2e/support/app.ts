import type { Page } from 'playwright-core';

export interface TestUser {
  name: string;
  email: string;
  password: string;
  org: string;
}

/** A user unique to this run, so specs never depend on each other's data. */
export function uniqueUser(prefix: string): TestUser {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${prefix[0]?.toUpperCase() ?? ''}${prefix.slice(1)} Tester`,
    email: `${prefix}-${run}@example.com`,
    password: 'correct horse battery staple',
    org: `${prefix} ${run}`,
  };
}

/** Signs up through the UI and waits for the new organization's home; returns its path. */
export async function signUp(page: Page, user: TestUser): Promise<string> {
  await page.goto('/signup');
  await page.getByTestId('signup-name').fill(user.name);
  await page.getByTestId('signup-email').fill(user.email);
  await page.getByTestId('signup-password').fill(user.password);
  await page.getByTestId('signup-organization').fill(user.org);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/orgs\/[^/]+$/);
  await page.getByTestId('current-org-name').waitFor();
  return new URL(page.url()).pathname;
}

/** Types into the Monaco editor inside `testId` as a user would: replacing its text or appending. */
export async function typeInEditor(
  page: Page,
  testId: string,
  text: string,
  replace = true,
  closeWidgets = true,
): Promise<void> {
  const editor = page.locator(`[data-testid="${testId}"] .monaco-editor`);
  await editor.waitFor();
  await editor.locator('.view-lines').click();
  if (replace) await page.keyboard.press('ControlOrMeta+a');
  else await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
  // Close a completion list the braces may have opened, so it does not cover the next control.
  if (closeWidgets) await page.keyboard.press('Escape');
}

export type Json = Record<string, any>;

/** `call(method, '/orgs/…', body?, token?)` against the server's /api/v1; fails the test on any non-2xx answer. */
export function apiCaller(baseUrl: string, defaultToken: () => string) {
  return async (method: string, pathname: string, body?: unknown, token = defaultToken()): Promise<Json> => {
    const response = await fetch(`${baseUrl}/api/v1${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${pathname} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  };
}

/** An access token for `user`, for the API calls a spec makes beside the browser. */
export async function accessToken(baseUrl: string, user: TestUser): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}
