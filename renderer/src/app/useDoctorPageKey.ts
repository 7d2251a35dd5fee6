import { useState } from 'react';

/**
 * The key of the current page: it changes when another doctor starts working, so that nothing on
 * screen stays from the one before. `undefined` is "not known yet" (doctors.list on its way at
 * start): its first answer is no change of doctor, and the page shown meanwhile (the patient list,
 * its search already asked) stays instead of being made again (bench "node host start").
 */
export function useDoctorPageKey(working: string | null | undefined): number {
  const [seen, setSeen] = useState({ working, key: 0 });
  // Derived from the previous render's doctor (React's "storing information from previous renders");
  // "not known" again (the list asked anew) keeps the doctor last known.
  if (working !== undefined && working !== seen.working) {
    const next = { working, key: seen.working === undefined ? seen.key : seen.key + 1 };
    setSeen(next);
    return next.key;
  }
  return seen.key;
}
