import { z } from 'zod';
import { duration } from '../config/duration.js';
import { stepSchema } from './steps/index.js';

const bilingual = z.strictObject({ en: z.string().min(1), 'es-AR': z.string().min(1) });
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const paramSchema = z
  .strictObject({
    type: z.enum(['string', 'number', 'boolean']).default('string'),
    description: bilingual.optional(),
    default: scalar.optional(),
    required: z.boolean().default(false),
    /** For strings: a regular expression the whole value must match. */
    pattern: z.string().optional(),
    /** The only values accepted. */
    enum: z.array(scalar).min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.pattern === undefined) return;
    try {
      new RegExp(p.pattern);
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: 'not a valid regular expression',
      });
    }
  });

/** Which incidents a runbook fits: kinds (`http/probe_slow`) and targets, ids or globs. */
const matchSchema = z.strictObject({
  kinds: z.array(z.string().min(1)).default([]),
  targets: z.array(z.string().min(1)).default([]),
});

export const runbookSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  title: bilingual,
  description: bilingual,
  params: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), paramSchema).default({}),
  steps: z.array(stepSchema).min(1),
  /** Who may run it: user ids (`U…`, `console`), and group names from `runbooks.groups` or Slack group ids. */
  allowed: z.strictObject({
    users: z.array(z.string().min(1)).default([]),
    groups: z.array(z.string().min(1)).default([]),
  }),
  /** Changes something outside guardia; such runbooks are audited and may ask to confirm. */
  sideEffects: z.boolean().default(true),
  confirm: z.boolean().default(true),
  cooldown: duration.default(0),
  suggestFor: matchSchema.optional(),
  /** Incidents this runbook may run for without a person, when `incidents.autoRemediate` allows. */
  autoFor: matchSchema.optional(),
});

export type Runbook = z.output<typeof runbookSchema>;
export type RunbookParam = z.output<typeof paramSchema>;
export type RunbookMatch = z.output<typeof matchSchema>;
