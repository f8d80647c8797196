import type { Dispatcher } from 'undici';

/**
 * Wraps a dispatcher so that `onSent` runs when a request is handed to a connected socket:
 * undici starts a handler (`onRequestStart`, formerly `onConnect`) right before it writes the
 * request, after any wait for
 * a free connection and after the TCP (and TLS) handshake of a new one. Timing from there
 * measures the request alone, whatever the connection pool had to do first.
 */
export function withSendTimer(dispatcher: Dispatcher, onSent: () => void): Dispatcher {
  return dispatcher.compose(
    (dispatch) => (opts, handler) => dispatch(opts, notifying(handler, onSent)),
  );
}

type Handler = Dispatcher.DispatchHandler;

function notifying(handler: Handler, onSent: () => void): Handler {
  return new Proxy(handler, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      // Interceptors see the handler in undici's newer shape (`onRequestStart`); older
      // dispatch paths call `onConnect`. Both mean "about to be written on a socket".
      if ((prop === 'onRequestStart' || prop === 'onConnect') && typeof value === 'function') {
        return (...args: unknown[]) => {
          onSent();
          return value.apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
