/**
 * Small curated code subsets for synthetic clinical records, copied (code and description
 * verbatim) from the official tables by a one-off script:
 * - ICD-9-CM IT (OID 2.16.840.1.113883.6.103), ATC (2.16.840.1.113883.6.73), CND
 *   (2.16.840.1.113883.2.9.6.1.48), non-drug allergens (2.16.840.1.113883.2.9.77.22.11.2):
 *   ministero-salute/it-fse-catalogs terminology/, commit 72228d846c40 (no LICENSE file;
 *   government dictionaries: ICD-9-CM IT by Ministero della Salute, ATC by the WHO
 *   Collaborating Centre with AIFA Italian names). Accents were lost at source ("??").
 * - AIC product codes (2.16.840.1.113883.2.9.6.1.5) with their ATC: hl7-it/terminology
 *   aifa-farmaci-equivalenti.csv (HL7 FHIR licence / CC0; content from AIFA open data),
 *   left-padded to 9 digits as the FSE expects.
 * Synthetic data only: these subsets exist so that generated documents use real codes.
 */
export interface TermCode {
  readonly code: string;
  readonly display: string;
}
export interface DrugCodes {
  readonly atc: string;
  readonly atcDisplay: string;
  readonly aic: string;
  readonly aicDisplay: string;
}

export const ICD9_CHRONIC_ADULT: readonly TermCode[] = [
  {
    "code": "401.9",
    "display": "Ipertensione essenziale non specificata"
  },
  {
    "code": "250.00",
    "display": "Diabete mellito, tipo II o non specificato; non definito se scompensato; senza menzione di complicazioni"
  },
  {
    "code": "272.0",
    "display": "Ipercolesterolemia pura"
  },
  {
    "code": "244.9",
    "display": "Ipotiroidismo non specificato"
  },
  {
    "code": "493.90",
    "display": "Asma, tipo non specificato"
  },
  {
    "code": "496",
    "display": "Ostruzioni croniche delle vie respiratorie, non classificate altrove"
  },
  {
    "code": "428.0",
    "display": "Insufficienza cardiaca congestizia non specificata (scompenso cardiaco congestizio non specificato)"
  },
  {
    "code": "427.31",
    "display": "Fibrillazione atriale"
  },
  {
    "code": "715.90",
    "display": "Artrosi non specificata se generalizzata o localizzata, sede non specificata"
  },
  {
    "code": "274.9",
    "display": "Gotta non specificata"
  },
  {
    "code": "300.00",
    "display": "Stato ansioso non specificato"
  },
  {
    "code": "311",
    "display": "Disturbo depressivo, non classificato altrove"
  },
  {
    "code": "530.81",
    "display": "Reflusso esofageo"
  },
  {
    "code": "278.00",
    "display": "Obesita' non specificata"
  },
  {
    "code": "733.00",
    "display": "Osteoporosi non specificata"
  },
  {
    "code": "600.00",
    "display": "Ipertrofia prostatica benigna senza ostruzione urinaria ed altri sintomi delle basse vie urinarie (LUTS)"
  },
  {
    "code": "414.01",
    "display": "Aterosclerosi coronarica di arteria coronarica nativa"
  },
  {
    "code": "585.9",
    "display": "Malattia renale cronica, non specificata"
  }
];

export const ICD9_CHRONIC_CHILD: readonly TermCode[] = [
  {
    "code": "493.00",
    "display": "Asma estrinseca"
  },
  {
    "code": "477.9",
    "display": "Rinite allergica, da cause non specificate"
  },
  {
    "code": "691.8",
    "display": "Altre dermatiti atopiche e affezioni correlate"
  },
  {
    "code": "314.01",
    "display": "Con iperattivita'"
  },
  {
    "code": "345.90",
    "display": "Epilessia, non specificata; senza menzione di epilessia non trattabile"
  },
  {
    "code": "558.9",
    "display": "Altra e non specificata gastroenterite e colite non infettive"
  },
  {
    "code": "783.40",
    "display": "Difetto dello sviluppo fisiologico normale, non specificato"
  }
];

export const ICD9_RESOLVED: readonly TermCode[] = [
  {
    "code": "540.9",
    "display": "Appendicite acuta senza menzione di peritonite, perforazione o rottura"
  },
  {
    "code": "574.20",
    "display": "Calcolosi della colecisti senza menzione di colecistite, senza menzione di ostruzione"
  },
  {
    "code": "486",
    "display": "Polmonite, agente non specificato"
  },
  {
    "code": "599.0",
    "display": "Infezione del sitema urinario, sito non specificato"
  },
  {
    "code": "382.9",
    "display": "Otite media non specificata"
  },
  {
    "code": "034.0",
    "display": "Angina streptococcica"
  },
  {
    "code": "487.1",
    "display": "Influenza con altremanifestazioni respiratorie"
  },
  {
    "code": "465.9",
    "display": "Infezioni acute delle vie respiratorie superiori, sede non specificata"
  },
  {
    "code": "845.00",
    "display": "Distorsione e distrazione di sito non specificato della caviglia"
  },
  {
    "code": "813.41",
    "display": "Frattura di Colles"
  }
];

