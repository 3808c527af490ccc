import type { RoundtableLogger } from "./logger.ts";

/**
 * The request's logger (every line carries its request id), made when the request first
 * logs something. Most requests never do, and `log.child` serialises and redacts its
 * bindings up front: a twenty-fifth of the CPU of an answer served from the response cache.
 * A proxy rather than a getter because yoga copies the context with Object.assign, which
 * would call a getter at once.
 */
export function requestLogger(log: RoundtableLogger, requestId: string): RoundtableLogger {
  let child: RoundtableLogger | undefined;
  const made = () => {
    child ??= log.child({ requestId });
    return child;
  };
  return new Proxy(log, {
    get(_, property) {
      const target = made();
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set(_, property, value) {
      return Reflect.set(made(), property, value);
    },
  });
}
