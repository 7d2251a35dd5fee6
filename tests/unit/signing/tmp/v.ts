import { readFileSync } from 'node:fs';
import { verifyDocument } from '../../../../electron/services/signing/verify.ts';
const [file, ...cas] = process.argv.slice(2);
const v = await verifyDocument({ data: readFileSync(file!), trustedCertificatesPem: cas.map((c) => readFileSync(c, 'utf8')) });
console.log(v.status, v.signatures.map((s) => `${s.index}:${s.status}:${s.signer?.subject.commonName}:${s.reasons.filter(r=>r.severity!=='info').map((r) => r.code).join(',')}`).join(' | '));
