/**
 * The gateway's RFC 7807 error model (FSE-GATEWAY.md §6; IG §14; DSP RestExecutionResultEnum,
 * ErrorInstanceEnum, ControllerExceptionHandler) mapped to our typed errors, with an Italian
 * explanation per error type for the doctor.
 */
import { AppError } from '../errors/index.ts';
import type { ProblemDetails } from './schemas.ts';

export interface GatewayErrorInfo {
  /** HTTP status the dispatcher uses for this type. */
  status: number;
  /** The title the gateway gives (DSP RestExecutionResultEnum), in its Italian. */
  title: string;
  /** What it means for the doctor, in Italian. */
  spiegazione: string;
  /**
   * transient: retry later (the same request may succeed); permanent: the document or the
   * request must change, so the outbox parks it.
   */
  kind: 'transient' | 'permanent';
}

export const GATEWAY_ERROR_TYPES: Readonly<Record<string, GatewayErrorInfo>> = {
  '/msg/cda-element': { status: 400, title: 'Errore in fase di estrazione del CDA.', kind: 'permanent', spiegazione: 'Il gateway non riesce a estrarre il CDA dal PDF: verificare che il CDA sia allegato come cda.xml (modalità ATTACHMENT) o come risorsa XFA (RESOURCE).' },
  '/msg/syntax': { status: 400, title: 'Errore di sintassi.', kind: 'permanent', spiegazione: 'Il CDA non rispetta lo schema XSD HL7: il documento va corretto e rigenerato.' },
  '/msg/semantic': { status: 422, title: 'Errore semantico.', kind: 'permanent', spiegazione: 'Il CDA non rispetta le regole schematron del tipo di documento: correggere i campi indicati e rigenerarlo.' },
  '/msg/vocabulary': { status: 400, title: 'Errore di vocabolario.', kind: 'permanent', spiegazione: 'Il CDA contiene un codice non presente nei vocabolari del gateway (terminologia): correggere il codice.' },
  '/msg/cda-match': { status: 400, title: 'Errore di match del CDA.', kind: 'permanent', spiegazione: 'Il CDA pubblicato non è quello validato: tra validazione e pubblicazione può cambiare solo il legalAuthenticator. Validare di nuovo il documento.' },
  '/msg/empty-file': { status: 400, title: 'File vuoto.', kind: 'permanent', spiegazione: 'Il file inviato è vuoto.' },
  '/msg/document-type': { status: 415, title: 'Errore tipo documento.', kind: 'permanent', spiegazione: 'Il file inviato non è un PDF.' },
  '/msg/document-hash': { status: 403, title: 'Hash del documento non corrispondente.', kind: 'permanent', spiegazione: "L'hash del PDF nel token (attachment_hash) non corrisponde al file inviato: il PDF è stato modificato dopo la preparazione dell'invio." },
  '/msg/mandatory-element': { status: 400, title: 'Campo obbligatorio mancante.', kind: 'permanent', spiegazione: 'Nella richiesta manca un campo obbligatorio dei metadati.' },
  '/msg/invalid-format': { status: 400, title: 'Formato campo non valido.', kind: 'permanent', spiegazione: 'Un campo dei metadati ha un formato non valido (es. date yyyyMMddHHmmss).' },
  '/msg/mandatory-element-token': { status: 401, title: 'Token non decodificabile.', kind: 'permanent', spiegazione: 'Il token JWT non è leggibile: controllare il certificato di firma configurato.' },
  '/msg/jwt-validation': { status: 403, title: 'Errore di validazione del JWT.', kind: 'permanent', spiegazione: 'Un claim del token JWT non è valido o non è coerente con il documento (paziente, tipo documento, ruolo, struttura).' },
  '/msg/missing-token': { status: 403, title: 'Token mancante.', kind: 'permanent', spiegazione: 'La richiesta non contiene i token JWT richiesti.' },
  '/msg/fhir-mapping-type': { status: 400, title: 'Errore tipo di mapping FHIR.', kind: 'permanent', spiegazione: 'Il tipo di documento non ha una trasformazione FHIR sul gateway.' },
  '/msg/generic-timeout': { status: 504, title: 'Timeout.', kind: 'transient', spiegazione: 'Il gateway non ha risposto in tempo: il documento verrà reinviato automaticamente.' },
  '/msg/workflow-id-error-extraction': { status: 400, title: "Errore nell'estrazione del workflow id.", kind: 'permanent', spiegazione: 'Il gateway non trova la validazione di questo documento: validarlo di nuovo.' },
  '/msg/record-not-found': { status: 404, title: 'Record non trovato.', kind: 'permanent', spiegazione: 'Il documento o la transazione indicati non esistono sul gateway.' },
  '/msg/ini-error': { status: 500, title: 'Errore INI.', kind: 'transient', spiegazione: "L'Infrastruttura Nazionale per l'Interoperabilità (INI) ha restituito un errore: il documento verrà reinviato automaticamente." },
  '/msg/eds-error': { status: 500, title: 'Errore EDS.', kind: 'transient', spiegazione: "L'Ecosistema Dati Sanitari (EDS) ha restituito un errore: il documento verrà reinviato automaticamente." },
  '/msg/max-day-limit-exceed': { status: 400, title: 'Limite di giorni superato.', kind: 'permanent', spiegazione: 'Sono passati più di 5 giorni dalla validazione: validare di nuovo il documento prima di pubblicarlo.' },
  '/msg/sign-error': { status: 400, title: 'Errore di firma.', kind: 'permanent', spiegazione: 'Il PDF non risulta firmato PAdES o la firma non è valida: firmare di nuovo il documento.' },
  '/msg/id-doc': { status: 400, title: 'Identificativo documento non valido.', kind: 'permanent', spiegazione: "L'identificativo del documento non è valido o è già usato." },
  '/msg/generic-error': { status: 500, title: 'Errore generico.', kind: 'transient', spiegazione: 'Errore interno del gateway: il documento verrà reinviato automaticamente.' },
};

