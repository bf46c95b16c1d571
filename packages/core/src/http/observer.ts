import { fail } from '../errors/invalid.js';
import { isObject } from '../internal/is-object.js';
import type { FlareEvent, FlareHooks } from '../types/observability.js';

/** Reports one step of a call to the client's hooks. */
export type Observe = (event: FlareEvent) => void;

/**
 * Checks `hooks`, then makes the client's `Observe`, which calls the event's hook (`retry` →
 * `onRetry`). A hook is user code: one that throws never breaks the call it watches; its error
 * goes to `console.error`, so the bug is not hidden either.
 */
export function observer(hooks: FlareHooks): Observe {
  if (!isObject(hooks)) fail('hooks must be an object like { onRetry(event) {} }');
  return (event) => {
    const { type } = event;
    try {
      (hooks as FlareHooks)[`on${type[0]!.toUpperCase()}${type.slice(1)}` as 'onRequest']?.(event);
    } catch (error) {
      console.error('flare: a hook threw', error);
    }
  };
}
