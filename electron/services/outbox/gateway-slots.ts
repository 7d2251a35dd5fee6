/**
 * A bound on the gateway calls in flight, apart from the entries being worked on: the
 * scheduler's `concurrency` is how many requests the gateway sees at once, and each entry's
 * database steps (startSend, the transition after an answer, the read before a status poll)
 * run outside a slot, so they never leave a slot idle while another entry waits to send.
 * Only the calls made for entries go through it; the health probe does not.
 */
import { AppError } from '../../../shared/errors/index.ts';
import { NETWORK_KINDS, failureOf, type OutboxGateway } from './gateway-port.ts';

/** A counting semaphore, first come first served. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await f();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next caller; freed only when nobody waits.
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * The same gateway, each entry call taking one of `slots` for its duration. A call that fails
 * at the network level (network, timeout, reset: NETWORK_KINDS) reports the gateway
 * unreachable before its slot passes on, and a call whose slot comes while the scheduler is
 * offline is not made: it fails as the unreachable gateway would (GATEWAY_UNAVAILABLE, a
 * network failure for the retry policy). So the lanes waiting behind a gateway that went away
 * send nothing, and do not each wait out a timeout before the scheduler pauses — as when there
 * were only `concurrency` lanes.
 */
export function slotted(gateway: OutboxGateway, slots: Slots, link: { online: () => boolean; unreachable: () => void } = { online: () => true, unreachable: () => undefined }): OutboxGateway {
  const run = <T>(f: () => Promise<T>): Promise<T> =>
    slots.run(async () => {
      if (!link.online()) throw new AppError('GATEWAY_UNAVAILABLE', 'Gateway unreachable: call not made while offline');
      try {
        return await f();
      } catch (e) {
        if (NETWORK_KINDS.has(failureOf(e).kind)) link.unreachable();
        throw e;
      }
    });
  return {
    validate: (a) => run(() => gateway.validate(a)),
    create: (a) => run(() => gateway.create(a)),
    replace: (a) => run(() => gateway.replace(a)),
    updateMetadata: (a) => run(() => gateway.updateMetadata(a)),
    delete: (a) => run(() => gateway.delete(a)),
    validateAndCreate: (a) => run(() => gateway.validateAndCreate(a)),
    validateAndReplace: (a) => run(() => gateway.validateAndReplace(a)),
    statusByWorkflowInstanceId: (id) => run(() => gateway.statusByWorkflowInstanceId(id)),
    statusByTraceId: (id) => run(() => gateway.statusByTraceId(id)),
    health: () => gateway.health(),
  };
}
