import { analyticsFeature } from './analytics/feature.js';
import type { Feature } from './features.js';
import { incidentsFeature } from './incidents/feature.js';
import { whatsappFeature } from './managers/feature.js';
import { businessMonitorsFeature } from './monitors/feature.js';
import { reportsFeature } from './reports/feature.js';
import { runbooksFeature } from './runbooks/feature.js';
import { summariesFeature } from './summaries/feature.js';

/**
 * Every optional part of guardia, in start order. Each entry builds a fresh feature for one
 * app instance; the app starts them in this order and stops them in reverse.
 */
export const FEATURES: ReadonlyArray<() => Feature> = [
  businessMonitorsFeature,
  summariesFeature,
  whatsappFeature,
  incidentsFeature,
  runbooksFeature,
  analyticsFeature,
  reportsFeature,
];
