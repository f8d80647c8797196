import type { CommandReply, CommandRequest, CommandRouter } from '../../../src/bot/router.js';

/**
 * A router that records requests and answers with `reply`. Set `hold()` to keep dispatches
 * pending until `release()`, which shows an adapter acknowledged before the command finished.
 */
export class FakeRouter implements CommandRouter {
  readonly requests: CommandRequest[] = [];
  reply: (request: CommandRequest) => CommandReply = (request) => ({
    doc: {
      text: `ok: ${request.text}`,
      blocks: [{ type: 'section', text: `ok: ${request.text}` }],
    },
    visibility: 'ephemeral',
  });
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  #arrivals: Array<(request: CommandRequest) => void> = [];

  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  /** Resolves with the next request dispatched (or the first one, if already there). */
  nextRequest(index = this.requests.length): Promise<CommandRequest> {
    const seen = this.requests[index];
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#arrivals.push(resolve));
  }

  async dispatch(request: CommandRequest): Promise<CommandReply> {
    this.requests.push(request);
    for (const arrive of this.#arrivals.splice(0)) arrive(request);
    await this.#gate;
    return this.reply(request);
  }

  commands() {
    return [];
  }
}
