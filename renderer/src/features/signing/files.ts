import type { SignatureKind } from '../../../../shared/api/signing.ts';

/** Base64 of a file's bytes (chunked: String.fromCharCode has an argument limit). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBlob(b64: string, type: string): Blob {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Saves bytes as a download named `name`. */
export function download(name: string, b64: string): void {
  const type = /\.pdf$/i.test(name) ? 'application/pdf' : /\.p7[ms]$/i.test(name) ? 'application/pkcs7-mime' : 'application/octet-stream';
  saveBlob(name, base64ToBlob(b64, type));
}

/** Offers `blob` as a file download named `name` (the one download path of the renderer). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function isPdfName(name: string): boolean {
  return /\.pdf$/i.test(name);
}

/** PDF → PAdES; any other file → CAdES (enveloping .p7m, or detached .p7s when asked). */
export function kindFor(name: string, detached: boolean): SignatureKind {
  if (isPdfName(name)) return 'pades';
  return detached ? 'cades-detached' : 'cades-enveloping';
}

/** dd/mm/yyyy for an ISO date-time. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(iso)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "ROSSI MARIO" from the subject: surname + given name, else the common name. */
export function holderName(subject: { surname?: string | undefined; givenName?: string | undefined; commonName?: string | undefined; text: string }): string {
  if (subject.surname || subject.givenName) return [subject.surname, subject.givenName].filter(Boolean).join(' ');
  return subject.commonName ?? subject.text;
}

/** A batch id unique enough for one session. */
export function newBatchId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `b-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
