/**
 * Signing as the doctor at work. Their card is recorded the first time they sign with it (the
 * signer certificate of a successful batch, when it bears their own codice fiscale: a card of
 * another holder, signed with after the Firma window's warning, is not theirs). In the sandbox
 * every test doctor's card is "in the reader" at once (SoftHSM tokens, test-token.ts): the token
 * of the doctor at work is the one used, as a locum would put their own card in.
 *
 * Outside the sandbox the configured token applies (Impostazioni → Firma digitale): a reader
 * holds the card that is inserted, and a configuration without a token label takes it.
 */
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { AppContract } from '../../../shared/api/index.ts';
import type { StoredSigningSettings } from '../settings/settings-service.ts';
import { TEST_TOKEN_LABELS } from '../signing/test-token.ts';
import type { SigningHandlers } from '../signing/signing-handlers.ts';
import { SANDBOX_LOCUM_ID, TITOLARE_ID } from './directory.ts';
import type { DoctorsService } from './doctors-service.ts';

/** The sandbox test doctors' cards. */
const SANDBOX_CARDS: Record<string, string> = { [TITOLARE_ID]: TEST_TOKEN_LABELS.rsa, [SANDBOX_LOCUM_ID]: TEST_TOKEN_LABELS.locum };

export function workingDoctorSigning(o: { doctors: DoctorsService; sandbox: boolean; configuration(): Promise<StoredSigningSettings> }) {
  async function configuration(): Promise<StoredSigningSettings> {
    const s = await o.configuration();
    if (!o.sandbox || !s.sandboxToken) return s;
    const d = await o.doctors.working.current();
    const label = d ? (SANDBOX_CARDS[d.doctor.id] ?? d.doctor.card?.tokenLabel) : undefined;
    if (!label || label === s.tokenLabel) return s;
    const { certificateId: _other, ...rest } = s;
    return { ...rest, tokenLabel: label };
  }

  function wrap(h: SigningHandlers): SigningHandlers {
    const signFiles: Handlers<AppContract>['signing.signFiles'] = async (input, ctx) => {
      const out = await h['signing.signFiles'](input, ctx);
      if (out.results.some((r) => r.ok)) {
        const tokenLabel = input.token?.tokenLabel ?? (await configuration()).tokenLabel;
        await o.doctors.cardSeen(out.signer, tokenLabel);
      }
      return out;
    };
    return { ...h, 'signing.signFiles': signFiles };
  }

  return { configuration, wrap };
}
