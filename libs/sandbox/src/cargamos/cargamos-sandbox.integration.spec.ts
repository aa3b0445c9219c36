import { createCargamosSandbox, type CargamosSandbox } from './cargamos-sandbox.js';
import { CARGAMOS_NOT_COVERED_POSTAL_CODES } from './coverage.js';
import { bearer, login, sampleOrder, send, serviceDate } from './testing/cargamos-test-kit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Cargamos sandbox: integration (POST /v1/shipments)', () => {
  let sandbox: CargamosSandbox;
  let url: string;
  let token: string;
  const integrate = (body: unknown, t = token) => send(url, 'POST', '/v1/shipments', { headers: bearer(t), body });
  const order = (overrides: Record<string, unknown> = {}) => sampleOrder(sandbox.now(), overrides);
  /** The order with one block changed: `patch` is merged into it (a key set to undefined is removed). */
  const withBlock = (block: string, patch: Record<string, unknown>) => {
    const o = order();
    const merged = { ...o[block], ...patch };
    for (const k of Object.keys(patch)) if (patch[k] === undefined) delete merged[k];
    return { ...o, [block]: merged };
  };
  const without = (key: string) => {
    const o = order();
    delete o[key];
    return o;
  };

  /** One error of the INT body: status, code, location, parameter (and details when given). */
  async function expectOneError(body: unknown, http: number, status: string, code: string, parameter: string, details?: string | RegExp) {
    const res = await integrate(body);
    expect(res.status).toBe(http);
    expect(res.json).toEqual({
      version: '1.0.0', status, processId: expect.stringMatching(UUID), timestamp: sandbox.now(),
      errors: [{ code, message: expect.any(String), details: details === undefined ? expect.any(String) : typeof details === 'string' ? details : expect.stringMatching(details), location: 'request.body', parameter }],
    });
    return res.json;
  }

  beforeEach(async () => {
    sandbox = createCargamosSandbox({ seed: 11 });
    url = await sandbox.listen(0);
    token = await login(url);
  });
  afterEach(() => sandbox.close());

  describe('success', () => {
    it('echoes the request exactly with trackingId (= shipperTrackingId) and shipmentId', async () => {
      const body = order({ shipperTrackingId: 'SHOP-000123', lotId: 'LOT-7' });
      const res = await integrate(body);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ version: '1.0.0', status: 'OK', timestamp: sandbox.now(), data: { ...body, trackingId: 'SHOP-000123', shipmentId: expect.stringMatching(UUID) } });
      const truth = sandbox.shipments();
      expect(truth).toHaveLength(1);
      expect(truth[0]).toMatchObject({ trackingId: 'SHOP-000123', shipmentId: res.json.data.shipmentId, state: 'CREATED', final: false, request: body });
    });

    it('generates a CH + 11 digit trackingId when no shipperTrackingId is sent, the same for the same seed', async () => {
      const first = await integrate(order());
      expect(first.json.data.trackingId).toMatch(/^CH\d{11}$/);
      expect(first.json.data).not.toHaveProperty('shipperTrackingId');
      const twin = createCargamosSandbox({ seed: 11 });
      const twinUrl = await twin.listen(0);
      try {
        const again = await send(twinUrl, 'POST', '/v1/shipments', { headers: bearer(await login(twinUrl)), body: sampleOrder(twin.now()) });
        expect(again.json.data.trackingId).toBe(first.json.data.trackingId);
        expect(again.json.data.shipmentId).toBe(first.json.data.shipmentId);
      } finally {
        await twin.close();
      }
    });

    it('accepts the single-line address form, the docs\' minimal recipient, an empty package and lower/upper country', async () => {
      const singleLine = {
        ...order(),
        recipientLocation: { fullAddress: 'Avenida Paseo de la Reforma 347, Cuauhtémoc, 06500 Ciudad de México', postalCode: '06500', country: 'mx', lat: 19.4326, lng: -99.1332, notes: 'Piso 2', reference: 'Frente al Ángel' },
        recipientInformation: { fullName: 'John Doe', phone: '5511112222' },
        package: {},
      };
      expect((await integrate(singleLine)).status).toBe(200);
      for (const country of ['MX', 'mx', undefined]) expect((await integrate(withBlock('recipientLocation', { country }))).status).toBe(200);
    });

    it.each(['5511112222', '+525511112222', '+52 5511112222', '+52 55 11112222'])('accepts the documented phone form %s', async (phone) => {
      expect((await integrate(withBlock('recipientInformation', { phone }))).status).toBe(200);
    });

    it('accepts the package fields and Carta Porte items of the docs', async () => {
      const pkg = {
        packageType: 'ENVELOPE', description: 'Sobre con documentos', contentValue: 200, valueCurrency: 'MXN', weight: 9.8, weightUnit: 'G',
        length: 40.0, width: 30.0, height: 2.5, dimensionsUnit: 'CM',
        items: [{ units: 2, c_ClaveUnidadPeso: 'KGM', c_ClaveProdServCp: '14111500', c_MaterialPeligroso: '0', c_TipoEmbalaje: '4G', contentValue: '100', valueCurrency: 'MXN' }],
      };
      expect((await integrate({ ...order(), package: pkg })).status).toBe(200);
    });

    it('accepts ISO 8601 date-times with an offset for the service dates', async () => {
      const body = order({ shipperDropoffDate: `${serviceDate(sandbox.now(), 0)}T18:00:00-06:00`, expectedDeliveryDate: `${serviceDate(sandbox.now(), 1)}T20:00:00Z` });
      expect((await integrate(body)).status).toBe(200);
    });
  });

  describe('schema checks: 400 BAD_REQUEST, `->` paths', () => {
    it('answers the docs\' country example word for word', async () => {
      const json = await expectOneError(
        withBlock('recipientLocation', { country: 'xx' }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'recipientLocation->country',
        "Value is not a valid enumeration member; permitted: 'mx', 'co', 'us', 'br'.",
      );
      expect(json.errors[0].message).toBe('A value provided as parameter is not valid for the request.');
    });

    it.each(['recipientLocation', 'recipientInformation', 'package', 'shipperDropoffDate', 'expectedDeliveryDate'])('a missing %s is MISSING_PARAMETER', async (key) => {
      await expectOneError(without(key), 400, 'BAD_REQUEST', 'MISSING_PARAMETER', key, 'field required');
    });

    it.each(['recipientLocation', 'recipientInformation', 'package'])('a %s that is not an object is INVALID_PARAMETER', async (key) => {
      await expectOneError(order({ [key]: 'text' }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', key, 'value is not a valid dict');
    });

    it('refuses an address by components AND fullAddress (never both)', async () => {
      await expectOneError(withBlock('recipientLocation', { fullAddress: 'Reforma 347' }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'recipientLocation', /never both/);
    });

    it('refuses an address with neither form', async () => {
      await expectOneError(order({ recipientLocation: { postalCode: '06500' } }), 400, 'BAD_REQUEST', 'MISSING_PARAMETER', 'recipientLocation', /components .* or as fullAddress/);
    });

    it.each(['street', 'number', 'neighborhood', 'administrativeArea', 'subAdministrativeArea', 'postalCode'])('by components, a missing %s is MISSING_PARAMETER', async (field) => {
      await expectOneError(withBlock('recipientLocation', { [field]: undefined }), 400, 'BAD_REQUEST', 'MISSING_PARAMETER', `recipientLocation->${field}`, 'field required');
    });

    it('by single line, postalCode is still required and fullAddress cannot be empty', async () => {
      await expectOneError(order({ recipientLocation: { fullAddress: 'Reforma 347, CDMX' } }), 400, 'BAD_REQUEST', 'MISSING_PARAMETER', 'recipientLocation->postalCode');
      await expectOneError(order({ recipientLocation: { fullAddress: ' ', postalCode: '06500' } }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'recipientLocation->fullAddress');
    });

    it.each([
      ['recipientLocation', { postalCode: 6500 }, 'recipientLocation->postalCode', 'str type expected'],
      ['recipientLocation', { lat: 'north' }, 'recipientLocation->lat', 'value is not a valid float'],
      ['recipientLocation', { lng: -200 }, 'recipientLocation->lng', 'ensure this value is greater than or equal to -180'],
      ['recipientInformation', { phone: '12-34' }, 'recipientInformation->phone', 'value is not a valid phone number'],
      ['recipientInformation', { email: 'john.doe' }, 'recipientInformation->email', 'value is not a valid email address'],
      ['package', { packageType: 'CRATE' }, 'package->packageType', "Value is not a valid enumeration member; permitted: 'UNIT', 'BOX', 'ENVELOPE', 'BAG', 'BUNDLE', 'PALLET', 'DUMMY'."],
      ['package', { weightUnit: 'kg' }, 'package->weightUnit', "Value is not a valid enumeration member; permitted: 'G', 'KG', 'OZ', 'LB', 'T'."],
      ['package', { dimensionsUnit: 'YD' }, 'package->dimensionsUnit', "Value is not a valid enumeration member; permitted: 'CM', 'MM', 'M', 'IN', 'FT'."],
      ['package', { weight: 0 }, 'package->weight', 'ensure this value is greater than 0'],
      ['package', { contentValue: 12.5 }, 'package->contentValue', 'value is not a valid integer'],
      ['package', { items: {} }, 'package->items', 'value is not a valid list'],
      ['package', { items: [{ units: 'two' }] }, 'package->items->0->units', 'value is not a valid integer'],
    ])('%s %j → INVALID_PARAMETER on %s', async (block, patch, parameter, details) => {
      await expectOneError(withBlock(block, patch), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', parameter, details);
    });

    it.each([['fullName'], ['phone']])('a missing recipientInformation %s is MISSING_PARAMETER', async (field) => {
      await expectOneError(withBlock('recipientInformation', { [field]: undefined }), 400, 'BAD_REQUEST', 'MISSING_PARAMETER', `recipientInformation->${field}`);
    });

    it.each(['30/11/2026', '2026-02-30', '2026-11-30T10:00:00', 'tomorrow'])('a service date %s is INVALID_PARAMETER', async (value) => {
      await expectOneError(order({ shipperDropoffDate: value }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'shipperDropoffDate', /invalid date format/);
    });

    it('refuses a shipperTrackingId that cannot be a barcode', async () => {
      await expectOneError(order({ shipperTrackingId: 'has space' }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'shipperTrackingId');
      await expectOneError(order({ shipperTrackingId: 42 }), 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'shipperTrackingId', 'str type expected');
    });

    it('reports every schema failure at once, in field order', async () => {
      const body = { ...without('package'), recipientLocation: { ...order().recipientLocation, country: 'ar', street: undefined }, recipientInformation: { fullName: 'John Doe' } };
      const res = await integrate(body);
      expect(res.status).toBe(400);
      expect(res.json.errors.map((e: any) => [e.code, e.parameter])).toEqual([
        ['MISSING_PARAMETER', 'recipientLocation->street'],
        ['INVALID_PARAMETER', 'recipientLocation->country'],
        ['MISSING_PARAMETER', 'recipientInformation->phone'],
        ['MISSING_PARAMETER', 'package'],
      ]);
    });

    it('refuses a body that is not JSON or not an object', async () => {
      const bad = await send(url, 'POST', '/v1/shipments', { headers: bearer(token), body: '{"recipientLocation":' });
      expect(bad.status).toBe(400);
      expect(bad.json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', location: 'request.body', parameter: 'body' });
      await expectOneError([order()], 400, 'BAD_REQUEST', 'INVALID_PARAMETER', 'body');
      expect(sandbox.shipments()).toHaveLength(0);
    });
  });

  describe('business checks: 409 CONFLICT, `.` paths', () => {
    it('answers the docs\' coverage example for 033002 word for word', async () => {
      const json = await expectOneError(
        withBlock('recipientLocation', { postalCode: '033002' }), 409, 'CONFLICT', 'COVERAGE_FAILURE', 'recipientLocation.postalCode',
        'There is no coverage for the given postalCode: 033002',
      );
      expect(json.errors[0].message).toBe('Out of coverage.');
    });

    it('refuses every code of the not-covered list, any non-5-digit code, and countries other than mx', async () => {
      for (const postalCode of [...CARGAMOS_NOT_COVERED_POSTAL_CODES, '1234', 'ABCDE']) {
        await expectOneError(withBlock('recipientLocation', { postalCode }), 409, 'CONFLICT', 'COVERAGE_FAILURE', 'recipientLocation.postalCode');
      }
      await expectOneError(withBlock('recipientLocation', { country: 'co' }), 409, 'CONFLICT', 'COVERAGE_FAILURE', 'recipientLocation.postalCode');
      expect(sandbox.shipments()).toHaveLength(0);
    });

    it('answers ALREADY_EXISTS for a reused shipperTrackingId, in the docs\' words; other shippers may reuse it', async () => {
      const first = await integrate(order({ shipperTrackingId: 'DUP-1' }));
      expect(first.status).toBe(200);
      await sandbox.advance(90_000);
      const json = await expectOneError(
        order({ shipperTrackingId: 'DUP-1' }), 409, 'CONFLICT', 'ALREADY_EXISTS', 'shipperTrackingId',
        /^The shipment you are trying to create, already exists\. Integration lot id: 1\. Time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/,
      );
      expect(json.errors[0].message).toBe('The resource you tried to create already exists.');
      expect(json.errors[0].details).toContain('Time: 2026-11-30 16:00:00.000000');
      expect(sandbox.shipments()).toHaveLength(1);

      const other = createCargamosSandbox({ accounts: [{ username: 'a@b.mx', password: 'p', key: 'k1' }, { username: 'c@d.mx', password: 'p', key: 'k2' }] });
      const otherUrl = await other.listen(0);
      try {
        for (const account of [{ username: 'a@b.mx', password: 'p', key: 'k1' }, { username: 'c@d.mx', password: 'p', key: 'k2' }]) {
          const res = await send(otherUrl, 'POST', '/v1/shipments', { headers: bearer(await login(otherUrl, account)), body: sampleOrder(other.now(), { shipperTrackingId: 'SAME' }) });
          expect(res.status).toBe(200);
        }
      } finally {
        await other.close();
      }
    });

    it('checks the service level: dropoff not in the past, delivery at least the postal code\'s lead days later', async () => {
      const at = (d: number) => serviceDate(sandbox.now(), d);
      await expectOneError(order({ shipperDropoffDate: at(-1), expectedDeliveryDate: at(1) }), 409, 'CONFLICT', 'SERVICE_LEVEL_FAILURE', 'shipperDropoffDate', /in the past/);
      await expectOneError(order({ shipperDropoffDate: at(2), expectedDeliveryDate: at(1) }), 409, 'CONFLICT', 'SERVICE_LEVEL_FAILURE', 'expectedDeliveryDate');
      // Mexico City: same day.
      expect((await integrate(order({ shipperDropoffDate: at(0), expectedDeliveryDate: at(0) }))).status).toBe(200);
      // State of Mexico (52000): next day.
      const edomex = (d: number) => ({ ...withBlock('recipientLocation', { postalCode: '52000' }), shipperDropoffDate: at(0), expectedDeliveryDate: at(d) });
      await expectOneError(edomex(0), 409, 'CONFLICT', 'SERVICE_LEVEL_FAILURE', 'expectedDeliveryDate', `The earliest expectedDeliveryDate for postalCode 52000 with shipperDropoffDate ${at(0)} is ${at(1)}.`);
      expect((await integrate(edomex(1))).status).toBe(200);
      // Elsewhere (Culiacán, 80000): two days.
      const sinaloa = (d: number) => ({ ...withBlock('recipientLocation', { postalCode: '80000' }), shipperDropoffDate: at(0), expectedDeliveryDate: at(d) });
      await expectOneError(sinaloa(1), 409, 'CONFLICT', 'SERVICE_LEVEL_FAILURE', 'expectedDeliveryDate');
      expect((await integrate(sinaloa(2))).status).toBe(200);
    });

    it('runs the checks in order: schema, ALREADY_EXISTS, coverage, service level', async () => {
      await integrate(order({ shipperTrackingId: 'ORDER-1' }));
      const all = { ...withBlock('recipientLocation', { postalCode: '033002' }), shipperTrackingId: 'ORDER-1', shipperDropoffDate: serviceDate(sandbox.now(), -3) };
      expect((await integrate(all)).json.errors[0].code).toBe('ALREADY_EXISTS');
      expect((await integrate({ ...all, shipperTrackingId: 'ORDER-2' })).json.errors[0].code).toBe('COVERAGE_FAILURE');
      expect((await integrate({ ...all, shipperTrackingId: 'ORDER-2', recipientLocation: order().recipientLocation })).json.errors[0].code).toBe('SERVICE_LEVEL_FAILURE');
      expect((await integrate({ ...all, package: 'x' })).json.errors[0].code).toBe('INVALID_PARAMETER');
    });

    it('takes a coverage table as an option', async () => {
      const custom = createCargamosSandbox({ coverage: { exact: { '06500': null, '99999': 0 }, byPrefix: {}, fallback: null } });
      const customUrl = await custom.listen(0);
      try {
        const t = await login(customUrl);
        const post = (postalCode: string) => send(customUrl, 'POST', '/v1/shipments', { headers: bearer(t), body: { ...sampleOrder(custom.now()), recipientLocation: { ...sampleOrder(custom.now()).recipientLocation, postalCode } } });
        expect((await post('06500')).json.errors[0].code).toBe('COVERAGE_FAILURE');
        expect((await post('11000')).json.errors[0].code).toBe('COVERAGE_FAILURE');
        expect((await post('99999')).status).toBe(200);
      } finally {
        await custom.close();
      }
      expect(() => createCargamosSandbox({ coverage: { fallback: -1 } })).toThrow(/fallback/);
    });
  });
});
