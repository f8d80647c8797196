import { defineCatalog } from '../../i18n/locale.js';
import { count, latencyFigures, ms, num, type PhraseTable, text } from './reasons-facts.js';
import { probeReasons } from './reasons-probe.js';

// The platform's database, third-party services and the WebSocket. A Statuspage's description
// and component names are the provider's words and stay as received.
const t = defineCatalog({
  en: {
    disconnected: 'database disconnected',
    slowQueries: '{count} slow queries running (at most {max})',
    queryTime: 'query time {time} > {max}',
    statusPage: 'status page: {description}',
    statusPageParts: 'status page: {description} ({components})',
    pingStatus: 'direct probe answered {status}',
    pingFailed: 'direct probe: {failure}',
    noEcho: 'no echo within {timeout}',
    closed: 'closed with {code} before the echo',
    closedWhy: 'closed with {code} ({why}) before the echo',
    connectFailed: 'connection failed',
    slowEcho: 'echo took {latency}, threshold {threshold}',
  },
  'es-AR': {
    disconnected: 'base de datos desconectada',
    slowQueries: '{count} consultas lentas en curso (máximo {max})',
    queryTime: 'tiempo de consulta {time} > {max}',
    statusPage: 'página de estado: {description}',
    statusPageParts: 'página de estado: {description} ({components})',
    pingStatus: 'la prueba directa respondió {status}',
    pingFailed: 'prueba directa: {failure}',
    noEcho: 'sin eco en {timeout}',
    closed: 'se cerró con {code} antes del eco',
    closedWhy: 'se cerró con {code} ({why}) antes del eco',
    connectFailed: 'no se pudo conectar',
    slowEcho: 'el eco tardó {latency}, umbral {threshold}',
  },
});

export const serviceReasons: PhraseTable = {
  DB_UNHEALTHY(locale, _r, d) {
    switch (d.because) {
      case 'disconnected':
        return t(locale, 'disconnected');
      case 'slowQueries': {
        const [running, max] = [count(locale, d.slowQueries), count(locale, d.maxSlowQueries)];
        return running && max && t(locale, 'slowQueries', { count: running, max });
      }
      case 'queryTime': {
        const [time, max] = [ms(locale, d.queryTimeMs), ms(locale, d.maxQueryTimeMs)];
        return time && max && t(locale, 'queryTime', { time, max });
      }
    }
    return undefined;
  },

  DEPENDENCY_DOWN(locale, r, d) {
    switch (d.because) {
      case 'statusPage': {
        const description = text(d.description);
        if (description === undefined) return undefined;
        const components = Array.isArray(d.components) ? d.components.map(String) : [];
        return components.length
          ? t(locale, 'statusPageParts', { description, components: components.join(', ') })
          : t(locale, 'statusPage', { description });
      }
      case 'pingStatus': {
        const status = num(d.pingStatus);
        return status === undefined ? undefined : t(locale, 'pingStatus', { status });
      }
      case 'pingFailed': {
        // The probe's own failure: the monitor keeps its code and facts beside the page's.
        const code = d.pingCode;
        const probe = code === 'PROBE_TIMEOUT' || code === 'PROBE_CONNECT' ? code : undefined;
        const failure = probe && probeReasons[probe]?.(locale, r, d);
        return failure && t(locale, 'pingFailed', { failure });
      }
    }
    return undefined;
  },

  WEBSOCKET_FAILED(locale, r, d) {
    switch (d.because) {
      case 'noEcho': {
        const timeout = ms(locale, d.timeoutMs);
        return timeout && t(locale, 'noEcho', { timeout });
      }
      case 'closed': {
        const code = num(d.closeCode);
        if (code === undefined) return undefined;
        const why = text(d.closeReason);
        return why ? t(locale, 'closedWhy', { code, why }) : t(locale, 'closed', { code });
      }
      case 'connectFailed':
        return t(locale, 'connectFailed');
      case 'slowEcho': {
        const figures = latencyFigures(locale, r, d);
        return figures && t(locale, 'slowEcho', figures);
      }
    }
    return undefined;
  },
};
