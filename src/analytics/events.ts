import { z } from 'zod';
import { PROVINCE_BY_CODE } from './census.js';

/**
 * The analytics events the platform sends. Every event carries a globally unique `id` (a
 * retried batch is recognised by it), its `type`, the time it happened and the user it is
 * about. `region` may ride on any event; otherwise the user's last known province applies.
 */
const region = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => PROVINCE_BY_CODE.has(code), {
    message: 'not an ISO 3166-2:AR province code (e.g. AR-C, AR-B, AR-X)',
  });

/** BarberPro has no data before 2020; an earlier time is a unit mistake (seconds, not ms). */
export const EARLIEST_EVENT_MS = Date.UTC(2020, 0, 1);

/** Epoch milliseconds or an ISO 8601 date-time; stored as epoch milliseconds. */
const at = z
  .union(
    [z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))],
    { error: 'expected epoch milliseconds or an ISO 8601 date-time with offset' },
  )
  .refine((ms) => ms >= EARLIEST_EVENT_MS, {
    error: 'before 2020-01-01: send epoch milliseconds, not seconds',
  });

const base = {
  id: z.string().trim().min(1).max(200),
  at,
  userId: z.string().trim().min(1).max(200),
  region: region.optional(),
};

export const SHARE_CHANNELS = ['whatsapp', 'instagram', 'other'] as const;
export const PAYMENT_METHODS = ['mercadopago', 'credit', 'debit', 'cash'] as const;
/** Where a sign-up came from: a share channel, a referral, or nothing in particular. */
export const SIGNUP_SOURCES = [...SHARE_CHANNELS, 'referral', 'organic'] as const;

export const signupEvent = z.strictObject({
  ...base,
  type: z.literal('signup'),
  source: z.enum(SIGNUP_SOURCES).default('organic'),
  /** The inviting user when the sign-up followed a referral. */
  referrerId: z.string().min(1).optional(),
});

export const sessionEvent = z.strictObject({
  ...base,
  type: z.literal('session'),
  device: z.enum(['mobile', 'tablet', 'desktop']),
  os: z.enum(['android', 'ios', 'windows', 'macos', 'linux', 'other']),
  browser: z.string().trim().toLowerCase().min(1).max(40).default('other'),
});

export const languageEvent = z.strictObject({
  ...base,
  type: z.literal('language'),
  /** BCP 47 tag as the app reports it (`es-AR`, `en`). */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a BCP 47 language tag'),
});

export const regionEvent = z.strictObject({
  ...base,
  type: z.literal('region'),
  region,
});

export const bookingEvent = z.strictObject({
  ...base,
  type: z.literal('booking'),
  status: z.enum(['confirmed', 'cancelled', 'failed']).default('confirmed'),
});

export const paymentEvent = z.strictObject({
  ...base,
  type: z.literal('payment'),
  method: z.enum(PAYMENT_METHODS),
  installments: z.number().int().min(1).max(48).default(1),
  status: z.enum(['approved', 'rejected']).default('approved'),
  amountArs: z.number().nonnegative().optional(),
});

export const shareEvent = z.strictObject({
  ...base,
  type: z.literal('share'),
  channel: z.enum(SHARE_CHANNELS),
});

/** An invitation sent by `userId`; it converts when a sign-up names them as `referrerId`. */
export const referralEvent = z.strictObject({
  ...base,
  type: z.literal('referral'),
  channel: z.enum(SHARE_CHANNELS).default('other'),
});

/** Use of a product feature (`calendar`, `haircut-gallery`): feeds template readiness. */
export const featureEvent = z.strictObject({
  ...base,
  type: z.literal('feature'),
  feature: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'feature names are lowercase words'),
});

export const analyticsEvent = z.discriminatedUnion('type', [
  signupEvent,
  sessionEvent,
  languageEvent,
  regionEvent,
  bookingEvent,
  paymentEvent,
  shareEvent,
  referralEvent,
  featureEvent,
]);

export type AnalyticsEvent = z.output<typeof analyticsEvent>;
export type AnalyticsEventInput = z.input<typeof analyticsEvent>;
export type EventType = AnalyticsEvent['type'];
export const EVENT_TYPES: readonly EventType[] = analyticsEvent.options.map(
  (o) => o.shape.type.value,
);

/** One line of the error report: `path: message` for each problem zod found. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
