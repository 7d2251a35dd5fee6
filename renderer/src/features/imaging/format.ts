/** Small conversions of the imaging screens: base64 ↔ bytes, numbers in the UI's language, DICOM names. */
import type { PersonName } from '../../../../shared/dicom/values.ts';

export function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Base64 of bytes (chunked: String.fromCharCode has an argument limit). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** "12,5" in Italian, "12.5" in English, with at most `digits` decimals. */
export function formatNumber(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** "Doe Peter" from DOE^PETER (PS3.5 §6.2.1), the raw value when it has no components. */
export function personText(name: Pick<PersonName, 'family' | 'given' | 'middle' | 'raw'> | undefined): string {
  if (!name) return '';
  const parts = [name.family, name.given, name.middle].filter(Boolean) as string[];
  return parts.length ? parts.join(' ') : name.raw;
}
