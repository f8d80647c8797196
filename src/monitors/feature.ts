import type { Feature } from '../features.js';
import { buildBusinessMonitors } from './build-business.js';

/** Business rates, database health, dependencies, WebSocket and uptime monitors. */
export function businessMonitorsFeature(): Feature {
  return {
    name: 'business-monitors',
    monitors: (ctx) => buildBusinessMonitors(ctx),
  };
}
