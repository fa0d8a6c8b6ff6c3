/**
 * The document archive through HTTP on both stores: a PDF uploaded to a patient is found by the
 * journal search through its extracted text; its bytes come back identical with their type and
 * safe headers; a PNG is listed under its category; a broken PDF is archived but flagged; bad uploads
 * are 400s naming the field with nothing stored; without a care relation, 403 on upload and download;
 * a refused DocumentReference leaves no Binary behind (one transaction).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM } from '../src/access/index.ts';
import type { DocumentList, DocumentSummary } from '../src/documents/index.ts';
import type { JournalSearchResult } from '../src/journal/index.ts';
import { BROKEN_PDF, PNG_1x1, pdfWithText } from './support/document-files.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

for (const store of STORES) {
  describe(`document archive (${store.name})`, () => {
    let t: TestKerne;
    let pdf: Buffer;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' });
    const upload = (who: string, body: unknown) => t.request('POST', `/api/documents/patients/${ids.patient}`, body, as(who));
    const list = async (who: string, category?: string) => {
      const res = await t.request('GET', `/api/documents/patients/${ids.patient}${category ? `?category=${category}` : ''}`, undefined, as(who));
      return { status: res.status, body: res.json as DocumentList };
    };
    const download = (who: string, id: string) => t.kerne.http.inject({ method: 'GET', url: `/api/documents/${id}/content`, headers: { authorization: `Bearer ${tokens[who]}` } });
    /** How many DocumentReferences and Binaries the store holds. */
    const stored = async () => {
      const count = async (type: string) => (await t.kerne.repo.search({ resourceType: type, params: [['_summary', 'count']], baseUrl: '', handling: 'strict' })).total;
      return { documents: await count('DocumentReference'), binaries: await count('Binary') };
    };

    before(async () => {
      t = await startTestKerne(store);
      pdf = await pdfWithText();
      ids.unit = await create({ resourceType: 'Organization', name: 'Medicinsk afdeling' });
      ids.other = await create({ resourceType: 'Organization', name: 'Anden afdeling' });
      for (const [key, unit, role] of [['doctor', 'unit', 'laege'], ['stranger', 'other', 'laege'], ['manager', 'unit', 'afdelingsledelse']] as const) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: key }] });
        await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role }] }], organization: { reference: `Organization/${ids[unit]}` } });
        tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      }
      ids.patient = await create({ resourceType: 'Patient', name: [{ family: 'Holm', given: ['Birthe'] }] });
      await create({ resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${ids.patient}` }, serviceProvider: { reference: `Organization/${ids.unit}` } } as Resource);
    });
    after(() => t.close());

    it('archives a PDF: the journal search finds its text, the download is the same bytes', async () => {
      const res = await upload('doctor', { title: 'Røntgen af thorax', category: 'billeddiagnostik', date: '2026-01-05', contentType: 'application/pdf', data: b64(pdf) });
      assert.equal(res.status, 201, res.text);
      const doc = res.json as DocumentSummary;
      ids.pdf = doc.id;
      assert.deepEqual([doc.category, doc.contentType, doc.size, doc.hasText, doc.textStatus, doc.date], ['billeddiagnostik', 'application/pdf', pdf.length, true, 'extracted', '2026-01-05'], 'the summary');
      assert.equal(doc.author, 'doctor', 'the caller is the author');
      const stored = JSON.parse((await t.kerne.repo.read('DocumentReference', doc.id)).json!) as { author?: { reference?: string }[]; content: { attachment: { url?: string; hash?: string } }[] };
      assert.equal(stored.author?.[0]?.reference, `Practitioner/${ids.doctor}`, 'the author is the caller’s Practitioner');
      assert.match(stored.content[0]!.attachment.url ?? '', /^Binary\//, 'the bytes are a Binary');

      await t.kerne.relay.flush();
      await t.kerne.journal.indexer.idle();
      const search = await t.request('GET', `/api/journal/patients/${ids.patient}/search?q=infiltrater`, undefined, as('doctor'));
      assert.equal(search.status, 200, search.text);
      const hit = (search.json as JournalSearchResult).hits.find((h) => h.source.id === doc.id);
      assert.ok(hit, `the PDF's text is found: ${search.text}`);
      assert.match(hit.text, /Røntgen af thorax: ingen infiltrater/, 'the passage is the PDF’s text');

      const content = await download('doctor', doc.id);
      assert.equal(content.statusCode, 200, content.body);
      assert.equal(content.headers['content-type'], 'application/pdf', 'the content type');
      assert.ok(content.rawPayload.equals(pdf), 'the identical bytes');
      assert.match(String(content.headers['content-disposition']), /^inline/, 'shown inline');
      assert.equal(content.headers['x-content-type-options'], 'nosniff');
      assert.match(String(content.headers['content-security-policy']), /default-src 'none'/, 'a restrictive policy');
    });

    it('lists a PNG under its category, and filters by category', async () => {
      const res = await upload('doctor', { title: 'Samtykkeerklæring, scannet', category: 'samtykke', contentType: 'image/png', data: b64(PNG_1x1) });
      assert.equal(res.status, 201, res.text);
      const png = res.json as DocumentSummary;
      assert.deepEqual([png.hasText, png.textStatus], [false, 'none'], 'an image has no text');
      const all = await list('doctor');
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.deepEqual(new Set(all.body.documents.map((d) => d.id)), new Set([ids.pdf, png.id]), 'both documents');
      // The list is slim: summaries only, never the attachments (the PDF's extracted text is stored inline as base64).
      for (const d of all.body.documents) assert.deepEqual(Object.keys(d).sort(), ['archived', 'author', 'category', 'contentType', 'date', 'hasText', 'id', 'size', 'textStatus', 'title'], `a summary without attachments: ${JSON.stringify(d)}`);
      const pdfStored = JSON.parse((await t.kerne.repo.read('DocumentReference', ids.pdf!)).json!) as { content: { attachment: { data?: string } }[] };
      const inlineText = pdfStored.content.map((c) => c.attachment.data).find(Boolean);
      assert.ok(inlineText, 'the stored DocumentReference holds the extracted text inline');
      assert.ok(!JSON.stringify(all.body).includes(inlineText), 'the list does not carry the extracted text');
      const consents = await list('doctor', 'samtykke');
      assert.deepEqual(consents.body.documents.map((d) => [d.id, d.category, d.title, d.contentType, d.size]), [[png.id, 'samtykke', 'Samtykkeerklæring, scannet', 'image/png', PNG_1x1.length]], 'only the consent');
      assert.equal((await list('doctor', 'epikrise')).body.documents.length, 0, 'no discharge summaries');
      assert.equal((await list('doctor', 'roentgen')).status, 400, 'an unknown category is refused');
      const image = await download('doctor', png.id);
      assert.equal(image.headers['content-type'], 'image/png');
      assert.ok(image.rawPayload.equals(PNG_1x1), 'the identical PNG');
    });

    it('archives a broken PDF, flagged as without text', async () => {
      const res = await upload('doctor', { title: 'Ulæselig PDF', category: 'scannet-dokument', contentType: 'application/pdf', data: b64(BROKEN_PDF) });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([(res.json as DocumentSummary).hasText, (res.json as DocumentSummary).textStatus], [false, 'failed'], 'flagged');
      const stored = JSON.parse((await t.kerne.repo.read('DocumentReference', (res.json as DocumentSummary).id)).json!) as { meta?: { tag?: { display?: string }[] } };
      assert.equal(stored.meta?.tag?.[0]?.display, 'Tekst kunne ikke udtrækkes');
    });

    it('refuses bad uploads with a 400 naming the field, and stores nothing', async () => {
      const before = await stored();
      const good = { title: 'Brev', category: 'andet', contentType: 'application/pdf', data: b64(pdf) };
      const cases: [string, unknown, string][] = [
        ['unknown type', { ...good, contentType: 'application/zip' }, 'contentType'],
        ['magic mismatch', { ...good, data: b64(PNG_1x1) }, 'data'],
        ['empty', { ...good, data: '' }, 'data'],
        ['bad base64', { ...good, data: '%%%%' }, 'data'],
        ['missing title', { ...good, title: '' }, 'title'],
        ['missing category', { ...good, category: undefined }, 'category'],
        ['too large', { ...good, contentType: 'text/plain', data: b64(Buffer.alloc(20 * 1024 * 1024 + 10, 0x61)) }, 'data'],
      ];
      for (const [what, body, field] of cases) {
        const res = await upload('doctor', body);
        assert.equal(res.status, 400, `${what}: ${res.text.slice(0, 300)}`);
        assert.equal(res.json?.resourceType, 'OperationOutcome', `${what}: an OperationOutcome`);
        assert.deepEqual(res.json.issue[0].expression, [field], `${what}: names ${field}`);
      }
      assert.deepEqual(await stored(), before, 'nothing was stored');
    });

    it('403 without a care relation, on upload and on download, with nothing stored', async () => {
      const before = await stored();
      const res = await upload('stranger', { title: 'Brev', category: 'andet', contentType: 'application/pdf', data: b64(pdf) });
      assert.equal(res.status, 403, res.text);
      assert.equal(res.json?.resourceType, 'OperationOutcome');
      assert.deepEqual(await stored(), before, 'nothing was stored');
      const content = await download('stranger', ids.pdf!);
      assert.equal(content.statusCode, 403, 'no download');
      assert.ok(!content.rawPayload.includes(Buffer.from('%PDF')), 'no bytes');
      assert.equal((await list('stranger')).status, 403, 'no list');
    });

    it('a role that may read the record but not write documents: 403, and the Binary written first is rolled back', async () => {
      const before = await stored();
      assert.equal((await list('manager')).status, 200, 'the manager may read the list');
      const res = await upload('manager', { title: 'Brev', category: 'andet', contentType: 'application/pdf', data: b64(pdf) });
      assert.equal(res.status, 403, res.text);
      assert.deepEqual(await stored(), before, 'neither Binary nor DocumentReference was stored');
    });

    it('a letter that came from another system with its text inline is shown from that attachment', async () => {
      const letter = 'Kære kolleger. Henvises med åndenød. Ingen kendte allergier.';
      const created = await t.kerne.repo.create({
        resourceType: 'DocumentReference', status: 'current', subject: { reference: `Patient/${ids.patient}` }, description: 'Henvisning fra egen læge',
        content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from(letter).toString('base64'), title: 'Henvisning' } }],
      } as Resource);
      const content = await download('doctor', created.stored.id);
      assert.equal(content.statusCode, 200, content.body);
      assert.equal(content.headers['content-type'], 'text/plain; charset=utf-8', 'shown as text');
      assert.equal(content.body, letter, 'the inline text');
      assert.equal((await download('stranger', created.stored.id)).statusCode, 403, 'and only to those who may read the record');
    });
  });
}
