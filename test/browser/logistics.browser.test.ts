/**
 * Clinical logistics end to end against a real `kerne start --demo` (identity provider, access
 * control, live boards over server-sent events), in Chromium, several users in their own browser
 * contexts at once:
 *  a) the MED1 nurse orders a transport from the list view and watches the wall screen; the porter
 *     accepts, starts and completes it on the phone; the wall follows without a reload, the last
 *     step within a second of the porter's click (measured and printed);
 *  b) a transfer MED2 → MED1 from request to moved, seen on both wards' boards as it happens
 *     (MED1 has no free bed in the demo: the MED1 nurse discharges a patient, the porter does the
 *     cleaning, and that bed is the one she assigns);
 *  c) the emergency board marks a breach when the browser clock (page.clock) passes the triage
 *     deadline of a newly arrived patient (admitted by the demo's system client).
 * The demo data is discovered, not assumed; axe checks every screen.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { EdBoard, WardBoard, WardList } from '../../src/logistics/api-types.ts';
import type { BoardRow } from '../../src/logistics/model.ts';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import { checkA11y, launchBrowser, newUserContext, screenshot, seenAt, watchedPage, watchFor } from '../support/browser.ts';
import { asSystem, systemToken } from '../support/demo-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { login } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';
/** The live boards promise an update "within a second" (src/logistics/api-types.ts). */
const LIVE_BUDGET_MS = 1_000;
const STAMP = Date.now().toString(36);

/** A call to the server with the signed-in user's token (sessionStorage 'kerne.tokens'), from inside the page. */
async function apiAs<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return (await page.evaluate(`(async () => {
    const token = JSON.parse(sessionStorage.getItem('kerne.tokens')).accessToken;
    const body = ${JSON.stringify(body === undefined ? null : JSON.stringify(body))};
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    if (body !== null) headers['Content-Type'] = 'application/json';
    const res = await fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(method)}, headers, body: body ?? undefined });
    return { status: res.status, json: await res.json() };
  })()`)) as { status: number; json: T };
}

async function boardAs(page: Page, wardId: string): Promise<WardBoard> {
  const res = await apiAs<WardBoard>(page, 'GET', `/api/logistics/wards/${encodeURIComponent(wardId)}/board?screen=list`);
  assert.equal(res.status, 200, `GET the board of ward ${wardId}: ${JSON.stringify(res.json).slice(0, 300)}`);
  return res.json;
}

const normalise = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
const isOpen = (status: string) => ['requested', 'accepted', 'in-progress'].includes(status);
/** A patient in a bed of the ward, without open tasks or a transfer: safe to act on. */
const quietInBed = (r: BoardRow) => r.bed !== undefined && r.patient !== undefined && r.encounterId !== undefined && r.whereabouts === 'in-bed' && !r.transfer && !r.tasks.some((t) => isOpen(t.status));

const boardTable = (page: Page) => page.getByTestId('board-table');
const boardRow = (page: Page, key: string) => boardTable(page).locator(`tbody tr[data-row="${key}"]`);
const exactNames = (scope: Locator) => scope.locator('.patient-name').allTextContents();

/** Opens the ward picker from the menu; returns the id of the user's own ward (the row marked "Dit afsnit"), read from its wall link. */
async function ownWardFromPicker(page: Page, origin: string): Promise<{ id: string; name: string }> {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Tavler' }).click();
  await page.waitForURL(`${origin}/app/tavle`);
  const own = page.getByRole('table', { name: 'Afsnit' }).locator('tbody tr').filter({ hasText: 'Dit afsnit' });
  await own.first().waitFor();
  assert.equal(await own.count(), 1, 'exactly one ward is marked as the user’s own');
  const name = ((await own.locator('th[scope=row] a').textContent()) ?? '').trim();
  const href = (await own.getByRole('link', { name: `Vægskærm – ${name}`, exact: true }).getAttribute('href')) ?? '';
  const match = /\/app\/tavle\/([^/?]+)\?skaerm=vaeg$/.exec(href);
  assert.ok(match, `the wall link of the own ward points at /app/tavle/<id>?skaerm=vaeg (got ${href})`);
  return { id: decodeURIComponent(match[1]!), name };
}

