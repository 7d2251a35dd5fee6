/**
 * One import in progress: what has been read so far (instances staged encrypted in the
 * session's folder, DICOMDIR listings, files skipped, problems), for one patient. Kept in
 * memory until applied or cancelled; its staged files are discarded with it.
 */
import type { FileProblem } from '../../../shared/api/imaging.ts';
import type { StagedInstance } from './instance-summary.ts';

export interface DicomdirRead {
  /** The DICOMDIR's folder, in the session's naming ('' for the chosen folder itself). */
  folder: string;
  referenced: string[];
  listing: { patients: number; studies: number; series: number; instances: number };
}

export class ImportSession {
  /** Staged instances by SOP Instance UID: the same instance twice in one import is read once. */
  readonly instances = new Map<string, StagedInstance>();
  readonly problems: FileProblem[] = [];
  readonly dicomdirs: DicomdirRead[] = [];
  /** Every file name received (read, skipped or failed), for the DICOMDIR's missing files. */
  readonly received: string[] = [];
  skipped = 0;
  applying = false;
  lastUsed = Date.now();
  /** Files sent in parts, by name: the parts received so far. */
  readonly partial = new Map<string, { next: number; chunks: Buffer[] }>();

  constructor(
    readonly id: string,
    /** The patient imported into; undefined for an import that names its patients (CLI --create-patient). */
    readonly patientId: string | undefined,
  ) {}

  touch(): void {
    this.lastUsed = Date.now();
  }
}