/** Italian explanations by HTTP status, for bodies without a known `type` (e.g. GovWay's). */
const BY_STATUS: Readonly<Record<number, string>> = {
  400: 'Richiesta non valida.',
  401: 'Autenticazione non riuscita: verificare il certificato di autenticazione e i token.',
  403: 'Accesso negato dal gateway: verificare certificati e token.',
  404: 'Risorsa non trovata sul gateway.',
  409: 'Conflitto: il documento risulta già presente sul gateway.',
  413: 'Il file è troppo grande per il gateway.',
  415: 'Tipo di file non supportato: il gateway accetta solo PDF.',
  422: 'Il documento non ha superato la validazione semantica.',
  429: 'Troppe richieste al gateway: il documento verrà reinviato più tardi.',
  500: 'Errore interno del gateway: il documento verrà reinviato automaticamente.',
  502: 'Il gateway non è raggiungibile (risposta non valida dal servizio): nuovo tentativo automatico.',
  503: 'Gateway temporaneamente non disponibile: nuovo tentativo automatico.',
  504: 'Il gateway non ha risposto in tempo: nuovo tentativo automatico.',
};

/** The type key of a problem: the gateway sends it as a path (`/msg/syntax`) or as a full URL ending in it. */
export function problemTypeKey(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const m = /\/msg\/[a-z0-9-]+$/i.exec(type);
  return m ? m[0] : type;
}

/** Transient: 5xx, 429, 408 and the transient types; everything else is a permanent rejection. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

export function classifyProblem(status: number, problem: ProblemDetails | undefined): 'transient' | 'permanent' {
  const info = GATEWAY_ERROR_TYPES[problemTypeKey(problem?.type) ?? ''];
  if (isTransientStatus(status)) return 'transient';
  if (info) return info.kind;
  return 'permanent';
}

/** The Italian text for the doctor: the explanation of the type, then the gateway's detail. */
export function spiegazioneErrore(status: number, problem: ProblemDetails | undefined): string {
  const info = GATEWAY_ERROR_TYPES[problemTypeKey(problem?.type) ?? ''];
  const base = info?.spiegazione ?? BY_STATUS[status] ?? `Il gateway ha risposto con lo stato HTTP ${status}.`;
  const detail = problem?.detail?.trim();
  return detail ? `${base} Dettaglio del gateway: ${detail.slice(0, 2000)}` : base;
}

/** Build the RFC 7807 body the gateway (and our simulator) returns for a type. */
export function problemBody(
  type: string,
  detail: string,
  ids: { traceID: string; spanID: string; instance?: string; workflowInstanceId?: string },
  status?: number,
): Required<Pick<ProblemDetails, 'type' | 'title' | 'detail' | 'status' | 'traceID' | 'spanID'>> & ProblemDetails {
  const info = GATEWAY_ERROR_TYPES[type];
  const body: Required<Pick<ProblemDetails, 'type' | 'title' | 'detail' | 'status' | 'traceID' | 'spanID'>> & ProblemDetails = {
    traceID: ids.traceID,
    spanID: ids.spanID,
    type,
    title: info?.title ?? 'Errore',
    detail,
    status: status ?? info?.status ?? 400,
  };
  if (ids.instance !== undefined) body.instance = ids.instance;
  if (ids.workflowInstanceId !== undefined) body.workflowInstanceId = ids.workflowInstanceId;
  return body;
}

/**
 * An HTTP error answer as a typed error: transient ones are GATEWAY_UNAVAILABLE (TIMEOUT for
 * 504/generic-timeout), permanent ones GATEWAY_REJECTED with {type,title,detail,status} where
 * `title` is the Italian explanation and `detail` the gateway's own text.
 */
export function problemToAppError(status: number, problem: ProblemDetails | undefined): AppError<'GATEWAY_UNAVAILABLE' | 'GATEWAY_REJECTED' | 'TIMEOUT'> {
  const kind = classifyProblem(status, problem);
  const type = problemTypeKey(problem?.type);
  if (kind === 'transient') {
    if (status === 504 || type === '/msg/generic-timeout') return new AppError('TIMEOUT', `Gateway timed out (HTTP ${status})`);
    return new AppError('GATEWAY_UNAVAILABLE', `Gateway unavailable (HTTP ${status}${type ? ` ${type}` : ''})`);
  }
  const data: { type?: string; title?: string; detail?: string; status?: number } = { status, title: spiegazioneErrore(status, { ...problem, detail: undefined }) };
  if (type !== undefined) data.type = type;
  if (problem?.detail !== undefined) data.detail = problem.detail;
  return new AppError('GATEWAY_REJECTED', `Gateway rejected the request (HTTP ${status}${type ? ` ${type}` : ''})`, data);
}
