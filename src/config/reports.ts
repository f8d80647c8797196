import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { duration } from './duration.js';

const share = z.number().min(0).max(1);

/** Knobs of the simulated event stream; each is a probability (0..1). */
export const eventMixSchema = z.strictObject({
  /** Sessions on a phone (the rest split between desktop and tablet). */
  mobileShare: share.default(0.82),
  /** Android among phone and tablet sessions (the rest iOS). */
  androidShare: share.default(0.78),
  mercadopagoShare: share.default(0.62),
  /** Paid by card, paid in installments (cuotas). */
  installmentsShare: share.default(0.45),
  /** Cash among the payments that are not MercadoPago. */
  cashShare: share.default(0.15),
  whatsappShare: share.default(0.7),
  instagramShare: share.default(0.2),
  spanishShare: share.default(0.96),
  /** Sign-ups that follow a referral. */
  referralShare: share.default(0.18),
  paymentSuccess: share.default(0.993),
  /** Feature use on vertical-agnostic features (calendar, payments, reminders...). */
  genericFeatureShare: share.default(0.75),
  /** Multiplies a province's census weight, e.g. `{ AR-X: 2 }` to simulate a Córdoba push. */
  regionBoost: z.record(z.string(), z.number().min(0)).default({}),
});
export type EventMix = z.output<typeof eventMixSchema>;

export const analyticsSchema = z
  .strictObject({
    /** Environment variable holding the bearer token of POST /v1/events; unset refuses all. */
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .default('GUARDIA_INGEST_TOKEN'),
    /** Feeds generated events into the store while the bundled simulator runs. */
    simulate: z
      .strictObject({
        enabled: z.boolean().default(true),
        every: duration.default(5_000),
        /** Events per batch. */
        batch: z.number().int().min(1).max(100_000).default(60),
        seed: z.number().int().optional(),
        mix: eventMixSchema.default(eventMixSchema.parse({})),
      })
      .default({ enabled: true, every: 5_000, batch: 60, mix: eventMixSchema.parse({}) }),
  })
  .default({
    tokenEnv: 'GUARDIA_INGEST_TOKEN',
    simulate: { enabled: true, every: 5_000, batch: 60, mix: eventMixSchema.parse({}) },
  });

const condition = z
  .strictObject({
    /**
     * `infrastructure`, `market`, `template`, `adoption` (0..100), `signups`, `growth`,
     * `paymentSuccess` (percent), or `region:AR-X` (percent of sign-ups in that province).
     */
    metric: z.string().regex(/^(\w+|region:AR-[A-Z])$/),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'set min or max' });

const rule = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.strictObject({ en: z.string().min(1), 'es-AR': z.string().min(1) }),
  when: z.array(condition).min(1),
});
export type RecommendationRule = z.output<typeof rule>;

export const DEFAULT_RULES: RecommendationRule[] = [
  {
    id: 'scale-1000',
    title: { en: 'Scale to 1,000+ users', 'es-AR': 'Escalar a más de 1.000 usuarios' },
    when: [
      { metric: 'infrastructure', min: 80 },
      { metric: 'paymentSuccess', min: 98 },
      { metric: 'market', min: 60 },
    ],
  },
  {
    id: 'psychology-vertical',
    title: { en: 'Start the psychology vertical', 'es-AR': 'Empezar la vertical de psicología' },
    when: [
      { metric: 'template', min: 70 },
      { metric: 'infrastructure', min: 70 },
    ],
  },
  {
    id: 'cordoba-rosario',
    title: { en: 'Expand to Córdoba and Rosario', 'es-AR': 'Expandirse a Córdoba y Rosario' },
    when: [
      { metric: 'adoption', min: 60 },
      { metric: 'region:AR-X', min: 5 },
      { metric: 'region:AR-S', min: 5 },
    ],
  },
];

const REPORT_DEFAULTS = {
  window: 30 * 86_400_000,
  minSample: 30,
  growthPeriod: 7 * 86_400_000,
  infraWindow: 86_400_000,
  ackTarget: 15 * 60_000,
  recoveryTarget: 30 * 60_000,
  genericFeatures: ['booking', 'calendar', 'payments', 'reminders', 'profile', 'reviews'],
  rules: DEFAULT_RULES,
  exec: { channel: 'exec', schedule: '*/30 * * * *', firstAfter: 60_000 },
};

export const reportsSchema = z
  .strictObject({
    /** Default time window of the market report and the adoption score. */
    window: duration.default(REPORT_DEFAULTS.window),
    /** Below this many events a factor or share says "not enough data". */
    minSample: z.number().int().min(1).default(REPORT_DEFAULTS.minSample),
    /** Growth compares sign-ups in the last period with the one before. */
    growthPeriod: duration.default(REPORT_DEFAULTS.growthPeriod),
    /** Monitors' and incidents' history the infrastructure score looks at. */
    infraWindow: duration.default(REPORT_DEFAULTS.infraWindow),
    ackTarget: duration.default(REPORT_DEFAULTS.ackTarget),
    recoveryTarget: duration.default(REPORT_DEFAULTS.recoveryTarget),
    /** Features any booking vertical uses; the rest count as barbershop-specific. */
    genericFeatures: z.array(z.string().min(1)).default(REPORT_DEFAULTS.genericFeatures),
    rules: z.array(rule).default(REPORT_DEFAULTS.rules),
    /** Where and when the readiness report is posted; `enabled: false` turns it off. */
    exec: z
      .strictObject({
        enabled: z.boolean().default(true),
        channel: z.string().default('exec'),
        schedule: z
          .string()
          .refine((expr) => validCron(expr), {
            message: 'not a cron expression (e.g. */30 * * * *)',
          })
          .default(REPORT_DEFAULTS.exec.schedule),
        /** A first report this long after start, then on the schedule. */
        firstAfter: duration.default(REPORT_DEFAULTS.exec.firstAfter),
      })
      .default({ enabled: true, ...REPORT_DEFAULTS.exec }),
    /** Where chart PNGs are written; defaults to `charts/` next to the database. */
    chartDir: z.string().min(1).optional(),
  })
  .default({ ...REPORT_DEFAULTS, exec: { enabled: true, ...REPORT_DEFAULTS.exec } });

export type AnalyticsConfig = z.output<typeof analyticsSchema>;
export type ReportsConfig = z.output<typeof reportsSchema>;
