import { z } from 'zod';
import { duration } from './duration.js';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write a local time as HH:MM, e.g. 03:30');
const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d$/,
    'write a local date and time as YYYY-MM-DD HH:MM',
  );
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * A maintenance window, in the configured time zone: one-off (`start`..`end`) or recurring
 * (`days` at `from`..`to`; `to` before `from` crosses midnight). `targets` are ids or globs.
 */
export const maintenanceSchema = z
  .strictObject({
    name: z.string().min(1),
    targets: z.array(z.string().min(1)).min(1).default(['*']),
    start: localDateTime.optional(),
    end: localDateTime.optional(),
    days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
    from: clockTime.optional(),
    to: clockTime.optional(),
  })
  .superRefine((w, ctx) => {
    const oneOff = w.start !== undefined || w.end !== undefined;
    const recurring = w.from !== undefined || w.to !== undefined || w.days !== undefined;
    if (oneOff === recurring) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either start and end (one-off) or from and to with optional days',
      });
    } else if (oneOff && (w.start === undefined || w.end === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a one-off window needs both start and end' });
    } else if (recurring && (w.from === undefined || w.to === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a recurring window needs both from and to' });
    }
  });

const after = duration.default(0);
/** How the group or person reads in messages and on the console, where Slack ids mean nothing. */
const name = z.string().trim().min(1).max(80).optional();

/** One step of the escalation chain; `after` counts from the moment the ack SLA is missed. */
export const escalationStepSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('mention'),
    after,
    /** A Slack user group as `subteam^S0123` (or a user id `U0123`). */
    group: z.string().min(1),
    name,
  }),
  z.strictObject({
    action: z.literal('dm'),
    after,
    user: z.string().regex(/^[UW][A-Z0-9]+$/),
    name,
  }),
  z.strictObject({ action: z.literal('page'), after, manager: z.string().min(1) }),
]);

export const incidentsConfigSchema = z.strictObject({
  /** Off: alerts are announced as plain alerts, as before incidents existed. */
  enabled: z.boolean().default(true),
  /** The response SLA: an incident not acknowledged within this escalates. */
  ackWithin: duration.default(15 * 60_000),
  escalation: z.array(escalationStepSchema).default([]),
  /** `target: [targets it depends on]`; alerts of connected targets fold into one incident. */
  dependsOn: z.record(z.string(), z.array(z.string().min(1))).default({}),
  maintenance: z.array(maintenanceSchema).default([]),
  autoRemediate: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** Runbook attempts per incident before it is escalated to people instead. */
      maxAttempts: z.number().int().min(1).max(10).default(2),
    })
    .default({ enabled: false, maxAttempts: 2 }),
  /** How long after a runbook finishes its monitor may take to recover before the verdict. */
  verdictWithin: duration.default(3 * 60_000),
  /** How often due escalations, verdicts and automatic remediations are looked for. */
  checkEvery: duration.default(5_000),
});

export const runbooksConfigSchema = z.strictObject({
  /** Folder of runbook YAML files, relative to the working directory. */
  dir: z.string().min(1).default('runbooks'),
  /** How long a pending confirmation stays valid. */
  confirmTtl: duration.default(5 * 60_000),
  /** Named groups for runbook `allowed.groups`: user ids (`U…`, `console`) or Slack group ids. */
  groups: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

export type IncidentsConfig = z.output<typeof incidentsConfigSchema>;
export type RunbooksConfig = z.output<typeof runbooksConfigSchema>;
export type EscalationStep = z.output<typeof escalationStepSchema>;
export type MaintenanceWindow = z.output<typeof maintenanceSchema>;
