import { parseHubspotTimestamp } from '../../../src/domain/activities';
import { parseCount } from '../../../src/domain/activities/counter-activities';

describe('parseHubspotTimestamp', () => {
  it.each<[string | undefined, number | undefined]>([
    ['1736157600000', 1_736_157_600_000],
    ['2025-01-06T10:00:00Z', 1_736_157_600_000],
    [' 0 ', 0],
    ['', undefined],
    [undefined, undefined],
    ['yesterday', undefined],
    ['253402300800000', undefined], // the year 10000
    ['8640000000000000', undefined], // the largest time a Date holds
    ['99999999999999999999', undefined],
    ['2100-01-01T00:00:00Z', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parseHubspotTimestamp(text)).toBe(expected);
  });
});

describe('parseCount', () => {
  it.each<[string | undefined, number | undefined]>([
    ['17', 17],
    [' 3 ', 3],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740993', undefined],
    ['99999999999999999999999', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });
});
