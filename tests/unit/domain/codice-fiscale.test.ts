import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  checkCodiceFiscale,
  decodeCodiceFiscale,
  encodeCodiceFiscale,
  nameCode,
  surnameCode,
} from '../../../shared/domain/codice-fiscale.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

/** The official tables (resources/terms/codice-fiscale-tables.csv), to check the code's copy. */
function csvTables() {
  const rows = readFileSync(new URL('../../../resources/terms/codice-fiscale-tables.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const table = (name: string) => new Map(rows.filter((r) => r[0] === name).map((r) => [r[1]!, r[2]!]));
  return { odd: table('odd_position_value'), even: table('even_position_value'), rem: table('remainder_to_check_char') };
}

function checkFromCsv(first15: string): string {
  const t = csvTables();
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += Number((i % 2 === 0 ? t.odd : t.even).get(first15[i]!));
  return t.rem.get(String(sum % 26))!;
}

describe('codice fiscale (D.M. 23/12/1976)', () => {
  it('computes the check character exactly as the official tables do', () => {
    for (const p of syntheticPatients({ count: 300, seed: 7, today: new Date('2026-01-01') })) {
      expect(checkCharacter(p.identifier.slice(0, 15))).toBe(checkFromCsv(p.identifier.slice(0, 15)));
    }
  });

  it('finds the wrong check character of a published example (FHIR-TERMS-DICOM.md §3)', () => {
    const r = checkCodiceFiscale('GRGVRD06D02F611G');
    expect(r.valid).toBe(false);
    expect(r.problems).toEqual(['check-character']);
    expect(r.expectedCheckCharacter).toBe('P');
    expect(checkCodiceFiscale('GRGVRD06D02F611P').valid).toBe(true);
  });

  it('builds the letters from surname and name per the rule', () => {
    expect(surnameCode('Rossi')).toBe('RSS');
    expect(surnameCode("D'Angelo")).toBe('DNG');
    expect(surnameCode('Fo')).toBe('FOX');
    expect(nameCode('Gianfranco')).toBe('GFR'); // 4+ consonants: 1st, 3rd, 4th
    expect(nameCode('Maria')).toBe('MRA');
    expect(encodeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', birthDate: '1960-05-12', sex: 'M', belfiore: 'H501' })).toBe(
      'RSSMRA60E12H501E',
    );
  });

  it('decodes birth date and sex, women with day + 40', () => {
    const cf = encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Anna', birthDate: '1985-12-03', sex: 'F', belfiore: 'F205' });
    expect(decodeCodiceFiscale(cf)).toMatchObject({ yearTwoDigits: 85, month: 12, day: 3, sex: 'F', belfiore: 'F205' });
    expect(checkCodiceFiscale(cf, { birthDate: '1985-12-03', sex: 'F' }).valid).toBe(true);
    expect(checkCodiceFiscale(cf, { birthDate: '1985-12-04', sex: 'F' }).problems).toEqual(['birth-date-mismatch']);
    expect(checkCodiceFiscale(cf, { birthDate: '1985-12-03', sex: 'M' }).problems).toEqual(['sex-mismatch']);
  });

  it('accepts omocodia variants and decodes them back', () => {
    const cf = encodeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', birthDate: '1960-05-12', sex: 'M', belfiore: 'H501' });
    // Replace the last digit of the place code (position 15) by its letter, then recompute the check.
    const first15 = cf.slice(0, 14) + 'LMNPQRSTUV'[Number(cf[14])];
    const omocode = first15 + checkCharacter(first15);
    const r = checkCodiceFiscale(omocode, { birthDate: '1960-05-12', sex: 'M' });
    expect(r.valid).toBe(true);
    expect(r.decoded).toMatchObject({ belfiore: 'H501', omocodia: true });
  });

  it('refuses bad shape, month and day', () => {
    expect(checkCodiceFiscale('RSSMRA60E12H501').problems).toEqual(['length']);
    expect(checkCodiceFiscale('RSSMRA60E12H5O1E').problems).toEqual(['characters']);
    const badMonth = 'RSSMRA60Z12H501';
    expect(checkCodiceFiscale(badMonth + checkCharacter(badMonth)).problems).toEqual(['characters']);
    const badDay = 'RSSMRA60E32H501';
    expect(checkCodiceFiscale(badDay + checkCharacter(badDay)).problems).toEqual(['day']);
  });

  it('warns, without refusing, when the letters do not follow the names', () => {
    const cf = encodeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', birthDate: '1960-05-12', sex: 'M', belfiore: 'H501' });
    const r = checkCodiceFiscale(cf, { surname: 'Verdi', givenName: 'Mario' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['surname-mismatch']);
  });
});
