import { describe, expect, it } from 'vitest';
import { Router } from '../../src/bot/router.js';
import { silentLogger } from '../../src/core/logger.js';
import { incidentCommands, MAX_NOTE_CHARS } from '../../src/incidents/commands.js';
import { harness, transition } from './helpers.js';

function setup() {
  const h = harness();
  const router = new Router(silentLogger());
  for (const spec of incidentCommands({
    incidents: h.incidents,
    clock: h.clock,
    timeZone: 'UTC',
    knownTargets: () => ['api-health', 'api-payments', 'payments-success'],
  })) {
    router.register(spec);
  }
  h.incidents.onTransition(transition('opened', 'api-health', 1));
  const say = async (text: string) =>
    (
      await router.dispatch({
        text,
        caller: { id: 'console', groups: [], adapter: 'console' },
        locale: 'es-AR',
      })
    ).doc.text;
  const notes = () =>
    h.incidents
      .events(1)
      .filter((e) => e.type === 'note')
      .map((e) => e.detail.text);
  return { ...h, say, notes };
}

describe('incident commands', () => {
  it('says an incident that resolved by itself is over, not that someone acknowledged it', async () => {
    const s = setup();
    s.incidents.onTransition(transition('resolved', 'api-health', 1));
    expect(await s.say('ack 1')).toBe('El incidente #1 ya estaba resuelto.');
  });

  it.each(['1e3', '0x1', '1.0', '-1', '0', '#', '1 2'])(
    'takes only digits as an incident id: %s',
    async (id) => {
      const s = setup();
      expect(await s.say(`ack ${id}`)).toMatch(/^⚠️ Uso: ack ID/);
    },
  );

  it('lifts a silence by the target it was set on, and says which ones run otherwise', async () => {
    const s = setup();
    expect(await s.say('silence api-* 2h extra')).toMatch(/^⚠️ Uso: silence/);
    await s.say('silence api-* 2h');
    expect(await s.say('unsilence api-health')).toContain(
      'No hay un silencio activo sobre "api-health". Activos: api-',
    );
    expect(await s.say('unsilence api-*')).toContain('Se levantó el silencio de api-');
    expect(s.incidents.silences()).toEqual([]);
    expect(s.audit.latest()[0]).toMatchObject({ action: 'unsilence', result: 'ok' });
  });

  it('stores a note exactly as typed after the id', async () => {
    const s = setup();
    const typed = `reinicié el gateway 🚀 "con comillas" y 'simples'  ñandú`;
    expect(await s.say(`note 1 ${typed}`)).toContain('Nota agregada al incidente #1');
    expect(s.notes()).toEqual([typed]);
  });

  it('refuses a note over the limit, naming it, and stores nothing', async () => {
    const s = setup();
    const reply = await s.say(`note 1 ${'x'.repeat(3000)}`);
    expect(reply).toContain('3000 caracteres');
    expect(reply).toContain(`el límite es ${MAX_NOTE_CHARS}`);
    expect(s.notes()).toEqual([]);
  });

  it.each([
    ['nope', false],
    ['zzz-*', false],
    ['api-health', true],
    ['payments-*', true],
  ])('silence %s: accepted only when it matches a monitor (%s)', async (target, ok) => {
    const s = setup();
    const reply = await s.say(`silence ${target} 30m`);
    if (ok) expect(reply).toContain('silenciados hasta');
    else expect(reply).toContain(`Ningún monitor coincide con "${target.replace('*', '')}`);
    if (!ok) expect(reply).toContain('api-health, api-payments, payments-success');
    expect(s.incidents.store.activeSilences(s.clock.now())).toHaveLength(ok ? 1 : 0);
  });
});
