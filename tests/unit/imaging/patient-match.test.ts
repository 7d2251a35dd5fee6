import { describe, expect, it } from 'vitest';
import { encodeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import type { PatientSummary } from '../../../shared/domain/patient.ts';
import { patientFromDicom } from '../../../shared/imaging/patient-from-dicom.ts';
import { agreement, codiceFiscaleIn, matchPatient, sameName } from '../../../shared/imaging/patient-match.ts';
import { personName } from '../../../shared/dicom/values.ts';

const cf = (surname: string, givenName: string, birthDate: string, sex: 'M' | 'F') => encodeCodiceFiscale({ surname, givenName, birthDate, sex, belfiore: 'F205' });
const patient = (id: string, surname: string, givenName: string, birthDate: string, sex: 'M' | 'F', kind: 'CF' | 'STP' = 'CF'): PatientSummary => ({
  id, surname, givenName, birthDate, sex, identifierKind: kind, identifier: kind === 'CF' ? cf(surname, givenName, birthDate, sex) : `STP${id.padStart(13, '0')}`,
});

const rossi = patient('1', 'Rossi', 'Mario', '1948-02-29', 'M');
const rossiNamesake = patient('2', 'Rossi', 'Mario', '1948-02-29', 'M', 'STP');
const dangelo = patient('3', "D'Angelo", 'Maria Luisa', '1990-07-01', 'F');

describe('matching a study to the panel', () => {
  it('the codice fiscale in Patient ID decides, whatever the name says; a wrong check character is not one', () => {
    const id = ` ${rossi.identifier.toLowerCase()} `;
    expect(codiceFiscaleIn(id)).toBe(rossi.identifier);
    expect(matchPatient({ id, name: personName('SOMEONE^ELSE') }, [rossiNamesake, rossi])).toEqual({ patientId: '1', by: 'codiceFiscale' });
    const wrong = rossi.identifier.slice(0, 15) + (rossi.identifier[15] === 'A' ? 'B' : 'A');
    expect(codiceFiscaleIn(wrong)).toBeUndefined();
    // A codice fiscale of nobody in the panel: no fallback to a namesake with the same birth date.
    expect(matchPatient({ id: cf('Bianchi', 'Anna', '1948-02-29', 'F'), name: personName('Rossi^Mario'), birthDate: '1948-02-29' }, [rossi])).toBeUndefined();
  });

  it('otherwise name and birth date together, in DICOM or Italian form, either order, diacritics and apostrophes ignored', () => {
    for (const pn of ['Rossi^Mario', 'ROSSI MARIO', 'MARIO ROSSI', 'rossi^mario^^^']) {
      expect(matchPatient({ id: 'H-123', name: personName(pn), birthDate: '1948-02-29' }, [rossi]), pn).toEqual({ patientId: '1', by: 'nameBirthDate' });
    }
    expect(sameName({ name: personName('DANGELO^MARIA^LUISA') }, dangelo)).toBe(true);
    expect(sameName({ name: personName("D'ÀNGELO MARIA LUISA") }, dangelo)).toBe(true);
    expect(matchPatient({ name: personName('Rossi^Mario') }, [rossi])).toBeUndefined(); // no birth date
    expect(matchPatient({ name: personName('Rossi^Marco'), birthDate: '1948-02-29' }, [rossi])).toBeUndefined();
    // Two patients with the same name and birth date: no proposal.
    expect(matchPatient({ name: personName('Rossi^Mario'), birthDate: '1948-02-29' }, [rossi, rossiNamesake])).toBeUndefined();
  });

  it('agreement with the patient imported into: same, different (someone else named), unknown (too little said)', () => {
    expect(agreement({ id: rossi.identifier }, rossi)).toEqual({ verdict: 'same', by: 'codiceFiscale' });
    expect(agreement({ id: rossi.identifier }, dangelo)).toEqual({ verdict: 'different' });
    expect(agreement({ name: personName('Rossi^Mario'), birthDate: '1948-02-29' }, rossi)).toEqual({ verdict: 'same', by: 'nameBirthDate' });
    expect(agreement({ name: personName('Rossi^Mario') }, rossi)).toEqual({ verdict: 'unknown' });
    expect(agreement({ name: personName('Verdi^Anna') }, rossi)).toEqual({ verdict: 'different' });
    expect(agreement({ birthDate: '2001-01-01' }, rossi)).toEqual({ verdict: 'different' });
    expect(agreement({ id: '12345' }, rossi)).toEqual({ verdict: 'unknown' });
  });

  it('a patient to register comes only from a codice fiscale with a name; the century from the files or the most recent past one', () => {
    const id = cf('Rossi', 'Mario', '1948-02-29', 'M');
    expect(patientFromDicom({ id, name: personName('ROSSI^MARIO'), birthDate: '1948-02-29' }, '2026-01-10')).toEqual({
      surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1948-02-29', identifierKind: 'CF', identifier: id,
    });
    // No carets: split where the code's letters say; no birth date: 2048 is in the future, so 1948.
    expect(patientFromDicom({ id, name: personName('ROSSI MARIO') }, '2026-01-10')).toMatchObject({ surname: 'Rossi', givenName: 'Mario', birthDate: '1948-02-29' });
    const child = cf('De Luca', 'Sofia', '2019-03-05', 'F');
    expect(patientFromDicom({ id: child, name: personName('DE LUCA SOFIA') }, '2026-01-10')).toMatchObject({ surname: 'De Luca', givenName: 'Sofia', sex: 'F', birthDate: '2019-03-05' });
    expect(patientFromDicom({ id: 'H-123', name: personName('Rossi^Mario') }, '2026-01-10')).toBeUndefined();
    expect(patientFromDicom({ id }, '2026-01-10')).toBeUndefined();
  });
});