export const ICD9_FAMILY: readonly TermCode[] = [
  {
    "code": "410.90",
    "display": "Infarto miocardico acuto a sede non specificata, episodio di assistenza non specificato"
  },
  {
    "code": "250.00",
    "display": "Diabete mellito, tipo II o non specificato; non definito se scompensato; senza menzione di complicazioni"
  },
  {
    "code": "174.9",
    "display": "Tumori maligni della mammella (della donna), non specificata"
  },
  {
    "code": "153.9",
    "display": "Tumori maligni del colon, non specificato"
  },
  {
    "code": "401.9",
    "display": "Ipertensione essenziale non specificata"
  },
  {
    "code": "331.0",
    "display": "Malattia di Alzheimer"
  },
  {
    "code": "434.91",
    "display": "Occlusione di arteria cerebrale non specificata con infarto cerebrale"
  },
  {
    "code": "185",
    "display": "Tumori maligni della prostata"
  },
  {
    "code": "272.0",
    "display": "Ipercolesterolemia pura"
  }
];

export const ICD9_REACTIONS: readonly TermCode[] = [
  {
    "code": "708.9",
    "display": "Orticaria, non specificata"
  },
  {
    "code": "995.0",
    "display": "Altro shock anafilattico non classificato altrove da effetti avversi di Shock anafilattico sostanze medicinali"
  },
  {
    "code": "477.9",
    "display": "Rinite allergica, da cause non specificate"
  },
  {
    "code": "692.9",
    "display": "Dermatite da cause non specificate"
  },
  {
    "code": "787.01",
    "display": "Nausea con vomito"
  },
  {
    "code": "493.90",
    "display": "Asma, tipo non specificato"
  },
  {
    "code": "782.1",
    "display": "Rash ed altre eruzioni cutanee non specifiche"
  },
  {
    "code": "995.3",
    "display": "Allergia, non specificata; non classificata altrove"
  }
];

export const ICD9_PROCEDURES: readonly TermCode[] = [
  {
    "code": "47.09",
    "display": "Altra appendectomia"
  },
  {
    "code": "51.23",
    "display": "Colecistectomia laparoscopica"
  },
  {
    "code": "81.54",
    "display": "Sostituzione totale del ginocchio"
  },
  {
    "code": "81.51",
    "display": "Sostituzione totale dell???anca"
  },
  {
    "code": "36.06",
    "display": "Inserzione di stent non medicato nell???arteria coronarica"
  },
  {
    "code": "88.72",
    "display": "Diagnostica ecografica del cuore"
  },
  {
    "code": "45.23",
    "display": "Colonscopia con endoscopio flessibile"
  },
  {
    "code": "37.83",
    "display": "Inserzione iniziale di apparecchio a camera doppia, apparecchio sequenziale atrio-ventricolo"
  },
  {
    "code": "13.41",
    "display": "Facoemulsificazione ed aspirazione di cataratta"
  },
  {
    "code": "28.3",
    "display": "Tonsillectomia con adenoidectomia"
  },
  {
    "code": "87.44",
    "display": "Radiografia del torace di routine, SAI"
  },
  {
    "code": "88.71",
    "display": "Diagnostica ecografica del capo e del collo"
  }
];

export const ICD9_MENTAL_STATUS: readonly TermCode[] = [
  {
    "code": "780.97",
    "display": "Stato mentale alterato"
  },
  {
    "code": "294.8",
    "display": "Altri disturbi psichici persistenti da condizioni patologiche classificate altrove"
  },
  {
    "code": "290.0",
    "display": "Demenza senile, non complicata"
  }
];

