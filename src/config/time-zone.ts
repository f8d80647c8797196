import { z } from 'zod';

/** An IANA time zone name, checked against the zones this Node.js knows. */
export const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone (example: America/Argentina/Buenos_Aires)' },
);
