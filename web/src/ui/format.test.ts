import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, formatDateTime, formatTime } from './format.ts';

describe('dates and times', () => {
  it('writes Danish and English dates; a bare FHIR date is not shifted by the time zone', () => {
    assert.equal(formatDate('1955-02-07', 'da'), '07.02.1955');
    assert.equal(formatDate('1955-02-07', 'en'), '7 Feb 1955');
    const local = new Date(2025, 0, 15, 14, 5);
    assert.equal(formatTime(local), '14:05');
    assert.equal(formatDateTime(local, 'da'), '15.01.2025 kl. 14:05');
    assert.equal(formatDateTime(local, 'en'), '15 Jan 2025, 14:05');
    assert.equal(formatDateTime('not a date', 'da'), 'not a date');
  });
});
