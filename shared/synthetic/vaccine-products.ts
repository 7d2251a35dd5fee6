/**
 * Vaccine packages for synthetic vaccination histories, per calendar series
 * (resources/vaccination/pnpv-2023-2025.json): AIC code and package description as in the AIC
 * table of the gateway (it-fse-catalogs terminology 2.16.840.1.113883.2.9.6.1.5, AIFA open
 * data; an older version: some packages may have left the market), ATC J07 as mapped in
 * resources/vaccination/vaccines.json with the ATC table's descriptions, how each is given (route, site, volume from the SmPC).
 * Target-disease labels are those of the antigen list OID 2.16.840.1.113883.2.9.6.1.56.4
 * (resources/cda/terminology/2.16.840.1.113883.2.9.6.1.56.4.csv, checked by the tests).
 * Never the official examples' ARIXTRA (an anticoagulant, PAEDIATRICS.md §1 pitfalls).
 */
import type { VaccineRoute } from '../domain/vaccination-document.ts';

export interface SyntheticVaccineProduct {
  atc: { code: string; display: string };
  aic: { code: string; display: string };
  manufacturer: string;
  route: VaccineRoute;
  /** Injected: thigh under 1 year, deltoid after; oral and nasal: no site. */
  injected: boolean;
  doseMl: number;
}

const HEXA = { code: 'J07CA09', display: 'DIFTERITE-HEMOPHILUS INFLUENZAE B-PERTOSSE-POLIOMELITE-TETANO-EPATITE B' };
const DTPA_IPV = { code: 'J07CA02', display: 'DIFTERITE-PERTOSSE-POLIOMIELITE-TETANO' };
const PCV = { code: 'J07AL02', display: 'VACCINO PNEUMOCOCCICO' };
const ROTA_MONO = { code: 'J07BH01', display: 'ROTA VIRUS, VIVO ATTENUATO' };
const ROTA_PENTA = { code: 'J07BH02', display: 'VACCINO D.DIARREA DA ROTA VIRUS, PENTAVALENTE, VIVO,RIASSORT' };
const MENB = { code: 'J07AH09', display: 'VACCINO CONTRO IL MEMINGOCOCCO DI GRUPPO B' };
const MENACWY = { code: 'J07AH08', display: 'VACCINO POLISACCARIDICO ANTI-MENONGOCOCCICO (A,C,Y E W135)' };
const MPRV = { code: 'J07BD54', display: 'VACCINO MORBILLO,PAROTITE,ROSOLIA E VARICELLA,VIVO ATTENUATO' };
const FLU = { code: 'J07BB02', display: 'INFLUENZA, ANTIGENE PURIFICATO' };
const FLU_LIVE = { code: 'J07BB03', display: 'INFLUENZA, VIVO ATTENUATO' };
const HPV = { code: 'J07BM03', display: 'PAPILLOMAVIRUS (UMANO TIPI 6, 11, 16, 18, 31, 33, 45, 52,58)' };

const inj = (atc: SyntheticVaccineProduct['atc'], code: string, display: string, manufacturer: string, route: VaccineRoute = 'IM'): SyntheticVaccineProduct =>
  ({ atc, aic: { code, display }, manufacturer, route, injected: true, doseMl: 0.5 });

