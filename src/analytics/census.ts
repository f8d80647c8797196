/**
 * Resident population of Argentina's 24 jurisdictions: INDEC, Censo Nacional de Población,
 * Hogares y Viviendas 2022, provisional results (published 31 January 2023). Generated from
 * ../shared/data/ar-provinces-census-2022.csv so a clone without that folder still works;
 * test/analytics/census.test.ts keeps the two in step when the shared file is present.
 */
export const CENSUS_SOURCE = 'INDEC, Censo 2022 (resultados provisionales)';

export interface Province {
  /** ISO 3166-2:AR code, e.g. `AR-X`. */
  code: string;
  name: string;
  population: number;
}

export const PROVINCES: readonly Province[] = [
  { code: 'AR-C', name: 'Ciudad Autónoma de Buenos Aires', population: 3120612 },
  { code: 'AR-B', name: 'Buenos Aires', population: 17569053 },
  { code: 'AR-X', name: 'Córdoba', population: 3978984 },
  { code: 'AR-S', name: 'Santa Fe', population: 3556522 },
  { code: 'AR-M', name: 'Mendoza', population: 2014533 },
  { code: 'AR-T', name: 'Tucumán', population: 1703186 },
  { code: 'AR-A', name: 'Salta', population: 1440672 },
  { code: 'AR-E', name: 'Entre Ríos', population: 1426426 },
  { code: 'AR-N', name: 'Misiones', population: 1280960 },
  { code: 'AR-W', name: 'Corrientes', population: 1197553 },
  { code: 'AR-H', name: 'Chaco', population: 1142963 },
  { code: 'AR-G', name: 'Santiago del Estero', population: 1054028 },
  { code: 'AR-J', name: 'San Juan', population: 818234 },
  { code: 'AR-Y', name: 'Jujuy', population: 797955 },
  { code: 'AR-R', name: 'Río Negro', population: 762067 },
  { code: 'AR-Q', name: 'Neuquén', population: 726590 },
  { code: 'AR-P', name: 'Formosa', population: 606041 },
  { code: 'AR-U', name: 'Chubut', population: 603120 },
  { code: 'AR-D', name: 'San Luis', population: 540905 },
  { code: 'AR-K', name: 'Catamarca', population: 429556 },
  { code: 'AR-F', name: 'La Rioja', population: 384607 },
  { code: 'AR-L', name: 'La Pampa', population: 366022 },
  { code: 'AR-Z', name: 'Santa Cruz', population: 333473 },
  { code: 'AR-V', name: 'Tierra del Fuego', population: 190641 },
];

export const PROVINCE_BY_CODE: ReadonlyMap<string, Province> = new Map(
  PROVINCES.map((p) => [p.code, p]),
);

/** Buenos Aires city and province: the launch market the regional factor looks beyond. */
export const BUENOS_AIRES = ['AR-C', 'AR-B'] as const;
