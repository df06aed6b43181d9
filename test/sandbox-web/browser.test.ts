import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleIds } from '../../src/demo/demo-data.ts';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import { startTestSandbox } from './sandbox-harness.ts';

/**
 * The sandbox page in a real browser, as a newcomer uses it: Ada (admin) enters an order for
 * Bravo Logistics, which is 650.00 short of its credit limit, in the New order modal; the order
 * goes on hold. Fatima (finance) approves it on the hold card in #finance, and both the hold card
 * and Ada's DM card change in place; Piotr (production) accepts it on its card in #production,
 * which changes in place there and in Ada's DM. Debian's chromium, driven by playwright-core;
 * .ci/run installs it. Screenshots of each step go to test-artifacts/sandbox-web/.
 */

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const artifacts = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test-artifacts/sandbox-web',
);
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let sandbox: RunningSandbox;
let logs: string[] = [];
let context: BrowserContext;
let profile: string;
let page: Page;

const title = hasChromium
  ? 'the sandbox page in chromium'
  : `the sandbox page in chromium — SKIPPED: ${chromiumPath} is missing (.ci/run installs it with apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    ({ sandbox, logs } = await startTestSandbox());
    profile = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumFlags,
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => logs.push(`page error: ${error.message}`));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await sandbox?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  const messageWith = (text: string) => page.locator('#messages article.message', { hasText: text });

  /** Types into an external select and picks the option the bot suggests. */
  async function pick(field: Locator, typed: string, option: string) {
    await field.fill(typed);
    await page.locator('.bk-option', { hasText: option }).click();
  }

  let orderNumber = '';
  let dmCardTs = '';

  it('opens as the admin, in their DM with the bot', async () => {
    await page.goto(sandbox.url);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('body').getAttribute('data-user')).toBe(demoPeopleIds.admin);
    await poll(() => page.locator('#user-switcher').inputValue()).toBe(demoPeopleIds.admin);
    await shot('01-start');
  });

  it('/order new opens the modal; two lines are filled with the external select search and submitted', async () => {
    await page.locator('#composer-input').fill('/order new');
    await page.locator('#composer-input').press('Enter');
    const modal = page.locator('.modal');
    await modal.getByRole('heading', { name: 'New order' }).waitFor();
    await shot('02-new-order-modal');

    await pick(modal.getByLabel('Customer', { exact: true }), 'bravo', 'BRAVO-LOG — Bravo Logistics Ltd');
    // Choosing the customer makes the bot update the view: only the customer's payment terms remain.
    await modal
      .locator('select[data-block-id="payment_method"] option')
      .first()
      .waitFor({ state: 'attached' });
    await expect
      .poll(() => modal.locator('select[data-block-id="payment_method"] option').allTextContents())
      .toEqual(['Select an item', 'Net 30 days']);
    await modal.getByLabel('Payment method').selectOption('net30');
    await modal.getByLabel('Delivery date').fill(daysFromToday(30));

    await pick(modal.getByLabel('Line 1 · product'), 'BRG-6204', 'BRG-6204-2RS');
    // The product prefills the line's price from the catalog, in place.
    await poll(() => modal.getByLabel('Line 1 · unit price').inputValue()).toBe('3.90');
    await modal.getByLabel('Line 1 · quantity').fill('200');

    await modal.getByRole('button', { name: 'Add line' }).click();
    await pick(modal.getByLabel('Line 2 · product'), 'HB-M12', 'HB-M12X50-8.8');
    await poll(() => modal.getByLabel('Line 2 · unit price').inputValue()).toBe('0.42');
    await modal.getByLabel('Line 2 · quantity').fill('100');
    // What was typed before the bot's updates is still there.
    expect(await modal.getByLabel('Line 1 · quantity').inputValue()).toBe('200');
    await shot('03-order-filled');

    await modal.getByRole('button', { name: 'Submit' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('the order card appears in the admin’s DM: on hold, since it breaks the credit limit', async () => {
    const card = messageWith('Bravo Logistics Ltd');
    await card.getByText('on hold').waitFor();
    const header = (await card.locator('.bk-header-text').textContent()) ?? '';
    orderNumber = header.split(' · ')[0] ?? '';
    expect(orderNumber).toMatch(/^SO-\d{4}-\d{6}$/);
    dmCardTs = (await card.getAttribute('data-ts')) ?? '';
    await shot('04-dm-card-on-hold');
  });

  it('the finance member approves on the hold card in #finance; the card updates in place', async () => {
    await page.locator('#user-switcher').selectOption(demoPeopleIds.finance);
    await page.locator(`body[data-user="${demoPeopleIds.finance}"]`).waitFor();
    await page.locator('#sidebar').getByRole('button', { name: '# finance' }).click();
    const hold = messageWith(`Credit hold · ${orderNumber}`);
    const approve = hold.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    const holdTs = await hold.getAttribute('data-ts');
    const before = await page.locator('#messages article.message').count();
    await shot('05-finance-hold-card');

    await approve.click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('heading', { name: 'Approve the credit?' }).waitFor();
    await shot('06-confirm-dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();

    await hold.getByText('Approved by @Fatima Haddad').waitFor();
    expect(await hold.getAttribute('data-ts')).toBe(holdTs);
    expect(await hold.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.locator('#messages article.message').count()).toBe(before);
    await shot('07-finance-card-approved');
  });

  it('back as the admin, the DM card has changed in place: no longer on hold', async () => {
    await page.locator('#user-switcher').selectOption(demoPeopleIds.admin);
    await page.locator(`body[data-user="${demoPeopleIds.admin}"]`).waitFor();
    await page.locator('#sidebar').getByRole('button', { name: 'orderdesk' }).click();
    const card = page.locator(`#messages article.message[data-ts="${dmCardTs}"]`);
    const status = card.locator('.bk-field', { hasText: 'Status' });
    // Approved means confirmed; where allocation is built, the order moves on to the departments.
    await poll(() => status.textContent()).toMatch(/confirmed|allocated/);
    expect(await card.locator('.bk-header-text').textContent()).toContain(orderNumber);
    expect(await page.locator('#messages article.message').count()).toBe(1);
    await shot('08-dm-card-after-approval');
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);
  });
  it('the production member presses Accept on the card in #production: it updates there and in the admin’s DM', async () => {
    await page.locator('#user-switcher').selectOption(demoPeopleIds.production);
    await page.locator(`body[data-user="${demoPeopleIds.production}"]`).waitFor();
    await page.locator('#sidebar').getByRole('button', { name: '# production' }).click();
    const card = messageWith(`${orderNumber} · Bravo Logistics Ltd`);
    const accept = card.getByRole('button', { name: 'Accept' });
    await accept.waitFor();
    const ts = await card.getAttribute('data-ts');
    const before = await page.locator('#messages article.message').count();
    await shot('09-production-card');

    await accept.click();
    await card.getByRole('button', { name: 'Start' }).waitFor();
    expect(await card.getAttribute('data-ts')).toBe(ts);
    expect(await card.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expect(await page.locator('#messages article.message').count()).toBe(before);
    await shot('10-production-card-accepted');

    await page.locator('#user-switcher').selectOption(demoPeopleIds.admin);
    await page.locator(`body[data-user="${demoPeopleIds.admin}"]`).waitFor();
    await page.locator('#sidebar').getByRole('button', { name: 'orderdesk' }).click();
    const dmCard = page.locator(`#messages article.message[data-ts="${dmCardTs}"]`);
    // The route line: Production, accepted (blue), by the production member.
    await dmCard.locator('.bk-emoji[title=":large_blue_circle:"]').waitFor();
    expect(await dmCard.textContent()).toContain('Production (@Piotr Nowak)');
    await shot('11-dm-card-accepted');
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);
  });
});

/** Retries an assertion while the page catches up with the bot, as long as a locator would wait. */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

/** A date the order can be delivered on: past every demo lead time, in the bot's time zone (UTC). */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
