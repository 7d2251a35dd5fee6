import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/index.ts';
import { GATEWAY_ERROR_TYPES, classifyProblem, problemBody, problemToAppError, spiegazioneErrore } from '../../../shared/gateway/errors.ts';
import {
  OPERATION_CLAIMS,
  buildAuthClaims,
  buildIntegrityClaims,
  checkAuthClaims,
  checkIntegrityClaims,
  formatXon,
  type JwtIdentity,
  type SignedOperation,
} from '../../../shared/gateway/jwt-claims.ts';
import { SANDBOX_LOCUM } from '../../../shared/synthetic/sandbox-doctor.ts';
import { ENDPOINTS, endpointPath, transactionOutcome } from '../../../shared/gateway/schemas.ts';

export const identity: JwtIdentity = {
  signatureCertCn: 'S1#120201234567XX',
  audience: 'https://modipa-val.fse.salute.gov.it/govway/rest/in/FSE/gateway/v1',
  subjectFiscalCode: 'RSSMRA80A01H501U',
  subjectRole: 'APR',
  subjectOrganizationId: '120',
  locality: { name: 'STUDIO MEDICO ROSSI', catalogOid: '2.16.840.1.113883.2.9.4.1.3', code: '120201234567' },
  application: { id: 'CARTELLA', vendor: 'CARTELLA', version: '0.1.0' },
};
const patient = { extension: 'GTWGWY82B42G920M', root: '2.16.840.1.113883.2.9.4.3.2' };
const code = { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' };
const hash = 'ab'.repeat(32);
const t = { iat: 1_790_000_000, jti: 'j1' };

describe('JWT claim builder', () => {
  it('auth token: auth: issuer, CX sub, seconds', () => {
    expect(buildAuthClaims(identity, t)).toEqual({
      iss: 'auth:S1#120201234567XX',
      sub: 'RSSMRA80A01H501U^^^&2.16.840.1.113883.2.9.4.3.2&ISO',
      aud: identity.audience,
      iat: 1_790_000_000,
      exp: 1_790_000_300,
      jti: 'j1',
    });
    expect(checkAuthClaims(buildAuthClaims(identity, t) as never, { now: t.iat, audience: identity.audience, issuerCn: identity.signatureCertCn })).toEqual([]);
  });

  it('integrity token for create: every claim', () => {
    expect(buildIntegrityClaims('create', identity, { patient, documentCode: code, attachmentHash: hash.toUpperCase() }, t)).toEqual({
      iss: 'integrity:S1#120201234567XX',
      sub: 'RSSMRA80A01H501U^^^&2.16.840.1.113883.2.9.4.3.2&ISO',
      aud: identity.audience,
      iat: 1_790_000_000,
      exp: 1_790_000_300,
      jti: 'j1',
      subject_role: 'APR',
      subject_organization_id: '120',
      subject_organization: 'Regione Lazio',
      locality: 'STUDIO MEDICO ROSSI^^^^^&2.16.840.1.113883.2.9.4.1.3&ISO^^^^120201234567',
      purpose_of_use: 'TREATMENT',
      action_id: 'CREATE',
      person_id: 'GTWGWY82B42G920M^^^&2.16.840.1.113883.2.9.4.3.2&ISO',
      patient_consent: true,
      resource_hl7_type: "('60591-5^^2.16.840.1.113883.6.1')",
      attachment_hash: hash,
      subject_application_id: 'CARTELLA',
      subject_application_vendor: 'CARTELLA',
      subject_application_version: '0.1.0',
    });
  });

  it.each<[SignedOperation, string, string, boolean, boolean]>([
    ['validation', 'TREATMENT', 'CREATE', true, true],
    ['create', 'TREATMENT', 'CREATE', true, true],
    ['validateAndCreate', 'TREATMENT', 'CREATE', true, true],
    ['replace', 'UPDATE', 'UPDATE', true, true],
    ['validateAndReplace', 'UPDATE', 'UPDATE', true, true],
    ['updateMetadata', 'UPDATE', 'UPDATE', true, false],
    ['delete', 'UPDATE', 'DELETE', false, false],
  ])('%s: purpose_of_use %s, action_id %s, resource_hl7_type %s, attachment_hash %s; passes its own check', (op, pou, action, hl7, withHash) => {
    const c = buildIntegrityClaims(op, identity, { patient, documentCode: code, attachmentHash: hash }, t);
    expect(c.purpose_of_use).toBe(pou);
    expect(c.action_id).toBe(action);
    expect('resource_hl7_type' in c).toBe(hl7);
    expect('attachment_hash' in c).toBe(withHash);
    expect(checkIntegrityClaims(c as never, { op, now: t.iat + 1, audience: identity.audience, issuerCn: identity.signatureCertCn, fileSha256: hash, patientIds: [patient], documentCode: code })).toEqual([]);
    // The same token is refused for an operation whose action_id differs.
    const other = (Object.keys(OPERATION_CLAIMS) as SignedOperation[]).find((o) => !OPERATION_CLAIMS[o].actionId.includes(action as never));
    if (other) expect(checkIntegrityClaims(c as never, { op: other }).some((p) => p.claim === 'action_id')).toBe(true);
  });

  it('metadata update touching P99 uses ACCESS UPDATE, and the check insists on it', () => {
    const c = buildIntegrityClaims('updateMetadata', identity, { patient, documentCode: code }, t, { changesP99: true });
    expect(c.purpose_of_use).toBe('ACCESS UPDATE');
    const plain = buildIntegrityClaims('updateMetadata', identity, { patient, documentCode: code }, t);
    expect(checkIntegrityClaims(plain as never, { op: 'updateMetadata', changesP99: true }).map((p) => p.claim)).toEqual(['purpose_of_use']);
  });

  it('a sostituto publishing: both tokens name her as the requesting user (sub), the practice stays the structure', () => {
    const locum = { fiscalCode: SANDBOX_LOCUM.codiceFiscale };
    const auth = buildAuthClaims(identity, t, locum);
    const integrity = buildIntegrityClaims('create', identity, { patient, documentCode: code, attachmentHash: hash, requester: locum }, t);
    for (const c of [auth, integrity]) expect(c.sub).toBe(`${SANDBOX_LOCUM.codiceFiscale}^^^&2.16.840.1.113883.2.9.4.3.2&ISO`);
    const titolare = buildIntegrityClaims('create', identity, { patient, documentCode: code, attachmentHash: hash }, t);
    const { sub: _a, jti: _b, ...rest } = integrity;
    const { sub: _c, jti: _d, ...same } = titolare;
    expect(rest).toEqual(same);
    expect(integrity).toMatchObject({ iss: 'integrity:S1#120201234567XX', subject_role: 'APR', subject_organization_id: '120', locality: titolare.locality });
    expect(checkIntegrityClaims(integrity as never, { op: 'create', now: t.iat + 1, audience: identity.audience, issuerCn: identity.signatureCertCn, fileSha256: hash, patientIds: [patient], documentCode: code })).toEqual([]);
  });

  it('refuses to build what the gateway would refuse', () => {
    expect(() => buildIntegrityClaims('create', identity, { patient, documentCode: code }, t)).toThrow(/attachment_hash/);
    expect(() => buildIntegrityClaims('create', identity, { patient, documentCode: code, attachmentHash: 'xyz' }, t)).toThrow(/SHA-256/);
    expect(() => buildIntegrityClaims('create', identity, { patient, attachmentHash: hash }, t)).toThrow(/resource_hl7_type/);
    expect(() => buildIntegrityClaims('create', { ...identity, subjectOrganizationId: '121' }, { patient, documentCode: code, attachmentHash: hash }, t)).toThrow(/subject_organization_id/);
  });

  it('XON escapes separators in the name', () => {
    expect(formatXon({ name: 'A^B&C', catalogOid: '1.2', code: '9' })).toBe('A B C^^^^^&1.2&ISO^^^^9');
  });

  const good = () => buildIntegrityClaims('create', identity, { patient, documentCode: code, attachmentHash: hash }, t) as unknown as Record<string, unknown>;
  const ctx = { op: 'create' as const, now: t.iat + 1, audience: identity.audience, issuerCn: identity.signatureCertCn, fileSha256: hash, patientIds: [patient], documentCode: code };
  it.each<[string, (c: Record<string, unknown>) => void, string, string, string]>([
    ['person_id missing', (c) => delete c.person_id, 'person_id', '/jwt-mandatory-field-missing', '/msg/jwt-validation'],
    ['attachment_hash missing', (c) => delete c.attachment_hash, 'attachment_hash', '/jwt-mandatory-field-missing', '/msg/jwt-validation'],
    ['wrong hash', (c) => (c.attachment_hash = 'cd'.repeat(32)), 'attachment_hash', '/jwt-hash-match', '/msg/document-hash'],
    ['person_id of another patient', (c) => (c.person_id = 'RSSMRA80A01H501U^^^&2.16.840.1.113883.2.9.4.3.2&ISO'), 'person_id', '/jwt-person-id', '/msg/jwt-validation'],
    ['person_id with &amp;', (c) => (c.person_id = 'GTWGWY82B42G920M^^^&amp;2.16.840.1.113883.2.9.4.3.2&amp;ISO'), 'person_id', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['locality not XON', (c) => (c.locality = '201123456'), 'locality', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['document type differs', (c) => (c.resource_hl7_type = "('11502-2^^2.16.840.1.113883.6.1')"), 'resource_hl7_type', '/jwt-document-type', '/msg/jwt-validation'],
    ['exp in ms', (c) => (c.exp = 1_790_000_300_000), 'exp', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['issuer without prefix', (c) => (c.iss = 'S1#120201234567XX'), 'iss', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['organization incoherent', (c) => (c.subject_organization = 'Regione Lombardia'), 'subject_organization', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['role not in the enum', (c) => (c.subject_role = 'DOC'), 'subject_role', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['purpose not fitting create', (c) => (c.purpose_of_use = 'UPDATE'), 'purpose_of_use', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['sub with a bad CF', (c) => (c.sub = 'RSSMRA80A01H501X^^^&2.16.840.1.113883.2.9.4.3.2&ISO'), 'sub', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['expired', (c) => ((c.iat = t.iat - 1000), (c.exp = t.iat - 700)), 'exp', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
    ['consent not boolean', (c) => (c.patient_consent = 'true'), 'patient_consent', '/jwt-mandatory-field-malformed', '/msg/jwt-validation'],
  ])('broken claim: %s', (_name, breakIt, claim, instance, type) => {
    const c = good();
    breakIt(c);
    const problems = checkIntegrityClaims(c, ctx);
    expect(problems).toEqual([expect.objectContaining({ claim, instance, type })]);
  });
});

describe('gateway error table', () => {
  it('every type has a status, a title and an Italian explanation', () => {
    const types = Object.keys(GATEWAY_ERROR_TYPES);
    expect(types.length).toBe(23);
    for (const [type, info] of Object.entries(GATEWAY_ERROR_TYPES)) {
      expect(type).toMatch(/^\/msg\/[a-z-]+$/);
      expect(info.spiegazione.length).toBeGreaterThan(15);
      expect(info.status).toBeGreaterThanOrEqual(400);
      expect(info.kind === 'transient').toBe(info.status >= 500);
    }
  });

  it('permanent problems become GATEWAY_REJECTED with the Italian explanation and the gateway detail', () => {
    const e = problemToAppError(422, { type: 'https://x/msg/semantic', title: 'Errore semantico.', detail: 'ERRORE-b1| manca la sezione', status: 422 });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('GATEWAY_REJECTED');
    expect(e.data).toEqual({ type: '/msg/semantic', title: GATEWAY_ERROR_TYPES['/msg/semantic']!.spiegazione, detail: 'ERRORE-b1| manca la sezione', status: 422 });
    expect(spiegazioneErrore(422, { type: '/msg/semantic', detail: 'x' })).toMatch(/schematron.*Dettaglio del gateway: x$/);
  });

  it('transient ones become GATEWAY_UNAVAILABLE, 504 TIMEOUT; unknown 4xx still permanent with a status text', () => {
    expect(problemToAppError(503, undefined).code).toBe('GATEWAY_UNAVAILABLE');
    expect(problemToAppError(429, { status: 429 }).code).toBe('GATEWAY_UNAVAILABLE');
    expect(problemToAppError(504, { type: '/msg/generic-timeout' }).code).toBe('TIMEOUT');
    expect(problemToAppError(500, { type: '/msg/generic-error' }).code).toBe('GATEWAY_UNAVAILABLE');
    expect(classifyProblem(409, undefined)).toBe('permanent');
    const govway = problemToAppError(401, { type: 'https://govway.org/handling-errors/401/AuthenticationRequired.html', title: 'AuthenticationRequired', status: 401 });
    expect(govway.code).toBe('GATEWAY_REJECTED');
    expect((govway.data as { title: string }).title).toMatch(/certificato di autenticazione/);
  });

  it('problem bodies carry the RFC 7807 members', () => {
    expect(problemBody('/msg/document-hash', 'mismatch', { traceID: 't', spanID: 's', instance: '/jwt-hash-match' })).toEqual({
      traceID: 't', spanID: 's', type: '/msg/document-hash', title: GATEWAY_ERROR_TYPES['/msg/document-hash']!.title, detail: 'mismatch', status: 403, instance: '/jwt-hash-match',
    });
  });
});

describe('endpoints and status outcome', () => {
  it('paths per operation', () => {
    expect(endpointPath('replace', '2.16.840.1.113883.2.9.2.120.4.4^1')).toBe('/documents/2.16.840.1.113883.2.9.2.120.4.4%5E1');
    expect(endpointPath('health')).toBe('/status');
    expect(() => endpointPath('delete')).toThrow();
    expect(ENDPOINTS.validation.success).toEqual([200, 201]);
    expect(ENDPOINTS.statusByTraceId.integrityToken).toBe(false);
  });

  it('transaction outcome from events', () => {
    expect(transactionOutcome([])).toEqual({ outcome: 'unknown' });
    expect(transactionOutcome([{ eventType: 'VALIDATION', eventStatus: 'SUCCESS' }])).toEqual({ outcome: 'unknown' });
    expect(transactionOutcome([{ eventType: 'VALIDATION', eventStatus: 'SUCCESS' }], 'validation')).toEqual({ outcome: 'accepted' });
    expect(transactionOutcome([{ eventType: 'PUBLICATION', eventStatus: 'SUCCESS', traceId: 't', workflowInstanceId: 'w' }])).toEqual({ outcome: 'accepted', traceId: 't', workflowInstanceId: 'w' });
    expect(transactionOutcome([{ eventType: 'PUBLICATION', eventStatus: 'BLOCKING_ERROR', message: 'no' }])).toEqual({ outcome: 'rejected', message: 'no' });
  });
});
