// lint-as: shared/api/violation.ts
export const width = window.innerWidth;
