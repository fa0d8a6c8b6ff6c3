/** A browser session against the contract stub: the web app built, the stub with a screen's routes, Chromium with one watched page; close ends both. */
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import { launchBrowser, newUserContext, watchedPage } from '../support/browser.ts';
import { startContractStub, type ContractStub, type StubApi } from './contract-stub.ts';

export interface ContractSession {
  readonly stub: ContractStub;
  readonly page: Page;
  close(): Promise<void>;
}

/** `errors` collects the page's uncaught errors and console errors (tests assert it stays empty). */
export async function openContractSession(routes: ((app: FastifyInstance, api: StubApi) => void | Promise<void>) | undefined, errors: string[]): Promise<ContractSession> {
  await ensureWebAppBuilt();
  const stub = await startContractStub(routes ? { routes } : {});
  const browser = await launchBrowser();
  const page = await watchedPage(await newUserContext(browser), errors);
  return {
    stub,
    page,
    async close() {
      await browser.close();
      await stub.close();
    },
  };
}
