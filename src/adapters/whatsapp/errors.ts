/**
 * Twilio error codes that mean this manager cannot be reached until a person acts: the
 * recipient opted out, blocked the sender, or the number is not on WhatsApp. Each comes with
 * what to do; docs/whatsapp.md explains them.
 */
export const RECIPIENT_ERRORS: Readonly<Record<number, string>> = {
  21211: 'invalid To number; check managers[].phone',
  21610: 'the recipient opted out (STOP at Twilio); they must opt in again',
  21614: 'the To number is not a mobile number',
  63003: 'the number is not a WhatsApp user or is inactive',
  63014: 'the recipient blocked the sender on WhatsApp',
  63024: 'invalid message recipient (not a WhatsApp number)',
};

/** Twilio-side throttling: retried later. */
export const THROTTLED = new Set([20429, 63018]);

/** Outside the 24-hour window: the window record was wrong; the message is planned again. */
export const OUTSIDE_WINDOW = 63016;
