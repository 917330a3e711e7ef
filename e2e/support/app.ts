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
