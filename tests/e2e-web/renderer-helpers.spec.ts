/** Pure renderer helpers, run in Node: hash routes, dd/mm/yyyy dates, ages for adult and paediatric panels. */
import { expect, test } from '@playwright/test';
import { parseRoute, routeHref, type Route } from '../../renderer/src/app/router.ts';
import { birthDateFromCf, parseTypedDate } from '../../renderer/src/features/patients/date-parse.ts';
import { formatDate } from '../../renderer/src/features/patients/format.ts';
import { AGE_WORDING, ageOf, formatAge } from '../../shared/domain/age.ts';

test('routes round-trip through the hash', () => {
  const routes: Route[] = [
    { name: 'patients' },
    { name: 'patient-new' },
    { name: 'patient', id: 'a b/c' },
    { name: 'patient-edit', id: '42' },
    { name: 'settings' },
  ];
  for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  expect(parseRoute('')).toEqual({ name: 'patients' });
  expect(parseRoute('#/unknown')).toEqual({ name: 'patients' });
});

test('dates: dd/mm/yyyy out, the ways doctors type them in', () => {
  expect(formatDate('1984-07-09')).toBe('09/07/1984');
  expect(parseTypedDate('09/07/1984')).toBe('1984-07-09');
  expect(parseTypedDate('9/7/1984')).toBe('1984-07-09');
  expect(parseTypedDate('09071984')).toBe('1984-07-09');
  expect(parseTypedDate('31/02/1984')).toBeNull();
  expect(parseTypedDate('abc')).toBeNull();
  const today = new Date(2026, 10, 26);
  expect(birthDateFromCf(84, 7, 9, today)).toBe('1984-07-09');
  expect(birthDateFromCf(19, 2, 3, today)).toBe('2019-02-03');
});

test('age: years, years and months from two to six, months under two, weeks under two months, days in the first week', () => {
  const today = '2026-11-26';
  expect(ageOf('1984-11-27', today)).toEqual({ unit: 'years', count: 41 });
  expect(ageOf('1984-11-26', today)).toEqual({ unit: 'years', count: 42 });
  expect(ageOf('2025-03-10', today)).toEqual({ unit: 'months', count: 20 });
  expect(ageOf('2024-06-10', today)).toEqual({ unit: 'years', count: 2, months: 5 });
  expect(formatAge(ageOf('2024-06-10', today)!, AGE_WORDING.it)).toBe('2 anni e 5 mesi');
  expect(formatAge(ageOf('2023-11-26', today)!, AGE_WORDING.en)).toBe('3 years');
  expect(ageOf('2026-11-01', today)).toEqual({ unit: 'weeks', count: 3 });
  expect(ageOf('2026-11-22', today)).toEqual({ unit: 'days', count: 4 });
  expect(ageOf('2027-01-01', today)).toBeUndefined();
});
