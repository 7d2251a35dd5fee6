/**
 * Esc "backs out" of a page only when no dialog or dropdown is open: those take Esc first
 * (Mantine modals and pickers render role="dialog"/"listbox", and keep it during their exit
 * transition, so one Esc never closes a window and leaves the page too).
 */
export function escapeBelongsToPage(event: KeyboardEvent): boolean {
  if (event.defaultPrevented) return false;
  return !document.querySelector('[role="dialog"], [role="listbox"]');
}
