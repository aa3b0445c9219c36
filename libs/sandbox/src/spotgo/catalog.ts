/** Fixed lists the generator draws from: European carriers (VAT codes in their countries' formats) and places. */

export const CARRIERS: readonly { name: string; email: string; vatCode: string }[] = [
  { name: 'Baltic Road Lines UAB', email: 'dispatch@balticroad.example', vatCode: 'LT100012345617' },
  { name: 'Vistula Trans Sp. z o.o.', email: 'biuro@vistulatrans.example', vatCode: 'PL5261040828' },
  { name: 'Rhein Logistik GmbH', email: 'disposition@rheinlog.example', vatCode: 'DE811569869' },
  { name: 'Danube Freight Kft.', email: 'ops@danubefreight.example', vatCode: 'HU12892312' },
  { name: 'Iberia Cargas S.L.', email: 'trafico@iberiacargas.example', vatCode: 'ESB12345674' },
  { name: 'Lowlands Haulage B.V.', email: 'planning@lowlandshaulage.example', vatCode: 'NL859043126B01' },
  { name: 'Alpine Carrier AG', email: 'dispo@alpinecarrier.example', vatCode: 'ATU13585627' },
  { name: 'Nordic Express ApS', email: 'trafik@nordicexpress.example', vatCode: 'DK13585628' },
  { name: 'Carpathian Trucking SRL', email: 'dispecerat@carpathian.example', vatCode: 'RO18547290' },
  { name: 'Adriatic Transport d.o.o.', email: 'prijevoz@adriatic.example', vatCode: 'HR33392005961' },
  { name: 'Loire Transports SAS', email: 'exploitation@loiretransports.example', vatCode: 'FR40303265045' },
  { name: 'Bohemia Spedice s.r.o.', email: 'dispecink@bohemiaspedice.example', vatCode: 'CZ25123891' },
  { name: 'Po Valley Autotrasporti S.r.l.', email: 'traffico@povalley.example', vatCode: 'IT00743110157' },
  { name: 'Daugava Cargo SIA', email: 'info@daugavacargo.example', vatCode: 'LV40003521600' },
  { name: 'Tatra Logistics s.r.o.', email: 'dispecing@tatralog.example', vatCode: 'SK2020317068' },
  { name: 'Estonian Roadways OÜ', email: 'logistika@estroad.example', vatCode: 'EE100931558' },
];

export const PLACES: readonly { name: string; city: string; countryCode: string; postalCode: string; street: string; lat: number; lon: number }[] = [
  { name: 'Kaunas Free Economic Zone DC', city: 'Kaunas', countryCode: 'LT', postalCode: '54469', street: 'Ramybės g. 4', lat: 54.9, lon: 23.96 },
  { name: 'Warsaw South Hub', city: 'Warszawa', countryCode: 'PL', postalCode: '02-231', street: 'ul. Krakowiaków 50', lat: 52.19, lon: 20.96 },
  { name: 'Duisburg Port Terminal', city: 'Duisburg', countryCode: 'DE', postalCode: '47119', street: 'Am Parallelhafen 12', lat: 51.45, lon: 6.73 },
  { name: 'Budapest Logistics Park', city: 'Budapest', countryCode: 'HU', postalCode: '1239', street: 'Ócsai út 1', lat: 47.4, lon: 19.12 },
  { name: 'Zaragoza PLAZA', city: 'Zaragoza', countryCode: 'ES', postalCode: '50197', street: 'Calle Osca 3', lat: 41.62, lon: -0.99 },
  { name: 'Venlo Tradeport', city: 'Venlo', countryCode: 'NL', postalCode: '5928 LX', street: 'Celsiusweg 20', lat: 51.39, lon: 6.15 },
  { name: 'Linz Hafen', city: 'Linz', countryCode: 'AT', postalCode: '4020', street: 'Regensburger Str. 8', lat: 48.31, lon: 14.31 },
  { name: 'Aarhus Container Terminal', city: 'Aarhus', countryCode: 'DK', postalCode: '8000', street: 'Mindet 4', lat: 56.16, lon: 10.22 },
  { name: 'Cluj Industrial Park', city: 'Cluj-Napoca', countryCode: 'RO', postalCode: '400001', street: 'Str. Tudor Vladimirescu 1', lat: 46.77, lon: 23.6 },
  { name: 'Lyon Corbas DC', city: 'Corbas', countryCode: 'FR', postalCode: '69960', street: 'Rue Marcel Mérieux 5', lat: 45.67, lon: 4.9 },
  { name: 'Prague East Park', city: 'Praha', countryCode: 'CZ', postalCode: '19300', street: 'Průmyslová 11', lat: 50.09, lon: 14.57 },
  { name: 'Milan Interporto', city: 'Milano', countryCode: 'IT', postalCode: '20128', street: 'Via Padova 300', lat: 45.5, lon: 9.24 },
  { name: 'Riga Freeport Warehouse', city: 'Rīga', countryCode: 'LV', postalCode: 'LV-1045', street: 'Eksporta iela 15', lat: 56.96, lon: 24.1 },
  { name: 'Tallinn Muuga Terminal', city: 'Maardu', countryCode: 'EE', postalCode: '74115', street: 'Muuga sadam 1', lat: 59.49, lon: 24.96 },
];

export const MANAGERS: readonly { name: string; email: string }[] = [
  { name: 'Agnė Petrauskienė', email: 'agne.p@broker.example' },
  { name: 'Tomasz Nowak', email: 'tomasz.n@broker.example' },
  { name: 'Lena Fischer', email: 'lena.f@broker.example' },
  { name: 'Marco Rossi', email: 'marco.r@broker.example' },
];

export const FILE_NAMES: Record<string, string> = {
  cmr: 'CMR', invoice: 'Invoice', selfBillingInvoice: 'SelfBillingInvoice', order: 'TransportOrder', packingList: 'PackingList',
  pod: 'POD', receipt: 'Receipt', other: 'Document',
};
