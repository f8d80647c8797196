import { z } from 'zod';

/** A fraction in config: `98%`, `99.5 %` or a number 0..1. */
export const ratio = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed =
    typeof value === 'number'
      ? value
      : /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)
        ? percent(value)
        : NaN;
  if (Number.isNaN(parsed) || parsed < 0 || parsed > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a ratio; write it like 98% or 0.98`,
    });
    return z.NEVER;
  }
  return parsed;
});

function percent(text: string): number {
  return Number(text.replace('%', '').trim()) / 100;
}
