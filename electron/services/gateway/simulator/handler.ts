/**
 * One request through the simulated gateway, in the order the real one checks it: injected
 * faults, route (swagger_gtw.yaml), Authorization token, status reads, integrity token, body
 * (multipart/JSON, OpenAPI, formats), the PDF and its CDA, the integrity claims against them,
 * the PAdES signature, the document's presence on INI, CDA validation — then the operation is
 * applied (state.ts) and answered; a Problem anywhere becomes its RFC 7807 answer.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import type { gatewayOpenApi } from '../openapi.ts';
import { JwtVerificationError } from '../jwt.ts';
import { checkCda, checkPdfSignature } from './document-checks.ts';
import type { FaultInjector } from './faults.ts';
import { jwtProblem, type JwtChecks } from './jwt-checks.ts';
import type { CdaCheck, CdaReader, PdfSignatureCheck } from './plugins.ts';
import { Problem, responder } from './problem.ts';
import { checkRequestBody, parseRequest, readDocument, type ReceivedDocument } from './request-body.ts';
import { readBody, routeOf, type Route } from './routing.ts';
import { workflowInstanceIdFor, type GatewayState } from './state.ts';

export interface HandlerDeps {
  openapi: Awaited<ReturnType<typeof gatewayOpenApi>>;
  faults: FaultInjector;
  jwt: JwtChecks;
  state: GatewayState;
  /** Requests received per operationId. */
  calls: Map<string, number>;
  validateCda?: CdaCheck | undefined;
  readCda?: CdaReader | undefined;
  checkSignature?: PdfSignatureCheck | undefined;
}

function hex(n: number): string {
  return randomBytes(n).toString('hex');
}

export function createHandler(d: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function handle(req, res) {
    const now = responder(res, hex(8), hex(8));
    const traceID = now.traceID;

    // Faults first, as a network or front end would produce them.
    const fault = d.faults.decide();
    if (fault.action === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.action === 'hang') {
      d.faults.hang(req.socket, fault.ms);
      return;
    }
    if (fault.action === 'throttle') {
      await readBody(req).catch(() => undefined);
      now.fail(new Problem('/msg/generic-error', 'Too Many Requests', 429), { 'retry-after': '1' });
      return;
    }
    if (fault.action === 'error') {
      await readBody(req).catch(() => undefined);
      now.fail(new Problem('/msg/generic-error', 'Errore generico simulato', d.faults.errorStatus()));
      return;
    }
    // The latency is the gateway's response time: the answer leaves no sooner than `delayMs`
    // after the request came, and the simulator's own work (reading the PDF, validating the
    // CDA: what the real gateway does within its response time) happens meanwhile, not after.
    const due = fault.delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, fault.delayMs)) : undefined;
    const later = (f: () => void): void => {
      if (due) void due.then(f);
      else f();
    };
    const r: typeof now = {
      traceID,
      spanID: now.spanID,
      send: (...a) => later(() => now.send(...a)),
      fail: (...a) => later(() => now.fail(...a)),
    };

    let route: Route;
    try {
      route = routeOf(d.openapi, req);
    } catch (e) {
      if (e instanceof Problem) {
        r.fail(e);
        return;
      }
      throw e;
    }
    const { op, idParam } = route;
    d.calls.set(route.operationId, (d.calls.get(route.operationId) ?? 0) + 1);

    try {
      const body = route.method === 'GET' || route.method === 'DELETE' ? Buffer.alloc(0) : await readBody(req);
      if (op === 'health') {
        r.send(200, { status: 'UP' }, 'application/problem+json');
        return;
      }
      // Authorization Bearer: every operation.
      await d.jwt.authentication(req.headers.authorization);

      if (op === 'statusByWorkflowInstanceId' || op === 'statusByTraceId') {
        later(() => now.send(200, { traceID, spanID: r.spanID, transactionData: d.state.events(op, idParam ?? '') }));
        return;
      }

      const signed = op as SignedOperation;
      const intJwt = await d.jwt.integrityToken(req.headers['fse-jwt-signature']);
      const { requestBody, file } = parseRequest(signed, req.headers['content-type'] ?? '', body);
      checkRequestBody(d.openapi, route, signed, requestBody);
      const doc: ReceivedDocument | undefined = file !== undefined ? await readDocument(file, requestBody, d.readCda) : undefined;

      // Integrity claims, with the document facts.
      d.jwt.integrityClaims(intJwt, signed, {
        ...(doc ? { fileSha256: doc.fileSha256 } : {}),
        ...(doc ? { patientIds: doc.facts.patientIds } : {}),
        ...(doc?.facts.documentCode ? { documentCode: doc.facts.documentCode } : {}),
        ...(signed === 'updateMetadata' ? { changesP99: Array.isArray(requestBody.attiCliniciRegoleAccesso) && (requestBody.attiCliniciRegoleAccesso as unknown[]).includes('P99') } : {}),
      });

      await checkPdfSignature(signed, file, d.checkSignature);
      const idDoc = (requestBody.identificativoDoc as string | undefined) ?? idParam ?? '';
      if (signed === 'replace' || signed === 'validateAndReplace' || signed === 'delete' || signed === 'updateMetadata') d.state.requirePublished(idParam ?? '');
      await checkCda(signed, doc?.cda, d.validateCda, () => (signed === 'validation' ? workflowInstanceIdFor(doc?.facts ?? {}) : undefined));

      const sender = { issuer: String(intJwt.payload.iss), subjectRole: String(intJwt.payload.subject_role) };
      if (signed === 'validation') {
        const wii = d.state.validated({ cda: doc?.cda as Uint8Array, facts: doc?.facts ?? {}, activity: requestBody.activity, traceId: traceID, sender });
        r.send(requestBody.activity === 'VALIDATION' ? 201 : 200, { traceID, spanID: r.spanID, workflowInstanceId: wii });
        return;
      }
      const wii = d.state.apply({
        op: signed,
        identificativoDoc: idDoc,
        idParam,
        cda: doc?.cda,
        facts: doc?.facts,
        givenWorkflowInstanceId: requestBody.workflowInstanceId as string | undefined,
        fileSha256: doc?.fileSha256,
        traceId: traceID,
        sender,
      });
      if (fault.loseResponse === 'error') throw new Problem('/msg/generic-error', 'Errore interno del gateway (dopo la pubblicazione)', 500);
      if (fault.loseResponse) {
        later(() => req.socket.destroy());
        return;
      }
      r.send(signed === 'delete' || signed === 'updateMetadata' ? 200 : 202, { traceID, spanID: r.spanID, workflowInstanceId: wii });
    } catch (e) {
      if (e instanceof Problem) r.fail(e);
      else if (e instanceof JwtVerificationError) r.fail(jwtProblem(e));
      else r.fail(new Problem('/msg/generic-error', 'Errore interno del simulatore', 500));
    }
  };
}
