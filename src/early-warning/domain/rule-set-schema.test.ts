/** Rule sets are validated data: the shipped files load; broken tables (gaps, overlaps, unmapped totals, silent concern) are refused at load. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadRuleSet, NEWS2_RCP_2017, RULE_SETS } from './rule-set-files.ts';
import { maxTotal, parseRuleSet, ruleSetKey } from './rule-set-schema.ts';

const raw = (): Record<string, any> => JSON.parse(readFileSync(new URL('../rule-sets/news2-rcp-2017.json', import.meta.url), 'utf8'));
const problems = (json: unknown): string => {
  try {
    parseRuleSet(json);
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

describe('rule-set files', () => {
  it('load and validate', () => {
    assert.deepEqual(Object.keys(RULE_SETS).sort(), ['news2@rcp-2017', 'toks-kerne-illustrative@1'], 'both shipped rule sets by id@version');
    assert.equal(ruleSetKey(NEWS2_RCP_2017), 'news2@rcp-2017', 'key');
    assert.equal(maxTotal(NEWS2_RCP_2017), 20, 'NEWS2 ranges 0–20');
  });
  it('record the rounding rule, the freshness windows and the 4 h choice in metadata', () => {
    const p = NEWS2_RCP_2017.parameters;
    assert.match(NEWS2_RCP_2017.rounding.note, /37\.95 -> 38\.0/, 'temperature rounding documented');
    assert.deepEqual([p.respiratoryRate?.freshnessMinutes, p.spo2?.freshnessMinutes, p.systolic?.freshnessMinutes, p.heartRate?.freshnessMinutes, p.temperature?.freshnessMinutes], [60, 60, 60, 60, 60], 'device vitals 60 min');
    assert.deepEqual([p.consciousness?.freshnessMinutes, p.supplementalOxygen?.freshnessMinutes, NEWS2_RCP_2017.responses.concern.freshnessMinutes], [240, 240, 240], 'ACVPU, oxygen and concern 240 min');
    assert.ok(NEWS2_RCP_2017.responses.byTotal.find((r) => r.min === 1)?.note?.includes('4-6'), 'the 4–6 h range and Kerne\'s 4 h noted');
  });
  it('refuses a name that is not a plain file name', () => {
    assert.throws(() => loadRuleSet('../../package.json'), /EWS_RULE_SET_NAME/, 'no path traversal');
  });
});

describe('rule-set validation', () => {
  it('accepts the shipped JSON', () => {
    assert.equal(problems(raw()), '', 'valid');
  });
  it('refuses a gap between bands', () => {
    const j = raw();
    j.parameters.respiratoryRate.bands[2].max = 19;
    assert.match(problems(j), /respiratoryRate bands: 20 on air falls in 0 bands/, 'RR 20 uncovered');
  });
  it('refuses overlapping bands', () => {
    const j = raw();
    j.parameters.temperature.bands[1].max = 36.1;
    assert.match(problems(j), /temperature bands: 36\.1 on air falls in 2 bands/, '36.1 in two bands');
  });
  it('refuses a Scale 2 table that forgets oxygen', () => {
    const j = raw();
    j.parameters.spo2.scales['2'] = j.parameters.spo2.scales['2'].filter((b: { oxygen?: boolean }) => b.oxygen !== true);
    assert.match(problems(j), /spo2 2: 93 on oxygen falls in 0 bands/, 'on-oxygen bands missing');
  });
  it('refuses an ACVPU code without a band', () => {
    const j = raw();
    j.parameters.consciousness.bands[1].codes = ['V', 'P', 'U'];
    assert.match(problems(j), /code C falls in 0 bands/, 'C unscored');
  });
  it('refuses totals without exactly one response row', () => {
    const j = raw();
    j.responses.byTotal[1].max = 3;
    assert.match(problems(j), /total 4 matches 0 rows/, 'total 4 unmapped');
  });
  it('refuses a concern that does not reach a doctor', () => {
    const j = raw();
    j.responses.concern.level = 'ward';
    assert.match(problems(j), /concern\.level must escalate/, 'concern must escalate');
  });
  it('refuses an escalating level without priority or time to respond', () => {
    const j = raw();
    delete j.levels.urgent.respondWithinMinutes;
    assert.match(problems(j), /taskPriority and respondWithinMinutes/, 'incomplete level');
  });
  it('refuses unknown fields (typos do not pass silently)', () => {
    const j = raw();
    j.parameters.heartRate.band = [];
    assert.notEqual(problems(j), '', 'unknown key refused');
  });
});