/** Products per calendar series id. */
export const SYNTHETIC_VACCINE_PRODUCTS: Readonly<Record<string, readonly SyntheticVaccineProduct[]>> = {
  hexavalent: [
    inj(HEXA, '034960056', 'INFANRIX HEXA*BB IM 1FL+1SIR', 'GlaxoSmithKline Biologicals'),
    inj(HEXA, '042817066', 'HEXYON* 1SIR. 0,5ML+ 2AGHI', 'Sanofi Pasteur'),
    inj(HEXA, '044721064', 'VAXELIS*0,5ML IM10SIR+20AGHI', 'MCM Vaccine'),
  ],
  pcv: [inj(PCV, '039550025', 'PREVENAR 13*IM  1SIR0,5MLC/A', 'Pfizer Europe')],
  'rotavirus-2': [{ atc: ROTA_MONO, aic: { code: '037045059', display: 'ROTARIX*OS 1APPL. 1,5ML' }, manufacturer: 'GlaxoSmithKline Biologicals', route: 'PO', injected: false, doseMl: 1.5 }],
  'rotavirus-3': [{ atc: ROTA_PENTA, aic: { code: '037455019', display: 'ROTATEQ*2ML OS 1 TUBETTO' }, manufacturer: 'MSD Vaccins', route: 'PO', injected: false, doseMl: 2 }],
  menb: [inj(MENB, '042687018', 'BEXSERO*IM 1SIR.C/AGO', 'GSK Vaccines')],
  menacwy: [inj(MENACWY, '042040016', 'NIMENRIX*IM 1FL+ 1 SIR', 'Pfizer Europe'), inj(MENACWY, '039766035', 'MENVEO*INIETT. 1FL+1FL', 'GSK Vaccines')],
  mprv: [inj(MPRV, '038200059', 'PRIORIX TETRA*1FL+1SIR0,5ML', 'GlaxoSmithKline Biologicals', 'SQ'), inj(MPRV, '036893105', 'PROQUAD*0,5ML 1 FL+ 1SIR S/A', 'MSD Vaccins', 'SQ')],
  'dtpa-ipv-booster': [inj(DTPA_IPV, '037157017', 'POLIOINFANRIX*1 SIR. C/AGO', 'GlaxoSmithKline Biologicals'), inj(DTPA_IPV, '034127062', 'TETRAVAC*1 SIR. 0,5ML C/AGO', 'Sanofi Pasteur')],
  // No dTpa-IPV for adolescents is in the (older) AIC table; Tetravac stands in for the synthetic data.
  'dtpa-ipv-adolescent': [inj(DTPA_IPV, '034127062', 'TETRAVAC*1 SIR. 0,5ML C/AGO', 'Sanofi Pasteur')],
  'hpv-2': [inj(HPV, '044268023', 'GARDASIL 9*IM 0,5ML 1SIR.C/A', 'MSD Vaccins')],
  'hpv-3': [inj(HPV, '044268023', 'GARDASIL 9*IM 0,5ML 1SIR.C/A', 'MSD Vaccins')],
  influenza: [
    inj(FLU, '044898017', 'VAXIGRIP TETRA*0,5ML1SIR C/A', 'Sanofi Pasteur'),
    { atc: FLU_LIVE, aic: { code: '043173032', display: 'FLUENZ TETRA spray nasale 1 nebulizzatore 0,2 ml' }, manufacturer: 'AstraZeneca', route: 'NASINHL', injected: false, doseMl: 0.2 },
  ],
};

/** Labels of the antigen-list codes these products carry (OID 2.16.840.1.113883.2.9.6.1.56.4). */
export const TARGET_DISEASE_LABEL: Readonly<Record<string, string>> = {
  '02': 'Difterite',
  '06': 'Epatite B',
  '08': 'Influenza',
  '10': 'Haemophilus Influenzae B Coniugato',
  '17': 'Meningococco Gruppi ACW135Y Coniugati',
  '19': 'Meningococco Gruppo B',
  '23': 'Morbillo',
  '26': 'Papillomavirus Umano (Tipi 6, 11; 16; 18; 31; 33; 45; 52; 58)',
  '28': 'Parotite',
  '29': 'Pertosse',
  '31': 'Pneumococco Polisaccarido Coniugato',
  '33': 'Poliomielite IPV',
  '35': 'Rosolia',
  '36': 'Rotarovirus',
  '37': 'Tetano',
  '40': 'Varicella',
  '41': 'Influenza Vivo Attenuato',
};

/** MPR without varicella, for a child exempted from varicella (presumed immunity). */
export const SYNTHETIC_MPR: SyntheticVaccineProduct = {
  atc: { code: 'J07BD52', display: 'MORBILLO, ASSOCIAZIONI CON PAROTITE E ROSOLIA, VIVO ATTENUATO' },
  aic: { code: '037172119', display: 'M-M-RVAXPRO* 1FL+ 1 SIR.2AG.' },
  manufacturer: 'MSD Vaccins',
  route: 'SQ',
  injected: true,
  doseMl: 0.5,
};
