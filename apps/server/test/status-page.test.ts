/** @module status-page.test: the status page in headless Chromium — it loads, shows a ban the test made, refreshes itself; a screenshot is kept. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllServers, makeServerTree, startServer, waitFor, type ServerTree } from './_harness.js';
import { metricsBaseUrl } from './_metrics-harness.js';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land in the repository's test-artifacts/ (ignored by git). */
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-artifacts');

let tree: ServerTree | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.close();
  browser = null;
  await killAllServers();
  tree?.remove();
  tree = null;
});

describe('status page', () => {
  it('shows jails, a ban made by the test with its time left, the events and the failures chart, and refreshes itself', async () => {
    const t = (tree = makeServerTree({ maxretry: 2, files: { 'conf/fail2ban.local': '[Definition]\nmetrics = 127.0.0.1:0\n' } }));
    const server = await startServer(t);
    const base = await metricsBaseUrl(t);
    t.fail('192.0.2.7', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.7'), 10_000, 'the ban');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
    const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) problems.push(`external request: ${request.url()}`);
    });

    await page.goto(base);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 10_000 });
    expect(await page.textContent('#jails')).toContain('polling');
    const banRow = (await page.locator('#bans tr', { hasText: '192.0.2.7' }).textContent()) ?? '';
    // bantime = 3600: the time left counts down from an hour.
    expect(banRow).toMatch(/^t192\.0\.2\.7\d{4}-\d\d-\d\d \d\d:\d\d:\d\d1/);
    expect(banRow).toMatch(/(59m \d\ds|1h 00m)$/);
    expect(await page.textContent('#events')).toMatch(/ban192\.0\.2\.7/);
    expect(await page.locator('#chart rect.bar').count()).toBe(1);
    expect(await page.textContent('#chart-total')).toBe('2 failures in the last hour');

    // A ban made after the page loaded shows up without a reload.
    await server.ask(['set', 't', 'banip', '198.51.100.9']);
    await page.locator('#bans tr', { hasText: '198.51.100.9' }).waitFor({ timeout: 12_000 });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'status-page.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
