import { DomainError } from './errors.js';

/**
 * Whether this node takes new work. SIGTERM drains it: `/api/ready` answers 503 (so the proxy stops
 * sending it anything), new requests, sockets and documents are refused with UNAVAILABLE, and the
 * node finishes what it was doing before it stops.
 */
export class NodeState {
  #draining = false;

  constructor(readonly name: string) {}

  get draining(): boolean {
    return this.#draining;
  }

  drain(): void {
    this.#draining = true;
  }

  /** Throws UNAVAILABLE while the node drains. */
  refuseWhileDraining(): void {
    if (this.#draining) throw new DomainError('UNAVAILABLE', 'This server is restarting; try again in a moment');
  }
}
