import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCaller, uniqueUser } from './support/app.js';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// The built ESM bundle of @promptops/sdk in Chromium, as a web page of the same origin would load
// it: a cached prompt, a moved label seen through the change feed (fetch streams, no Node APIs),
// and a streamed run read as an async iterator.
const BUNDLE = fileURLToPath(new URL('../packages/sdk/dist/index.js', import.meta.url));
const PROMPT = 'browser/greeting';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let call: ReturnType<typeof apiCaller>;
let token = '';
let orgId = '';
let key = '';
let modelId = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  call = apiCaller(server.baseUrl, () => token);
  const user = uniqueUser('sdkbrowser');
  const signup = await call('POST', '/auth/signup', {
    email: user.email,
    password: user.password,
    name: user.name,
    organizationName: user.org,
  });
  token = signup.accessToken as string;
  orgId = (signup.organization as { id: string }).id;
  key = (await call('POST', `/orgs/${orgId}/api-keys`, { name: 'web page', role: 'editor' })).key as string;
  const models = (await call('GET', `/orgs/${orgId}/models`)).items as { id: string; name: string }[];
  modelId = models.find((m) => m.name === 'mock-fast')!.id;
  await call('POST', `/orgs/${orgId}/prompts`, { name: PROMPT, template: 'Say hello to {{name}}.', modelId });
  await call('PUT', `/orgs/${orgId}/prompts/${encodeURIComponent(PROMPT)}/labels/production`, { version: 1 });

  context = await browser.newContext({ baseURL: server.baseUrl });
  page = await context.newPage();
  // The page imports the bundle from its own origin, as an application serving it would.
  const bundle = await readFile(BUNDLE, 'utf8');
  await page.route(`${server.baseUrl}/sdk/index.js`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle }),
  );
  await page.goto('/login');
  await page.evaluate(`(async () => {
    const { PromptOps } = await import('/sdk/index.js');
    window.promptops = new PromptOps({ baseUrl: location.origin, apiKey: ${JSON.stringify(key)} });
    await window.promptops.changeFeedOpened();
  })()`);
}, 90_000);

afterAll(async () => {
  await page?.evaluate('window.promptops && window.promptops.close()').catch(() => undefined);
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const productionVersion = () =>
  page.evaluate(
    `window.promptops.getPrompt(${JSON.stringify(PROMPT)}, { label: 'production' }).then((p) => p.version)`,
  ) as Promise<number>;

describe('@promptops/sdk in a browser', () => {
  it('serves the cached prompt and follows a moved label through the change feed', async () => {
    expect(await productionVersion()).toBe(1);
    expect(await page.evaluate('window.promptops.changeFeedState')).toBe('open');

    await call('POST', `/orgs/${orgId}/prompts/${encodeURIComponent(PROMPT)}/versions`, {
      template: 'Greet {{name}} warmly.',
      modelId,
    });
    const moved = Date.now();
    await call('PUT', `/orgs/${orgId}/prompts/${encodeURIComponent(PROMPT)}/labels/production`, {
      version: 2,
    });
    await expect.poll(productionVersion, { timeout: 5_000, interval: 20 }).toBe(2);
    expect(Date.now() - moved).toBeLessThan(1_000);
    const rendered = (await page.evaluate(`(async () => {
      const prompt = await window.promptops.getPrompt(${JSON.stringify(PROMPT)}, { label: 'production' });
      return window.promptops.render(prompt, { name: 'Ada' }).messages;
    })()`)) as { role: string; content: string }[];
    expect(rendered).toEqual([{ role: 'user', content: 'Greet Ada warmly.' }]);
  });

  it('streams a run as an async iterator of text', async () => {
    const result = (await page.evaluate(`(async () => {
      const stream = window.promptops.run({
        name: ${JSON.stringify(PROMPT)},
        label: 'production',
        variables: { name: 'Ada' },
        stream: true,
      });
      const pieces = [];
      for await (const text of stream.textStream()) pieces.push(text);
      const execution = await stream.finalExecution();
      return { pieces, output: execution.output, status: execution.status, version: execution.promptVersion };
    })()`)) as { pieces: string[]; output: string; status: string; version: number };
    expect(result.pieces.length).toBeGreaterThan(1);
    expect(result.pieces.join('')).toBe(result.output);
    expect(result).toMatchObject({ status: 'succeeded', version: 2 });
  });
});
