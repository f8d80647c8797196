import type { ChatAdapter, DeliveryOutcome, OutgoingMessage } from '../../src/adapters/types.js';

/**
 * A chat adapter whose next outcomes the test scripts; every attempt and every message it
 * accepted are recorded, so a test can check nothing was lost or sent twice.
 */
export class ScriptedAdapter implements ChatAdapter {
  readonly name = 'scripted';
  readonly attempts: OutgoingMessage[] = [];
  readonly sent: OutgoingMessage[] = [];
  readonly #script = new Map<string, DeliveryOutcome[]>();
  #seq = 0;

  /** Queues outcomes for the next attempts on `destination` (then it succeeds). */
  script(destination: string, ...outcomes: DeliveryOutcome[]): void {
    this.#script.set(destination, [...(this.#script.get(destination) ?? []), ...outcomes]);
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    this.attempts.push(message);
    const scripted = this.#script.get(message.destination)?.shift();
    if (scripted) return scripted;
    this.sent.push(message);
    this.#seq += 1;
    const ref = message.op === 'update' && message.ref ? message.ref : undefined;
    return { status: 'sent', ref: ref ?? { channel: message.destination, id: String(this.#seq) } };
  }

  /** The fallback texts delivered to `destination`, in delivery order. */
  texts(destination: string): string[] {
    return this.sent.filter((m) => m.destination === destination).map((m) => m.doc.text);
  }
}
