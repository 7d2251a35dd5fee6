/**
 * Units per pack from AIFA package descriptions (DOMAIN.md §2.4). The short forms are
 * descriptions of the AIC catalogue (FSE code system 2.16.840.1.113883.2.9.6.1.5); the long
 * forms are as AIFA's "confezione" text and prescriptions write them.
 */
import { describe, expect, it } from 'vitest';
import { packUnitCount } from '../../../shared/analytics/adherence/pack-size.ts';

const cases: [string, ReturnType<typeof packUnitCount>][] = [
  ['28 compresse', { count: 28, unit: 'tablet' }],
  ['30 cpr riv 20 mg', { count: 30, unit: 'tablet' }],
  ['1 flacone 100 ml', { count: 1, unit: 'bottle', content: { amount: 100, unit: 'ml' } }],
  ['LORTAAN*100MG 28CPR', { count: 28, unit: 'tablet' }],
  ['ROSUVASTAT AUR*10MG 28CPRR', { count: 28, unit: 'tablet' }],
  ['TOLIMAN*50 CPR 25 MG', { count: 50, unit: 'tablet' }],
  ['PRADAXA*110MG 30 CPS', { count: 30, unit: 'capsule' }],
  ['FORADIL*12MCG POL.INAL.60CPS', { count: 60, unit: 'capsule' }],
  ['GRACIAL*1 BLIST. 22 CPR', { count: 22, unit: 'tablet' }],
  ['VIZARSIN* 25MG 4X1CPR', { count: 4, unit: 'tablet' }],
  ['AUGMENTIN*875MG+125MG 12BS', { count: 12, unit: 'sachet' }],
  ['FLUIMUCIL*600MG GRAN.OS60BUS', { count: 60, unit: 'sachet' }],
  ['OCTREOTIDE BIN*0,05MG/ML 10F', { count: 10, unit: 'ampoule' }],
  ['NIQUITIN*7 CER. 7 MG/24H', { count: 7, unit: 'patch' }],
  ['ALIFLUS 25/250*1 INAL120DOSI', { count: 120, unit: 'dose' }],
  ['BUDESONIDE VIA*200MCG 100DOS', { count: 100, unit: 'dose' }],
  ['RINGER A FKI*IV 20FL 250ML', { count: 20, unit: 'bottle', content: { amount: 250, unit: 'ml' } }],
  ['ECZEDERMA*0,5MG/G CREMA 15G', { count: 1, unit: 'container', content: { amount: 15, unit: 'g' } }],
  ['VALSART+HCT EG*320/12,5MG 28', { count: 28, unit: 'unit' }],
  ['METFORMINA ACCORD "1000 MG COMPRESSE RIVESTITE CON FILM" 200 COMPRESSE IN BLISTER PVC-AL', { count: 200, unit: 'tablet' }],
];

describe('packUnitCount', () => {
  it.each(cases)('%s', (description, expected) => {
    expect(packUnitCount(description)).toEqual(expected);
  });

  it('does not read strengths, sums of strengths or decimals as counts', () => {
    expect(packUnitCount('RAMIPRIL+HCT RAT*2,5+12,5')).toBeNull();
    expect(packUnitCount('CARBOPLATINO PFZ*IV 600MG')).toBeNull();
    expect(packUnitCount('AZITROMICINA EG*200MG/5ML 1,5')).toBeNull();
    expect(packUnitCount('compresse')).toBeNull();
    expect(packUnitCount('')).toBeNull();
  });
});
