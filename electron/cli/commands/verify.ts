import { readFileSync } from 'node:fs';
import { parseCliArgs } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { verifyDocument } from '../../services/signing/verify.ts';

export const command: CliCommand = {
  name: 'verify',
  summary: 'verify a signed PDF (PAdES) or .p7m/.p7s (CAdES) and print the verdict',
  usage: `cartella verify FILE [--ca PEM]... [--content FILE]

  Checks integrity, the signing-certificate-v2 hash, certificate validity at signing time, the
  chain to the --ca certificates (PEM files, repeatable; none: chain not checked) and key usage.
  --content FILE  the signed file, for a detached .p7s.
  A .p7m whose content is itself signed (a PAdES PDF in a .pdf.p7m) lists the inner signatures
  too, each with "envelope": the index of the signature that encloses it.
  Prints one JSON line {"file","status":"VALID|INVALID|INDETERMINATE","fileType","signatures":[...],
  "reasons":[{"code","severity","message","signatureIndex"}]} (messages in Italian).
  Exit 0 when VALID, 1 otherwise.`,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      ca: { type: 'string', multiple: true },
      content: { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new UsageError('FILE is required');
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    const verdict = await verifyDocument({
      data: readFileSync(file),
      trustedCertificatesPem: (values.ca ?? []).map((p) => readFileSync(p, 'utf8')),
      ...(values.content ? { detachedContent: readFileSync(values.content) } : {}),
    });
    printJsonLine({
      file,
      status: verdict.status,
      fileType: verdict.fileType,
      signatures: verdict.signatures.map((s) => ({
        index: s.index,
        format: s.format,
        status: s.status,
        subFilter: s.subFilter,
        signingTime: s.signingTime,
        signingTimeSource: s.signingTimeSource,
        coversWholeDocument: s.coversWholeDocument,
        envelope: s.envelope,
        signer: s.signer && {
          commonName: s.signer.subject.commonName,
          codiceFiscale: s.signer.subject.codiceFiscale,
          issuer: s.signer.issuer.commonName,
          serialNumberHex: s.signer.serialNumberHex,
          notBefore: s.signer.notBefore,
          notAfter: s.signer.notAfter,
          keyUsage: s.signer.keyUsage,
          sha256: s.signer.sha256,
        },
      })),
      reasons: verdict.reasons,
    });
    return verdict.status === 'VALID' ? EXIT_OK : EXIT_FAILURE;
  },
};
