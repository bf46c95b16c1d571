import { checkFault, type Fault, faultMatches, type InjectedFault } from './fault.js';

class Injected implements InjectedFault {
  readonly fault: Readonly<Fault>;
  hits = 0;
  remaining: number;

  constructor(fault: Fault) {
    this.fault = Object.freeze({ ...fault });
    this.remaining = fault.times ?? 1;
  }

  cancel(): void {
    this.remaining = 0;
  }
}

/** The injected faults, first in first applied; each request consumes at most one. */
export class FaultRegistry {
  #faults: Injected[] = [];

  inject(fault: Fault): InjectedFault {
    checkFault(fault);
    const injected = new Injected(fault);
    this.#faults.push(injected);
    return injected;
  }

  /** The faults still waiting for requests, first applied first. */
  get active(): readonly InjectedFault[] {
    return this.#faults.filter((f) => f.remaining > 0);
  }

  /** The fault for this request, if any, counted as applied. */
  take(method: string, path: string): Fault | undefined {
    if (this.#faults.length === 0) return undefined;
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    const hit = this.#faults.find((f) => faultMatches(f.fault, method, path));
    if (!hit) return undefined;
    hit.hits++;
    hit.remaining--;
    return hit.fault;
  }

  clear(): void {
    for (const f of this.#faults) f.cancel();
    this.#faults = [];
  }
}
