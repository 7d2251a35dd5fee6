/** Bilanci di salute (well-child visits): a region's schedule as data, evaluated per child. */
export { BilanciSchedule, BilancioVisit } from './schedule.ts';
export { evaluateBilanci, type BilancioDone, type BilancioResult, type BilancioStatus } from './evaluate.ts';
