/**
 * The search form of a name or identifier: upper case, diacritics removed, letters and digits
 * only ("D'Angelo" → "DANGELO", "Niccolò" → "NICCOLO"). Stored beside the value and applied
 * to what the user types, so that a prefix search is a plain index range.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The smallest string greater than every string starting with `prefix` (for `< upper`). */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\uffff';
}