export const DRUGS: readonly DrugCodes[] = [
  {
    "atc": "C09AA05",
    "atcDisplay": "RAMIPRIL",
    "aic": "027161052",
    "aicDisplay": "TRIATEC"
  },
  {
    "atc": "C08CA01",
    "atcDisplay": "AMLODIPINA",
    "aic": "027428010",
    "aicDisplay": "NORVASC"
  },
  {
    "atc": "C10AA05",
    "atcDisplay": "ATORVASTATINA",
    "aic": "033006014",
    "aicDisplay": "TOTALIP"
  },
  {
    "atc": "A10BA02",
    "atcDisplay": "METFORMINA",
    "aic": "017758018",
    "aicDisplay": "GLUCOPHAGE"
  },
  {
    "atc": "H03AA01",
    "atcDisplay": "LEVOTIROXINA SODICA",
    "aic": "024402048",
    "aicDisplay": "EUTIROX"
  },
  {
    "atc": "C07AB07",
    "atcDisplay": "BISOPROLOLO",
    "aic": "026573016",
    "aicDisplay": "CONCOR"
  },
  {
    "atc": "A02BC02",
    "atcDisplay": "PANTOPRAZOLO",
    "aic": "031111026",
    "aicDisplay": "PEPTAZOL"
  },
  {
    "atc": "B01AC06",
    "atcDisplay": "ACIDO ACETILSALICILICO",
    "aic": "024840074",
    "aicDisplay": "CARDIOASPIRIN"
  },
  {
    "atc": "R03AC02",
    "atcDisplay": "SALBUTAMOLO",
    "aic": "022984052",
    "aicDisplay": "VENTOLIN"
  },
  {
    "atc": "C03CA01",
    "atcDisplay": "FUROSEMIDE",
    "aic": "023993013",
    "aicDisplay": "LASIX"
  },
  {
    "atc": "M04AA01",
    "atcDisplay": "ALLOPURINOLO",
    "aic": "021259015",
    "aicDisplay": "ZYLORIC"
  },
  {
    "atc": "R06AE07",
    "atcDisplay": "CETIRIZINA",
    "aic": "026894016",
    "aicDisplay": "ZIRTEC"
  },
  {
    "atc": "R03DC03",
    "atcDisplay": "MONTELUKAST",
    "aic": "034001014",
    "aicDisplay": "SINGULAIR"
  }
];

export const ATC_ALLERGY_AGENTS: readonly TermCode[] = [
  {
    "code": "J01CA04",
    "display": "AMOXICILLINA"
  },
  {
    "code": "J01CE02",
    "display": "FENOSSIMETILPENICILLINA"
  },
  {
    "code": "N02BA01",
    "display": "ACIDO ACETILSALICILICO"
  },
  {
    "code": "M01AE01",
    "display": "IBUPROFENE"
  },
  {
    "code": "N02BE01",
    "display": "PARACETAMOLO"
  },
  {
    "code": "J01FA10",
    "display": "AZITROMICINA"
  }
];

export const VACCINES_ATC_J07: readonly TermCode[] = [
  {
    "code": "J07BB02",
    "display": "INFLUENZA, ANTIGENE PURIFICATO"
  },
  {
    "code": "J07BX03",
    "display": "VACCINI COVID-19"
  },
  {
    "code": "J07AL02",
    "display": "VACCINO PNEUMOCOCCICO"
  },
  {
    "code": "J07CA09",
    "display": "DIFTERITE-HEMOPHILUS INFLUENZAE B-PERTOSSE-POLIOMELITE-TETANO-EPATITE B"
  },
  {
    "code": "J07BD52",
    "display": "MORBILLO, ASSOCIAZIONI CON PAROTITE E ROSOLIA, VIVO ATTENUATO"
  },
  {
    "code": "J07BK01",
    "display": "VARICELLA, VIVO ATTENUATO"
  },
  {
    "code": "J07AM51",
    "display": "TOSSOIDE TETANICO, ASSOCIAZIONI CON TOSSOIDE DIFTERICO"
  },
  {
    "code": "J07BM03",
    "display": "PAPILLOMAVIRUS (UMANO TIPI 6, 11, 16, 18, 31, 33, 45, 52,58)"
  },
  {
    "code": "J07BC01",
    "display": "VACCINO EPATITICO B, ANTIGENE PURIFICATO"
  },
  {
    "code": "J07BH01",
    "display": "ROTA VIRUS, VIVO ATTENUATO"
  }
];

export const CND_DEVICES: readonly TermCode[] = [
  {
    "code": "J010103",
    "display": "PACE MAKER IMPIANTABILI BICAMERALI"
  },
  {
    "code": "J010501",
    "display": "DEFIBRILLATORI IMPIANTABILI MONOCAMERALI"
  },
  {
    "code": "P0301",
    "display": "LENTI INTRAOCULARI"
  },
  {
    "code": "P0908",
    "display": "PROTESI DI ANCA"
  }
];

export const ALLERGENS: readonly TermCode[] = [
  {
    "code": "102263004",
    "display": "Uova (commestibili)"
  },
  {
    "code": "111088007",
    "display": "lattice"
  },
  {
    "code": "256259004",
    "display": "Polline"
  },
  {
    "code": "256277009",
    "display": "Polline d'erba"
  },
  {
    "code": "256349002",
    "display": "Arachide - alimento"
  },
  {
    "code": "256440004",
    "display": "Veleno di Vespa"
  }
];

