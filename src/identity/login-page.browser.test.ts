/**
 * The login page in a real browser (Chromium, axe-core): WCAG 2 A/AA in Danish and English, with and
 * without the error, and a keyboard-only login that ends on the client's redirect URI with a code.
 * @see https://www.w3.org/TR/WCAG22/
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkA11y, launchBrowser, newUserContext, screenshot } from '../../test/support/browser.ts';
import { startTestKerne, type TestKerne } from '../../test/support/kerne.ts';
import { STORES } from '../../test/support/stores.ts';
import { authorizeUrl, pkcePair } from './oauth.test-support.ts';
import { addStaffUser } from './provision.ts';

const PASSWORD = 'korrekt-hest-batteri';

for (const store of STORES) {
  describe(`${store.name}: login page in a browser`, () => {
    let k: TestKerne;
    let browser: Browser;
    let base: string;

    before(async () => {
      k = await startTestKerne(store);
      await addStaffUser(k.kerne.repo, k.kerne.identity.users, { username: 'karen', password: PASSWORD, name: 'Karen Holm', role: 'laege' });
      base = await k.kerne.http.listen({ port: 0, host: '127.0.0.1' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await k.close();
    });

    test('accessible in Danish and English, with the error; keyboard-only login', async () => {
      const context = await newUserContext(browser);
      const page = await context.newPage();
      const { challenge } = pkcePair();
      const url = `${base}${authorizeUrl({ challenge, redirectUri: `${base}/app/callback` })}`;

      await page.goto(url);
      assert.equal(await page.getAttribute('html', 'lang'), 'da');
      assert.equal(await page.evaluate('document.activeElement?.id'), 'username', 'focus starts in the username field');
      await checkA11y(page, 'login page (da)');
      await screenshot(page, 'login-da');

      await page.keyboard.type('karen');
      await page.keyboard.press('Tab');
      await page.keyboard.type('forkert-kodeord');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#login-error');
      assert.equal((await page.textContent('#login-error'))?.trim(), 'Forkert brugernavn eller adgangskode.');
      await checkA11y(page, 'login page with error (da)');
      await screenshot(page, 'login-da-error');

      await page.click('a[hreflang="en"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('label[for="password"]')) ?? '', /Password/);
      await checkA11y(page, 'login page (en)');

      // Keyboard only: the password field has focus after an error; fill both and submit with Enter.
      await page.goto(url);
      await page.focus('#username');
      await page.keyboard.type('karen');
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      const [response] = await Promise.all([page.waitForURL(/\/app\/callback\?/), page.keyboard.press('Enter')]);
      void response;
      const landed = new URL(page.url());
      assert.ok(landed.searchParams.get('code'), 'a code on the redirect URI');
      assert.equal(landed.searchParams.get('state'), 'st-1');
      await context.close();
    });
  });
}
