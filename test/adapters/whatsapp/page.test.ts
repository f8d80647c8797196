import { describe, expect, it } from 'vitest';
import { renderWhatsApp } from '../../../src/adapters/whatsapp/render.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { Escalator } from '../../../src/incidents/escalator.js';
import { incidentIdOf } from '../../../src/managers/window.js';
import { harness, transition } from '../../incidents/helpers.js';

const chain = [{ action: 'page' as const, after: 0, manager: 'ana' }];

/** A page as the manager reads it on WhatsApp, built by the escalator from a real incident. */
function page(locale: Locale) {
  const h = harness({ ackWithin: 300_000, escalation: chain });
  const escalator = new Escalator({
    incidents: h.incidents,
    audit: h.audit,
    outbox: h.outbox,
    clock: h.clock,
    log: silentLogger(),
    chain,
    localeFor: () => locale,
  });
  for (let i = 0; i < 13; i += 1)
    h.incidents.store.insert({
      kind: 'http/x',
      targetId: `t${i}`,
      title: 't',
      severity: 'critical',
      channelKey: 'alerts',
      openedAt: 0,
    });
  h.incidents.onTransition(transition('opened', 'uptime', 99));
  h.clock.advance(304_000);
  escalator.tick();
  const row = h.db.prepare("SELECT doc FROM outbox WHERE channel_key = 'manager:ana'").get() as {
    doc: string;
  };
  const doc = JSON.parse(row.doc);
  return { doc, lines: renderWhatsApp(doc, { locale }).join('\n') };
}

describe('WhatsApp page', () => {
  it.each([
    [
      'es-AR' as const,
      '🔴 guardia: incidente #14, Target uptime está fallando (slow). Lleva 5 min 4 s sin que nadie lo reconozca.\nRespondé *reconocer 14* para avisar que lo tomás',
    ],
    [
      'en' as const,
      '🔴 guardia: incident #14, Target uptime is failing (slow). Nobody has acknowledged it for 5 min 4 s.\nReply *ack 14* to take it',
    ],
  ])('%s: says what fails and why, for how long, and gives one reply', (locale, expected) => {
    const { doc, lines } = page(locale);
    expect(lines).toBe(expected);
    expect(lines).not.toContain('PAGE');
    expect(incidentIdOf(doc.actions)).toBe(14);
  });
});
