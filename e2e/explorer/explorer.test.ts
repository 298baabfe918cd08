// The bundled explorer in a real browser (Debian's chromium, headless, driven by playwright-core), with every
// request to anything but loopback blocked: the page, its scripts and styles and its GraphQL calls all come from
// the hub's own origin. It signs in with the demo login through the explorer, sets the token header and runs a
// query with it.
import { testDatabaseKinds } from '@hub/kit';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHub, type Hub } from '../harness';

/** Debian's chromium (`.ci/run` installs it when missing: apt-get install chromium). */
const CHROMIUM = process.env.HUB_TEST_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  console.warn(`[tests] ${CHROMIUM} is missing: the explorer's browser test is skipped (apt-get install -y chromium)`);
}
const describeBrowser = haveChromium ? describe.each(testDatabaseKinds()) : describe.skip.each(testDatabaseKinds());

describeBrowser('the explorer in headless chromium on %s', (kind) => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHub(kind);
    // playwright gives the browser a fresh profile of its own (a temporary directory).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-dev-shm-usage',
        // Belt and braces besides the request routing below: no name but loopback resolves.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /** A page whose requests may reach only loopback; what it tried elsewhere, and its errors, are recorded. */
  async function openPage(): Promise<{ page: Page; outside: string[]; problems: string[] }> {
    const context = await browser.newContext();
    const outside: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      outside.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    return { page, outside, problems };
  }

  /** The text of GraphiQL's result pane once it holds `pattern`. */
  async function result(page: Page, pattern: RegExp): Promise<string> {
    const pane = page.locator('.graphiql-response');
    await page.waitForFunction(
      ([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''),
      ['.graphiql-response', pattern.source] as const,
      { timeout: 20_000 },
    );
    return (await pane.textContent()) ?? '';
  }

  it('signs in with the demo login and runs a query with the token header, nothing leaving loopback', async () => {
    const { page, outside, problems } = await openPage();
    const answer = await page.goto(hub.url);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });

    // The first tab is the ready example: the demo login's sign-in.
    const editor = await page.evaluate(() =>
      (document.querySelector('.graphiql-query-editor .CodeMirror') as any).CodeMirror.getValue(),
    );
    expect(editor).toContain('login(login: "mbk.clerk", password: "blansko-demo")');
    await page.locator('.graphiql-execute-button').click();
    const signedIn = await result(page, /"token"\s*:\s*"[^"]+"/);
    const token = /"token"\s*:\s*"([^"]+)"/.exec(signedIn)![1];

    // The second tab: `me`, with the token in the Authorization header set in the headers editor.
    await page.locator('.graphiql-tab').nth(1).click();
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.evaluate((t) => {
      const headers = document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror') as any;
      headers.CodeMirror.setValue(JSON.stringify({ authorization: `Bearer ${t}` }));
    }, token);
    await page.locator('.graphiql-execute-button').click();
    const me = await result(page, /"login"\s*:\s*"mbk\.clerk"/);
    expect(me).toContain('Blansko');

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the documentation explorer has the schema (introspection through the page)', async () => {
    const { page, outside } = await openPage();
    await page.goto(hub.url);
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Root Types').waitFor({ timeout: 20_000 });
    expect(outside).toEqual([]);
    await page.context().close();
  });
});
