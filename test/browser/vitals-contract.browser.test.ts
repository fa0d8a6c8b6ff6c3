/**
 * The vital-signs screens in Chromium against a stub of the vitals API (vitals-stub.ts, inside
 * contract-stub.ts): the nurse validates two patients' device readings on a ward (unticks one,
 * corrects one, sets ACVPU, accepts) and the stub gets exactly the Validation the contract
 * describes; held readings are assigned to a patient; the manual vitals form on a phone posts
 * ManualVitals and shows a 400's OperationOutcome on its field; the nurse scans a mobile device's
 * code, associates it with a patient, withdraws it as the wrong patient with a reason, sees a 409
 * and ends an association, also on a phone; a doctor acknowledges an escalation and orders SpO2
 * scale 2. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { login, logout } from './shell-steps.ts';
import { addStubDoctor, createVitalsStub, DEVICE_CODES, type VitalsStub } from './vitals-stub.ts';

const PASSWORD = 'kerne-demo-1';

const postsTo = (stub: VitalsStub, pattern: RegExp) => stub.posts.filter((p) => pattern.test(p.path));
const card = (page: Page, patientId: string): Locator => page.locator(`article.vitals-card[data-patient="${patientId}"]`);
const isFocused = (locator: Locator) => locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);

describe('vital-signs screens against the vitals contract (stub)', () => {
  let stub: ContractStub;
  let vitals: VitalsStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    addStubDoctor();
    vitals = createVitalsStub();
    session = await openContractSession((app, api) => vitals.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('gives the nurse "Vitale værdier" and lists the wards', async () => {
    await login(page, stub.origin, 'sygeplejerske', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Patienter', 'Tavler', 'Senge', 'Akutmodtagelse', 'Vitale værdier'], 'the nurse’s menu, without escalations');
    await nav.getByRole('link', { name: 'Vitale værdier' }).click();
    await page.waitForURL(`${stub.origin}/app/vitaler`);
    await page.getByRole('heading', { level: 1, name: 'Vitale værdier' }).waitFor();
    const rows = page.getByRole('table', { name: 'Afsnit' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.match((await rows.first().textContent()) ?? '', /Medicinsk sengeafsnit M1.*Dit afsnit/, 'her own ward first');
    await checkA11y(page, 'the vitals ward picker');
    await page.getByRole('link', { name: 'Medicinsk sengeafsnit M1' }).click();
    await page.waitForURL(`${stub.origin}/app/vitaler/w-m1`);
  });

  it('shows each patient’s pending readings, the held and set-aside readings, alarms and escalations', async () => {
    await page.getByRole('heading', { level: 1, name: 'Vitale værdier: Medicinsk sengeafsnit M1' }).waitFor();
    const karen = card(page, 'p-karen');
    const mette = card(page, 'p-mette');
    await karen.getByRole('heading', { name: /Karen Jensen/ }).waitFor();
    await mette.getByRole('heading', { name: /Mette Hansen/ }).waitFor();
    assert.equal(await karen.locator('tbody tr').count(), 5, 'Karen’s five readings');
    assert.equal(await mette.locator('tbody tr').count(), 2, 'Mette’s two readings');
    const cells = (await karen.locator('tr[data-reading="r-k-temp"]').locator('th, td').allTextContents()).map((c) => c.trim());
    assert.equal(cells[1], 'Temperatur', 'the parameter’s label');
    assert.equal(cells[2], '38,4 °C', 'value and unit, with a decimal comma');
    assert.match(cells[3] ?? '', /^\d\d:\d\d$/, 'the time');
    assert.equal(cells[4], 'Monitor 1', 'the device');
    assert.equal(cells[5], 'Tid uden tidszone', 'the flag in words');
    assert.equal(await karen.locator('input[type=checkbox]:checked').count(), 5, 'all ticked by default');
    assert.equal(await karen.getByRole('radio', { name: 'A Vågen' }).isChecked(), true, 'ACVPU pre-filled from the last recorded');
    assert.equal(await karen.getByRole('group', { name: 'Ilttilskud' }).getByRole('radio', { name: 'Nej' }).isChecked(), true, 'oxygen pre-filled');
    assert.equal(await mette.locator('input[type=radio]:checked').count(), 0, 'nothing pre-filled without a last value');
    await karen.getByText('TOKS 3 (lav-middel risiko)').waitFor();
    await karen.getByText('Foreløbig').waitFor();

    await page.getByTestId('held').getByRole('cell', { name: 'Mobil monitor 7, Stue 2, Seng 3', exact: true }).waitFor();
    await page.getByTestId('aside').getByText('Ikke plausibel: SpO₂ 12 % (sensor faldet af?)').waitFor();
    const alarms = page.getByTestId('alarms').locator('li');
    assert.equal(await alarms.count(), 1, 'only the active alarm');
    assert.match((await alarms.first().textContent()) ?? '', /Høj.*SpO₂ lav.*Karen Jensen/, 'priority in words, text, patient');
    const escalationRows = page.getByTestId('escalation-table').locator('tbody tr');
    assert.deepEqual(await escalationRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-escalation'))), ['esc-mette', 'esc-karen', 'esc-old'], 'emergency first, acknowledged last');
    await escalationRows.first().getByText('Overskredet').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Kvittér/ }).count(), 0, 'a nurse cannot acknowledge');
    await checkA11y(page, 'the ward’s vitals');
    await screenshot(page, 'vitals-ward');
  });

  it('accepts the ticked readings with a correction and ACVPU, and shows the new score', async () => {
    const karen = card(page, 'p-karen');
    await karen.getByLabel('Vælg SpO₂ 91 %').uncheck();
    assert.equal(await karen.getByLabel('Ret SpO₂').isDisabled(), true, 'an unticked reading cannot be corrected');
    await karen.getByLabel('Ret Temperatur').fill('37,9');
    await karen.getByRole('radio', { name: 'C Ny konfusion' }).check();
    await karen.getByRole('button', { name: 'Godkend valgte – Karen Jensen' }).click();
    const result = page.getByTestId('validation-result-p-karen');
    await result.getByText('4 målinger godkendt, 1 rettet.').waitFor();
    await result.getByText('TOKS 6 (middel risiko)').waitFor();
    await result.getByText('Tilkald læge straks').waitFor();
    await result.getByText(/Næste måling kl\. \d\d:\d\d/).waitFor();
    assert.deepEqual(
      postsTo(vitals, /\/api\/vitals\/validate$/).map((p) => p.body),
      [{ accept: ['r-k-rr', 'r-k-sys', 'r-k-hr', 'r-k-temp'], corrections: [{ id: 'r-k-temp', value: 37.9 }], consciousness: 'C', supplementalOxygen: false }],
      'exactly the Validation the contract describes',
    );
    await karen.locator('tbody tr[data-reading="r-k-spo2"]').waitFor();
    await karen.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    assert.equal(await karen.locator('tbody tr').count(), 1, 'the refreshed ward keeps only the unticked reading');
    assert.equal(await karen.locator('input[type=checkbox]:checked').count(), 1, 'and it is ticked again');
    await checkA11y(page, 'the ward’s vitals after validation');
  });

  it('rejects a patient’s readings, and assigns a held reading to a patient of the ward', async () => {
    const mette = card(page, 'p-mette');
    await mette.getByLabel('Vælg Systolisk BT 132 mmHg').uncheck();
    await mette.getByRole('button', { name: 'Afvis valgte – Mette Hansen' }).click();
    await page.getByTestId('validation-result-p-mette').getByText('1 måling afvist.').waitFor();
    assert.deepEqual(postsTo(vitals, /\/validate$/).at(-1)?.body, { reject: ['r-m-hr'] }, 'a rejection carries only the ticked ids');

    const held = page.getByTestId('held');
    await held.getByRole('button', { name: 'Tilknyt patient' }).click();
    await held.getByText('Vælg de målinger, der skal knyttes til patienten.').waitFor();
    assert.equal(postsTo(vitals, /\/held\/assign$/).length, 0, 'nothing sent without a choice');
    await held.getByLabel('Vælg Puls 76 /min fra Mobil monitor 7, Stue 2, Seng 3').check();
    await held.getByLabel('Patient').selectOption({ label: 'Mette Hansen (Stue 3, Seng 5)' });
    await held.getByRole('button', { name: 'Tilknyt patient' }).click();
    await page.getByRole('status').filter({ hasText: '1 måling knyttet til Mette Hansen.' }).waitFor();
    assert.deepEqual(postsTo(vitals, /\/held\/assign$/).map((p) => p.body), [{ readingIds: ['h-1'], patientId: 'p-mette' }], 'the held assignment');
    await held.getByText('Ingen målinger uden patient.').waitFor();
  });

  it('associates a scanned mobile device with a patient, withdraws it as the wrong patient, shows a 409 and ends an association', async () => {
    const devices = page.getByTestId('devices');
    await devices.getByRole('heading', { level: 2, name: 'Udstyr' }).waitFor();
    const inUse = devices.getByRole('table', { name: 'Mobilt udstyr tilknyttet afsnittets patienter' });
    const row9 = inUse.locator('tr[data-device="dev-mob-9"]');
    assert.match((await row9.textContent()) ?? '', /Mobil monitor 9.*0A1B2C0000000009.*Karen Jensen.*Til den afsluttes/, 'device, code, patient, no end');
    assert.equal(await inUse.locator('tbody tr').count(), 1, 'only the mobile device with one of the ward’s patients');

    const fixed = devices.getByTestId('fixed-monitors');
    assert.equal(await fixed.getByRole('table').isVisible(), false, 'the fixed monitors are folded away');
    await fixed.getByText('Faste monitorer (2)').click();
    const fixedRows = fixed.locator('tbody tr');
    await fixedRows.first().waitFor();
    assert.deepEqual(
      await fixedRows.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()))),
      [
        ['Stue 1, Seng 1', 'Monitor 1', DEVICE_CODES.monitor1],
        ['Stue 3, Seng 5', 'Monitor 2', DEVICE_CODES.monitor2],
      ],
      'bed → monitor and code',
    );

    const code = devices.getByLabel('Scan eller skriv udstyrets kode');
    await code.fill('0a1b2c00000000ff');
    await code.press('Enter');
    await devices.getByText('Der findes intet udstyr med koden 0A1B2C00000000FF.').waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true', 'the unknown code is marked');
    // A barcode scanner types the label (here with colons) fast and sends Enter.
    await code.fill('');
    await code.pressSequentially('0a:1b:2c:00:00:00:00:07');
    await code.press('Enter');
    const found = devices.getByTestId('device-found');
    await found.getByRole('heading', { name: 'Fundet udstyr: Mobil monitor 7' }).waitFor();
    assert.equal(await found.getByTestId('device-status').textContent(), 'Ikke tilknyttet en patient', 'free');
    assert.match((await found.textContent()) ?? '', /Kode0A1B2C0000000007.*Mobilt udstyr/, 'code and kind');
    assert.deepEqual(vitals.deviceLookups, ['0A1B2C00000000FF', DEVICE_CODES.mobile7], 'the code is sent as 16 hex digits');
    await checkA11y(page, 'the ward’s equipment with a device found');

    const associate = found.getByRole('button', { name: 'Tilknyt', exact: true });
    await associate.click();
    await found.getByText('Vælg en patient.').waitFor();
    assert.equal(postsTo(vitals, /\/associate$/).length, 0, 'nothing sent without a patient');
    await found.getByLabel('Patient').selectOption({ label: 'Mette Hansen (Stue 3, Seng 5)' });
    await found.getByLabel('Til (valgfri)').fill('2099-01-15T10:00');
    await associate.click();
    await devices.getByRole('status').filter({ hasText: 'Mobil monitor 7 er tilknyttet Mette Hansen.' }).waitFor();
    const until = await page.evaluate('new Date("2099-01-15T10:00").toISOString()');
    assert.deepEqual(
      postsTo(vitals, /\/associate$/).map((p) => [p.path, p.body]),
      [['/api/vitals/devices/dev-mob-7/associate', { patientId: 'p-mette', until }]],
      'exactly the association the contract describes',
    );
    assert.equal(await found.count(), 0, 'cleared for the next scan');
    assert.equal(await code.inputValue(), '');
    assert.equal(await isFocused(code), true, 'focus back in the code field');
    const row7 = inUse.locator('tr[data-device="dev-mob-7"]');
    await row7.waitFor();
    assert.match((await row7.textContent()) ?? '', /Mobil monitor 7.*Mette Hansen.*15\.01\.2099 kl\. 10:00/, 'listed with the patient and the end');

    const wrong = row7.getByRole('button', { name: 'Forkert patient – Mobil monitor 7, Mette Hansen' });
    await wrong.click();
    const dialog = page.getByRole('dialog', { name: 'Forkert patient: Mobil monitor 7' });
    await dialog.waitFor();
    await dialog.getByText(/Målingerne fra tilknytningen tages ud af journalen/).waitFor();
    const reason = dialog.getByLabel('Begrundelse');
    assert.equal(await isFocused(reason), true, 'focus on the reason');
    const take = dialog.getByRole('button', { name: 'Tag målingerne ud af journalen' });
    await reason.fill('Forkert');
    await take.click();
    await dialog.getByText('Begrundelsen skal være mindst 10 tegn. Skriv 3 tegn mere.').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true', 'the reason is marked');
    assert.equal(postsTo(vitals, /\/withdraw$/).length, 0, 'nothing sent with a short reason');
    await checkA11y(page, 'the wrong-patient dialog');
    await screenshot(page, 'vitals-device-withdraw');
    await reason.fill('Forvekslet med patienten på stue 2');
    await take.click();
    await page.getByRole('status').filter({ hasText: "2 målinger taget ud af journalen og lagt i 'Uden patient'." }).waitFor();
    assert.equal(await dialog.count(), 0, 'the dialog is closed');
    const withdrawals = postsTo(vitals, /\/withdraw$/);
    assert.equal(withdrawals.length, 1);
    assert.match(withdrawals[0]!.path, /^\/api\/vitals\/associations\/assoc-\d+\/withdraw$/, 'the new association');
    assert.deepEqual(withdrawals[0]!.body, { reason: 'Forvekslet med patienten på stue 2' }, 'exactly the reason');
    await row7.waitFor({ state: 'detached' });
    await page.getByTestId('held').getByRole('heading', { name: 'Uden patient (2)' }).waitFor();

    await code.fill(`${DEVICE_CODES.mobile8.match(/../g)!.join('-')}`);
    await code.press('Enter');
    await found.getByRole('heading', { name: 'Fundet udstyr: Mobil monitor 8' }).waitFor();
    assert.match((await found.getByTestId('device-status').textContent()) ?? '', /^Tilknyttet en anden patient siden /, 'with a patient of another ward');
    await found.getByLabel('Patient').selectOption({ label: 'Karen Jensen (Stue 1, Seng 1)' });
    await associate.click();
    await found.getByRole('alert').filter({ hasText: 'Udstyret er tilknyttet en anden patient – afslut den tilknytning først' }).waitFor();
    assert.deepEqual(postsTo(vitals, /\/associate$/).at(-1)?.body, { patientId: 'p-karen' }, 'no end time when none is given');
    await checkA11y(page, 'the ward’s equipment with a 409');
    await found.getByRole('button', { name: 'Ryd' }).click();
    assert.equal(await found.count(), 0);

    await row9.getByRole('button', { name: 'Afslut – Mobil monitor 9, Karen Jensen' }).click();
    await page.getByRole('status').filter({ hasText: 'Tilknytningen af Mobil monitor 9 til Karen Jensen er afsluttet.' }).waitFor();
    assert.deepEqual(
      postsTo(vitals, /\/end$/).map((p) => p.path),
      ['/api/vitals/associations/assoc-9/end'],
      'the association ended',
    );
    await devices.getByText('Intet mobilt udstyr er tilknyttet afsnittets patienter.').waitFor();
  });

  it('fits the ward’s equipment on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const devices = page.getByTestId('devices');
    const code = devices.getByLabel('Scan eller skriv udstyrets kode');
    await code.fill(DEVICE_CODES.mobile7);
    await code.press('Enter');
    await devices.getByTestId('device-found').getByRole('heading', { name: 'Fundet udstyr: Mobil monitor 7' }).waitFor();
    await devices.getByTestId('device-found').getByLabel('Patient').selectOption({ label: 'Karen Jensen (Stue 1, Seng 1)' });
    await devices.getByTestId('device-found').getByRole('button', { name: 'Tilknyt', exact: true }).click();
    await devices.locator('tr[data-device="dev-mob-7"]').waitFor();
    await code.fill(DEVICE_CODES.mobile8);
    await code.press('Enter');
    await devices.getByTestId('device-found').waitFor();
    const fixed = devices.getByTestId('fixed-monitors');
    if (!(await fixed.getByRole('table').isVisible())) await fixed.getByText('Faste monitorer (2)').click();
    await devices.scrollIntoViewIfNeeded();
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no sideways scrolling on a phone');
    const button = devices.getByRole('button', { name: /^Forkert patient/ });
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 44, `a big touch target (${JSON.stringify(box)})`);
    await checkA11y(page, 'the ward’s equipment on a phone');
    await screenshot(page, 'vitals-devices-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('refreshes the ward every 10 seconds', async () => {
    const before = vitals.wardFetches();
    await new Promise((r) => setTimeout(r, 10_500));
    assert.ok(vitals.wardFetches() > before, `fetched again (${before} → ${vitals.wardFetches()})`);
  });

  it('records manual vitals on a phone: a 400 shows on its field, then the score', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stub.origin}/app/patient/p-karen/vitals`);
    const form = page.getByTestId('manual-vitals-form');
    await form.waitFor();
    await page.getByTestId('latest-raw').getByText('TOKS 6 (middel risiko)').waitFor();
    await page.getByTestId('latest-raw').getByText('Tilkald læge straks').waitFor();
    await page.getByTestId('latest-adjusted').getByText('Sygeplejerske vurderer').waitFor();
    await page.getByTestId('latest-adjusted').getByText('Begrundelse: KOL med habituel SpO₂ 88–92 %').waitFor();
    const spo2 = form.getByLabel('SpO₂ (%)');
    assert.equal(await spo2.getAttribute('inputmode'), 'decimal', 'a decimal keyboard on phones');
    await form.getByLabel('Respirationsfrekvens (/min)').fill('22');
    await spo2.fill('190');
    await form.getByText('Usædvanligt høj værdi – kontrollér.').waitFor();
    await form.getByLabel('Systolisk blodtryk (mmHg)').fill('118');
    await form.getByLabel('Puls (/min)').fill('96');
    await form.getByLabel('Temperatur (°C)').fill('37,8');
    await form.getByRole('radio', { name: 'A Vågen' }).check();
    await form.getByRole('group', { name: 'Ilttilskud' }).getByRole('radio', { name: 'Nej' }).check();
    await form.getByLabel('Bekymret for patienten').check();
    const submit = form.getByRole('button', { name: 'Gem målinger' });
    const box = await submit.boundingBox();
    assert.ok(box && box.height >= 44, `a big touch target (${JSON.stringify(box)})`);
    await submit.click();
    await form.locator('[data-field="spo2"]').getByText('SpO₂ skal være mellem 0 og 100 %.').waitFor();
    assert.equal(await spo2.getAttribute('aria-invalid'), 'true', 'the field is marked');
    assert.match((await spo2.getAttribute('aria-describedby')) ?? '', /error/, 'the message is tied to the field');
    assert.equal(await isFocused(spo2), true, 'focus on the field the server refused');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'the chart fits the phone’s width');
    await checkA11y(page, 'the manual vitals form with a server error, on a phone');
    await screenshot(page, 'vitals-manual-phone');

    await spo2.fill('94');
    await submit.click();
    await page.getByTestId('manual-result').getByText('TOKS 4 (lav-middel risiko)').waitFor();
    await page.getByTestId('manual-result').getByText('Bekymring registreret').waitFor();
    const base = { respiratoryRate: 22, systolic: 118, heartRate: 96, temperature: 37.8, consciousness: 'A', supplementalOxygen: false, concern: true };
    assert.deepEqual(
      postsTo(vitals, /\/api\/vitals\/patients\/p-karen$/).map((p) => p.body),
      [
        { ...base, spo2: 190 },
        { ...base, spo2: 94 },
      ],
      'ManualVitals as the contract has it, numbers with a decimal comma read right',
    );
    assert.equal(await spo2.inputValue(), '', 'the form is cleared after saving');
    await checkA11y(page, 'the chart’s vitals with a new score, on a phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('lets a doctor acknowledge an escalation, most urgent first', async () => {
    await logout(page);
    await login(page, stub.origin, 'laege', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Patienter', 'Tavler', 'Senge', 'Akutmodtagelse', 'Vitale værdier', 'Eskaleringer'], 'the doctor’s menu');
    await nav.getByRole('link', { name: 'Eskaleringer' }).click();
    await page.waitForURL(`${stub.origin}/app/eskalering`);
    const table = page.getByRole('table', { name: 'Åbne eskaleringer, mest akutte først' });
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-escalation'))), ['esc-mette', 'esc-karen', 'esc-old'], 'emergency first');
    const mette = table.locator('tr[data-escalation="esc-mette"]');
    assert.match((await mette.textContent()) ?? '', /Akut.*Mette Hansen.*TOKS 9.*1\d min.*Overskredet.*Afventer læge/, 'level, patient, score, age, overdue, status');
    assert.equal(await mette.getAttribute('class'), 'row-overdue', 'the overdue row is marked');
    await checkA11y(page, 'the escalations');
    await screenshot(page, 'vitals-escalations');
    await mette.getByRole('button', { name: 'Kvittér – Mette Hansen' }).click();
    await page.getByRole('status').filter({ hasText: 'Eskaleringen for Mette Hansen er kvitteret.' }).waitFor();
    await mette.getByText(/^Kvitteret af Søren Ærø kl\. \d\d:\d\d$/).waitFor();
    assert.deepEqual(
      postsTo(vitals, /\/acknowledge$/).map((p) => [p.path, p.body, p.user]),
      [['/api/vitals/escalations/esc-mette/acknowledge', {}, 'Søren Ærø']],
      'one acknowledgement, by the doctor',
    );
    await checkA11y(page, 'the escalations after acknowledging');
  });

  it('lets the doctor order SpO2 scale 2 on the chart, with the reason checked first', async () => {
    await page.goto(`${stub.origin}/app/patient/p-karen/vitals`);
    const form = page.getByTestId('order-form');
    await form.waitFor();
    await page.getByRole('table', { name: 'Ordinationer' }).getByText('KOL med habituel SpO₂ 88–92 %').waitFor();
    await form.getByLabel('Begrundelse').fill('KOL');
    await form.getByRole('button', { name: 'Gem ordination' }).click();
    await form.getByText('Begrundelsen skal være mindst 10 tegn. Skriv 7 tegn mere.').waitFor();
    await form.getByText('Vælg dato og tidspunkt for, hvornår ordinationen udløber.').waitFor();
    assert.equal(postsTo(vitals, /\/orders$/).length, 0, 'nothing sent while invalid');
    await form.getByRole('radio', { name: 'Justerede grænser' }).check();
    await form.getByLabel('Begrundelse').fill('Kronisk takykardi, kendt og udredt');
    await form.getByLabel('Udløber').fill('2099-01-15T10:00');
    await form.getByLabel('Måleinterval i minutter (valgfri)').fill('120');
    await checkA11y(page, 'the chart’s vitals for a doctor');
    await form.getByRole('button', { name: 'Gem ordination' }).click();
    await page.getByRole('status').filter({ hasText: 'Ordinationen er gemt.' }).waitFor();
    const expires = await page.evaluate('new Date("2099-01-15T10:00").toISOString()');
    assert.deepEqual(
      postsTo(vitals, /\/patients\/p-karen\/orders$/).map((p) => p.body),
      [{ kind: 'adjusted-thresholds', reason: 'Kronisk takykardi, kendt og udredt', expires, monitoringMinutes: 120 }],
      'ScoreOrder as the contract has it',
    );
    await page.getByRole('table', { name: 'Ordinationer' }).getByText('Kronisk takykardi, kendt og udredt').waitFor();
    await page.locator('.chart-module').getByRole('button', { name: 'Kvittér – Karen Jensen' }).waitFor();
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Record vital signs' }).waitFor();
    await page.getByRole('radio', { name: 'C New confusion' }).waitFor();
    await page.goto(`${stub.origin}/app/eskalering`);
    await page.getByRole('heading', { level: 1, name: 'Escalations' }).waitFor();
    await page.goto(`${stub.origin}/app/vitaler/w-m1`);
    await page.getByTestId('devices').getByRole('heading', { level: 2, name: 'Equipment' }).waitFor();
    await page.getByLabel('Scan or type the device’s code').waitFor();
    await page.getByTestId('fixed-monitors').getByText('Fixed monitors (2)').waitFor();
    await page.goto(`${stub.origin}/app/eskalering`);
    await page.getByRole('heading', { level: 1, name: 'Escalations' }).waitFor();
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eskaleringer' }).waitFor();
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