describe('clinical logistics against kerne start --demo', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  /** The MED1 nurse (Line Skov): wall screen, then the list. */
  let nurse: Page;
  /** The porter (Ole Berg), on a phone. */
  let porter: Page;
  /** The MED2 nurse (Mette Lund). */
  let nurse2: Page;
  const med1 = { id: '', name: '' };
  const med2 = { id: '', name: '' };
  /** The transport of step a (its patient is kept out of the discharge in step b). */
  const task = { id: '', rowKey: '', patient: '' };
  let nurseName = '';

  const newPage = async (viewport?: { width: number; height: number }, setup?: (c: BrowserContext) => Promise<void>) => {
    const context = await newUserContext(browser);
    contexts.push(context);
    await setup?.(context);
    const page = await watchedPage(context, pageErrors, 15_000);
    if (viewport) await page.setViewportSize(viewport);
    return page;
  };

  before(async () => {
    await ensureWebAppBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kerne-logistics-browser-'));
    browser = await launchBrowser(); // fails early, with directions, when Chromium is missing
    server = await startServerProcess(['--demo', '--data-dir', dataDir], { KERNE_LOG_LEVEL: 'warn' }, 120_000);
    origin = server.base;
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  describe('a) a transport task from the ward to the porter’s phone, followed live on the wall screen', () => {
    it('the MED1 nurse finds her ward and opens its wall screen', async () => {
      nurse = await newPage({ width: 1920, height: 1080 }); // a wall TV
      await login(nurse, origin, 'sygeplejerske', PASSWORD);
      nurseName = ((await nurse.getByTestId('user-name').textContent()) ?? '').trim();
      Object.assign(med1, await ownWardFromPicker(nurse, origin));
      await checkA11y(nurse, 'the ward picker');
      const wards = await apiAs<WardList>(nurse, 'GET', '/api/logistics/wards');
      assert.ok(
        wards.json.wards.some((w) => w.id === med1.id && w.kind === 'ward'),
        `GET /api/logistics/wards agrees with the picker on the nurse’s ward (${med1.id})`,
      );

      await nurse.getByRole('link', { name: `Vægskærm – ${med1.name}`, exact: true }).click();
      await nurse.waitForURL(`${origin}/app/tavle/${encodeURIComponent(med1.id)}?skaerm=vaeg`);
      await nurse.getByRole('heading', { level: 1, name: med1.name }).waitFor();
      await nurse.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      assert.ok((await boardTable(nurse).locator('tbody tr').count()) > 10, 'a row per bed of the demo ward');
      await nurse.getByTestId('legend').waitFor();
      await checkA11y(nurse, 'the MED1 wall screen');
      await screenshot(nurse, 'e2e-wall');
    });

    it('she orders a transport for one of her patients from the list view', async () => {
      const board = await boardAs(nurse, med1.id);
      const row = board.rows.find((r) => quietInBed(r) && normalise(r.responsibleNurse) === normalise(nurseName));
      assert.ok(row?.patient && row.bed, `a patient of ${nurseName} (responsible nurse) in a MED1 bed without open tasks (rows: ${board.rows.length})`);
      Object.assign(task, { rowKey: row.key, patient: row.patient.name });

      await nurse.setViewportSize({ width: 1280, height: 900 });
      await nurse.goto(`${origin}/app/tavle/${encodeURIComponent(med1.id)}`);
      await nurse.getByRole('heading', { level: 1, name: `Tavle: ${med1.name}` }).waitFor();
      await nurse.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      const row1 = boardRow(nurse, task.rowKey);
      await row1.getByText(task.patient, { exact: true }).waitFor();
      await checkA11y(nurse, 'the MED1 list');

      await row1.getByRole('button', { name: /^Opgave …/ }).click();
      const dialog = nurse.getByRole('dialog', { name: 'Bestil serviceopgave' });
      await dialog.waitFor();
      assert.equal(await dialog.getByRole('radio', { name: 'Transport' }).isChecked(), true, 'transport is the default kind');
      await dialog.getByLabel('Til').fill('Røntgen');
      await dialog.getByLabel('Beskrivelse').fill(`Kørestol (e2e ${STAMP})`);
      await checkA11y(nurse, 'the service task dialog');
      await dialog.getByRole('button', { name: 'Bestil' }).click();
      await dialog.waitFor({ state: 'detached' });
      await nurse.getByRole('status').filter({ hasText: 'Transport er bestilt.' }).waitFor();

      const item = row1.locator('td.col-tasks li[data-task][data-status="requested"]');
      await item.waitFor();
      assert.equal(await item.count(), 1, 'the row shows the one new task');
      task.id = (await item.getAttribute('data-task')) ?? '';
      assert.ok(task.id, 'the task’s id on the board');
      await item.getByText('Afventer').waitFor();
    });

    it('the wall screen shows the waiting task; the porter sees it on the phone', async () => {
      await nurse.setViewportSize({ width: 1920, height: 1080 });
      await nurse.goto(`${origin}/app/tavle/${encodeURIComponent(med1.id)}?skaerm=vaeg`);
      await nurse.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      await boardRow(nurse, task.rowKey).locator(`li[data-task="${task.id}"]`).getByText('Afventer').waitFor();
      await nurse.evaluate('window.__kerneNoReload = true');

      porter = await newPage({ width: 390, height: 844 });
      await login(porter, origin, 'portoer', PASSWORD);
      await porter.waitForURL(`${origin}/app/opgaver`);
      await porter.getByRole('heading', { level: 1, name: 'Opgaver: Portører' }).waitFor();
      const card = porter.getByTestId('task-cards').locator(`li[data-task="${task.id}"]`);
      await card.getByText(`Transport – ${task.patient}`, { exact: true }).waitFor();
      await card.getByText('Røntgen', { exact: true }).waitFor();
      await card.getByText('Afventer').waitFor();
      await checkA11y(porter, 'the porter’s tasks on the phone');
      await screenshot(porter, 'e2e-porter');
    });

    it('the porter accepts, starts and completes it; the wall follows live, within a second of the last click', async () => {
      const card = porter.getByTestId('task-cards').locator(`li[data-task="${task.id}"]`);
      const wallItem = boardRow(nurse, task.rowKey).locator(`li[data-task="${task.id}"]`);
      const wallItemIn = (status: string) => boardRow(nurse, task.rowKey).locator(`li[data-task="${task.id}"][data-status="${status}"]`);

      await card.getByRole('button', { name: `Acceptér (Transport – ${task.patient})`, exact: true }).click();
      await card.getByText('Accepteret').waitFor();
      await wallItemIn('accepted').getByText('Accepteret').waitFor();

      await card.getByRole('button', { name: `Start (Transport – ${task.patient})`, exact: true }).click();
      await card.getByText('I gang').waitFor();
      await wallItemIn('in-progress').getByText('I gang').waitFor();

      // The wall shows open tasks only (completed ones leave the row, web/src/logistics/board.cells.tsx):
      // the task is done on the wall when its row is there, with the patient, and the task is gone from it.
      const rowSel = `document.querySelector('[data-testid="board-table"] tbody tr[data-row=${JSON.stringify(task.rowKey)}]')`;
      await watchFor(nurse, 'completed', `${rowSel} && ${rowSel}.textContent.includes(${JSON.stringify(task.patient)}) && !${rowSel}.querySelector('li[data-task=${JSON.stringify(task.id)}]')`);
      const done = card.getByRole('button', { name: `Udført (Transport – ${task.patient})`, exact: true });
      await done.waitFor();
      const clickedAt = Date.now();
      await done.click();
      const shownAt = await seenAt(nurse, 'completed');
      assert.notEqual(shownAt, -1, 'the task was still on the wall before the porter’s click');
      const latency = shownAt - clickedAt;
      console.log(`# porter "Udført" → wall screen without the task: ${latency} ms`);
      assert.ok(latency < LIVE_BUDGET_MS, `the wall screen showed the completed task ${latency} ms after the porter’s click (budget ${LIVE_BUDGET_MS} ms)`);
      assert.equal(await nurse.evaluate('window.__kerneNoReload === true'), true, 'the wall screen was not reloaded');
      assert.equal(await wallItem.count(), 0, 'the task is gone from the wall row');

      await porter.getByTestId('done-tasks').locator(`li[data-task="${task.id}"]`).getByText('Afsluttet').waitFor();
      assert.equal(await card.count(), 0, 'gone from the porter’s open tasks');
      await porter.getByRole('status').filter({ hasText: 'Opgaven er udført.' }).waitFor();
      await checkA11y(porter, 'the porter’s tasks after completing one');
      await checkA11y(nurse, 'the wall screen after the task was done');
    });
  });

  describe('b) a transfer from MED2 to MED1, from request to moved, on both boards', () => {
    const bed = { id: '', name: '', key: '' };
    const moving = { encounterId: '', patient: '', fromKey: '', fromBed: '' };

    it('MED1 has a free bed: if none, the nurse discharges a patient and the porter does the cleaning', async () => {
      await nurse.setViewportSize({ width: 1280, height: 900 });
      await nurse.goto(`${origin}/app/tavle/${encodeURIComponent(med1.id)}`);
      await nurse.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      await boardTable(nurse).locator('tbody tr').first().waitFor();
      await nurse.evaluate('window.__kerneNoReload = true');
      const board = await boardAs(nurse, med1.id);
      const free = board.rows.find((r) => r.bed?.status === 'free' && !r.patient);
      if (free?.bed) {
        Object.assign(bed, { id: free.bed.id, name: free.bed.name, key: free.key });
        console.log(`# MED1 has a free bed in the demo: ${bed.name}`);
      } else {
        // Discharge one of her patients (not the one with today's transport): the bed goes to cleaning.
        const row = board.rows.find((r) => quietInBed(r) && r.key !== task.rowKey);
        assert.ok(row?.bed && row.patient && row.encounterId, 'a MED1 patient in a bed to discharge');
        Object.assign(bed, { id: row.bed.id, name: row.bed.name, key: row.key });
        const listRow = boardRow(nurse, row.key);
        await listRow.getByRole('button', { name: /^Udskriv …/ }).click();
        const dialog = nurse.getByRole('dialog', { name: 'Udskriv patient' });
        await dialog.getByText(new RegExp(`^Udskriv ${row.patient.name} \\(.*${row.bed.name}\\)\\?`)).waitFor();
        await checkA11y(nurse, 'the discharge dialog');
        await dialog.getByRole('button', { name: 'Udskriv', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await nurse.getByRole('status').filter({ hasText: `${row.patient.name} er udskrevet.` }).waitFor();
        await listRow.getByText('Rengøres').waitFor();
        assert.deepEqual(await exactNames(listRow), [], 'the bed row no longer names the discharged patient');
        const cleaning = listRow.locator('td.col-tasks li[data-task][data-status="requested"]').filter({ hasText: 'Rengøring' });
        await cleaning.waitFor();
        const cleaningId = (await cleaning.getAttribute('data-task')) ?? '';
        assert.ok(cleaningId, 'a cleaning task on the bed');

        // The porter takes the cleaning on the phone (the cleaning group's list, this ward).
        await porter.goto(`${origin}/app/opgaver?gruppe=rengoering&afsnit=${encodeURIComponent(med1.id)}`);
        await porter.getByRole('heading', { level: 1, name: 'Opgaver: Rengøring' }).waitFor();
        const card = porter.getByTestId('task-cards').locator(`li[data-task="${cleaningId}"]`);
        await card.getByText(`${med1.name}, ${row.bed.name}`, { exact: true }).waitFor();
        await checkA11y(porter, 'the cleaning tasks on the phone');
        for (const [action, status] of [['accept', 'Accepteret'], ['start', 'I gang']] as const) {
          await card.locator(`button[data-action="${action}"]`).click();
          await card.getByText(status).waitFor();
        }
        await card.locator('button[data-action="complete"]').click();
        await porter.getByTestId('done-tasks').locator(`li[data-task="${cleaningId}"]`).getByText('Afsluttet').waitFor();
      }
      // The list (not reloaded) shows the bed free.
      await boardRow(nurse, bed.key).locator('th .chip').getByText('Ledig', { exact: true }).waitFor();
      assert.equal(await nurse.evaluate('window.__kerneNoReload === true'), true, 'the MED1 list followed without a reload');
    });

    it('the MED2 nurse requests a transfer of one of her patients to MED1', async () => {
      nurse2 = await newPage();
      await login(nurse2, origin, 'sygeplejerske2', PASSWORD);
      Object.assign(med2, await ownWardFromPicker(nurse2, origin));
      assert.notEqual(med2.id, med1.id, 'MED2 is another ward than MED1');
      const board = await boardAs(nurse2, med2.id);
      const row = board.rows.find(quietInBed);
      assert.ok(row?.bed && row.patient && row.encounterId, `a MED2 patient in a bed, without open tasks or a transfer (rows: ${board.rows.length})`);
      Object.assign(moving, { encounterId: row.encounterId, patient: row.patient.name, fromKey: row.key, fromBed: row.bed.name });

      await nurse2.getByRole('link', { name: med2.name, exact: true }).click();
      await nurse2.waitForURL(`${origin}/app/tavle/${encodeURIComponent(med2.id)}`);
      await nurse2.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      await nurse2.evaluate('window.__kerneNoReload = true');
      const from = boardRow(nurse2, moving.fromKey);
      await from.getByText(moving.patient, { exact: true }).waitFor();
      await checkA11y(nurse2, 'the MED2 list');

      await from.getByRole('button', { name: /^Overflyt …/ }).click();
      const dialog = nurse2.getByRole('dialog', { name: 'Anmod om overflytning' });
      await dialog.locator(`option[value="${med1.id}"]`).waitFor({ state: 'attached' });
      await dialog.getByLabel('Til afsnit').selectOption(med1.id);
      await dialog.getByLabel('Rapport').fill(`Pneumoni i bedring, til videre forløb på M1 (e2e ${STAMP}).`);
      await checkA11y(nurse2, 'the transfer dialog');
      await dialog.getByRole('button', { name: 'Send anmodning' }).click();
      await dialog.waitFor({ state: 'detached' });
      await nurse2.getByRole('status').filter({ hasText: `Anmodning om overflytning til ${med1.name} er sendt.` }).waitFor();
      const cell = from.locator('td.col-transfer');
      await cell.getByText(`Til ${med1.name}`).waitFor();
      await cell.getByText('Afventer').waitFor();
    });

    it('the MED1 nurse sees it arrive on her board (no reload), accepts it, assigns the free bed and reports the patient moved', async () => {
      const incoming = boardRow(nurse, `stay:${moving.encounterId}:incoming`);
      await incoming.getByText(moving.patient, { exact: true }).waitFor().catch(async (err: unknown) => {
        const api = await boardAs(nurse, med1.id);
        const there = api.rows.find((r) => r.encounterId === moving.encounterId);
        throw new Error(
          `the incoming transfer did not appear on the open MED1 list without a reload (a fresh GET of the board ${there ? `shows it as row ${there.key}` : 'does not show it either'})`,
          { cause: err },
        );
      });
      assert.equal(await nurse.evaluate('window.__kerneNoReload === true'), true, 'the MED1 list was not reloaded');
      await incoming.locator('td.col-transfer').getByText(`Fra ${med2.name}`).waitFor();
      await checkA11y(nurse, 'the MED1 list with an incoming transfer');

      await incoming.getByRole('button', { name: /^Acceptér/ }).click();
      await incoming.locator('td.col-transfer').getByText('Accepteret').waitFor();
      await boardRow(nurse2, moving.fromKey).locator('td.col-transfer').getByText('Accepteret').waitFor();

      await incoming.getByRole('button', { name: /^Tildel seng/ }).click();
      const dialog = nurse.getByRole('dialog', { name: 'Tildel seng' });
      await dialog.locator(`option[value="${bed.id}"]`).waitFor({ state: 'attached' });
      await checkA11y(nurse, 'the assign-bed dialog');
      await dialog.getByLabel('Ledig seng').selectOption(bed.id);
      await dialog.getByRole('button', { name: 'Tildel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await incoming.locator('td.col-transfer').getByText('I gang').waitFor();
      await incoming.locator('td.col-transfer').getByText(`seng ${bed.name}`, { exact: false }).waitFor();
      await boardRow(nurse2, moving.fromKey).locator('td.col-transfer').getByText('I gang').waitFor();

      await incoming.getByRole('button', { name: /^Meld flyttet/ }).click();
      await nurse.getByRole('status').filter({ hasText: 'Patienten er meldt flyttet.' }).waitFor();
    });

    it('then MED1 shows the patient in the assigned bed, and MED2 no longer in the old one, both without a reload', async () => {
      const target = boardRow(nurse, bed.key);
      await target.locator('.patient-name').getByText(moving.patient, { exact: true }).waitFor();
      assert.equal(await boardRow(nurse, `stay:${moving.encounterId}:incoming`).count(), 0, 'no incoming row any more on MED1');
      assert.deepEqual(await exactNames(target), [moving.patient], 'the assigned bed holds the patient');

      const old = boardRow(nurse2, moving.fromKey);
      await old.getByText('Rengøres').waitFor();
      assert.deepEqual(await exactNames(old), [], `the old bed (${moving.fromBed}) no longer names the patient`);
      assert.equal(await boardTable(nurse2).locator(`tbody tr[data-row^="stay:${moving.encounterId}:"]`).count(), 0, 'no other MED2 row for the stay either');
      const med2Now = await boardAs(nurse2, med2.id);
      assert.ok(!med2Now.rows.some((r) => r.encounterId === moving.encounterId), 'the MED2 board (fresh from the server) has no row for the stay');
      for (const page of [nurse, nurse2]) assert.equal(await page.evaluate('window.__kerneNoReload === true'), true, 'the boards were not reloaded');
      await checkA11y(nurse, 'the MED1 list after the move');
      await checkA11y(nurse2, 'the MED2 list after the move');
      await screenshot(nurse, 'e2e-med1-after-move');
    });
  });

  describe('c) the emergency board marks a breach when the browser clock passes the triage deadline', () => {
    it('a new emergency patient (admitted by the system client) counts down, then breaches when the clock moves 31 minutes on', async () => {
      const token = await systemToken(origin);
      const wards = await asSystem<WardList>(origin, token, 'GET', '/api/logistics/wards');
      const akm = wards.wards.find((w) => w.kind === 'emergency');
      assert.ok(akm, 'the demo has an emergency department');
      const family = `Akutsen${STAMP.replace(/[^a-z]/g, '')}`;
      const patient = await asSystem<{ id: string }>(
        origin,
        token,
        'POST',
        '/fhir/Patient',
        { resourceType: 'Patient', name: [{ family, given: ['Tove'] }], gender: 'female', birthDate: '1950-03-04' },
        'application/fhir+json',
      );
      const { encounterId } = await asSystem<{ encounterId: string }>(origin, token, 'POST', '/api/logistics/admissions', {
        class: 'EMER',
        wardId: akm.id,
        patientId: patient.id,
        complaint: 'Brystsmerter',
      });
      const name = `Tove ${family}`;

      const ed = await newPage(undefined, (c) => c.clock.install()); // the browser's clock, under the test's control
      await login(ed, origin, 'akutsygeplejerske', PASSWORD);
      await ed.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Akutmodtagelse' }).click();
      await ed.waitForURL(`${origin}/app/akut`);
      await ed.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
      const row = ed.getByTestId('ed-table').locator(`tr[data-encounter="${encounterId}"]`);
      await row.locator('.patient-name').getByText(name, { exact: true }).waitFor();
      const api = await apiAs<EdBoard>(ed, 'GET', '/api/logistics/ed');
      const triage = api.json.rows.find((r) => r.encounterId === encounterId)?.timers.find((t) => t.step === 'triage');
      assert.ok(triage && !triage.doneAt && !triage.breached, `the triage deadline is open (${JSON.stringify(triage)})`);
      assert.equal(triage.targetMinutes, 30, 'triage within 30 minutes');

      const timer = row.locator('li.timer[data-step="triage"]');
      await timer.getByText(/^(2\d|30):\d\d tilbage$/).waitFor();
      assert.equal(await row.getByText('Overskredet').count(), 0, 'nothing is breached yet');
      assert.notEqual(await row.getAttribute('class'), 'row-breached', 'the row is not marked');
      await row.locator('li[data-activity="triage"]').getByText('Afventer').waitFor();
      await checkA11y(ed, 'the emergency board');
      await screenshot(ed, 'e2e-ed');

      await ed.clock.fastForward('31:00');
      await timer.getByText('Overskredet').waitFor();
      assert.ok((await timer.locator('.breach svg').count()) > 0, 'the breach has its icon beside the word');
      assert.match((await timer.textContent()) ?? '', /Overskredet med \d+:\d\d/, 'says by how much');
      assert.equal(await row.getAttribute('class'), 'row-breached', 'the row is marked');
      await checkA11y(ed, 'the emergency board with a breach');
      await screenshot(ed, 'e2e-ed-breach');
    });
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
