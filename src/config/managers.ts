import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { LOCALES } from '../i18n/locale.js';
import { duration } from './duration.js';
import { timeZone } from './time-zone.js';

/**
 * Normalises a phone number to E.164. Numbers without a country code are read as Argentine,
 * so the local forms people actually write (`011 15 …`, `+54 11 15 …`, `+54 9 11 …`) all
 * become the `+549…` form WhatsApp uses for Argentine mobiles.
 */
export function normalisePhone(
  text: string,
): { ok: true; e164: string } | { ok: false; why: string } {
  try {
    const parsed = parsePhoneNumberWithError(text, 'AR');
    if (!parsed.isValid()) return { ok: false, why: `"${text}" is not a valid phone number` };
    return { ok: true, e164: parsed.number };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, why: `"${text}" is not a phone number (${reason})` };
  }
}

const phone = z.string().transform((value, ctx) => {
  const result = normalisePhone(value);
  if (!result.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `${result.why}; write it with its country code, e.g. +54 9 11 5555 0123`,
    });
    return z.NEVER;
  }
  return result.e164;
});

const cron = z.string().refine((expr) => validateCron(expr), {
  message: 'not a cron expression (example: "0 9 * * 1-5" for 09:00 on weekdays)',
});

export const managerSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, dots, dashes or underscores'),
  name: z.string().min(1),
  phone,
  locale: z.enum(LOCALES).default('es-AR'),
  /** Defaults to the top-level `timezone`. */
  timeZone: timeZone.optional(),
  /** When digests are sent, in the manager's time zone; omitted means no digests. */
  digest: cron.optional(),
  /** Whether incident pages reach this manager. */
  pages: z.boolean().default(true),
});

/** Which config field fills each numbered variable of a content template. */
const templateVariable = z.enum(['title', 'summary', 'manager', 'held', 'time']);

export const templateSchema = z.strictObject({
  /** The approved Content SID (`HX…`). */
  sid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID looks like HX followed by 32 hex'),
  /** Template variable number → what fills it, e.g. `{ "1": title, "2": summary }`. */
  variables: z.record(z.string().regex(/^\d+$/, 'variable names are numbers'), templateVariable),
});

export const twilioSchema = z
  .strictObject({
    /** The WhatsApp sender, e.g. `whatsapp:+14155238886` (the sandbox) or your number. */
    from: z
      .string()
      .regex(/^whatsapp:\+\d{6,15}$/, 'write it as whatsapp:+<E.164 number>')
      .optional(),
    /** Templates used outside the 24-hour window: `page` for alerts, `digest` for the rest. */
    templates: z
      .strictObject({ page: templateSchema.optional(), digest: templateSchema.optional() })
      .default({}),
    /** Overrides https://api.twilio.com (tests and proxies). */
    apiUrl: z.url().optional(),
    /** How long after a page a manager's free text is taken as a note on that incident. */
    replyWindow: duration.default(6 * 3_600_000),
  })
  .default({ templates: {}, replyWindow: 6 * 3_600_000 });

export type ManagerConfig = z.output<typeof managerSchema>;
export type TwilioConfig = z.output<typeof twilioSchema>;
export type TemplateConfig = z.output<typeof templateSchema>;
export type TemplateVariable = z.output<typeof templateVariable>;
