import { CENSUS_SOURCE, PROVINCE_BY_CODE } from '../analytics/census.js';
import type { DocBlock, MessageDoc } from '../bot/messages/doc.js';
import { formatNumber, formatPercent, formatTime } from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { Factor } from './adoption.js';
import type { MarketReport } from './market.js';
import type { Ratio } from './ratio.js';

const t = defineCatalog({
  en: {
    title: 'Market · {where}',
    all: 'Argentina',
    score: '*Cultural adoption score: {score}/100*',
    scoreNone: '*Cultural adoption score: not enough data* (each factor needs {min} events)',
    factor: '{name} ({weight})',
    factorValue: '{value} → {score} × {weight} = {contribution} · n={n}',
    factorNone: 'not enough data · n={n} (needs {min})',
    whatsapp: 'WhatsApp sharing',
    mobile: 'Mobile use',
    mercadopago: 'MercadoPago adoption',
    spanish: 'Spanish-language use',
    regional: 'Spread beyond Buenos Aires',
    referral: 'Referral adoption',
    payments:
      '*Payments* (n={n}): MercadoPago {mp} · credit {credit} · debit {debit} · cash {cash}\nIn ' +
      'installments {inst} · debit among cards {dvc} · approved {ok}',
    devices: '*Devices* (n={n} sessions): mobile {mobile} · Android {android} / iOS {ios}',
    regions: '*Sign-ups by province* ({n}; per 100,000 inhabitants)',
    region: '{name}: {n} ({share}) · {per100k}',
    ba: 'Buenos Aires city + province {ba} · rest of the country {rest}',
    sharing: '*Sharing → sign-ups* (shares followed by a sign-up naming the sharer): {lines}',
    channel: '{channel} {converted}/{shares} ({conv}; {signups} sign-ups name it)',
    referrals: '*Referrals*: {invitations} invitations → {signups} sign-ups ({conv})',
    context: 'Window {from} – {to} · {events} events · population: {census}',
    nodata: 'not enough data',
    chart: 'Sign-ups by province and payment methods',
  },
  'es-AR': {
    title: 'Mercado · {where}',
    all: 'Argentina',
    score: '*Puntaje de adopción cultural: {score}/100*',
    scoreNone:
      '*Puntaje de adopción cultural: sin datos suficientes* (cada factor necesita {min} eventos)',
    factor: '{name} ({weight})',
    factorValue: '{value} → {score} × {weight} = {contribution} · n={n}',
    factorNone: 'sin datos suficientes · n={n} (mínimo {min})',
    whatsapp: 'Compartir por WhatsApp',
    mobile: 'Uso móvil',
    mercadopago: 'Adopción de MercadoPago',
    spanish: 'Uso en castellano',
    regional: 'Alcance fuera de Buenos Aires',
    referral: 'Uso de referidos',
    payments:
      '*Pagos* (n={n}): MercadoPago {mp} · crédito {credit} · débito {debit} · efectivo ' +
      '{cash}\nEn cuotas {inst} · débito entre tarjetas {dvc} · aprobados {ok}',
    devices: '*Dispositivos* (n={n} sesiones): móvil {mobile} · Android {android} / iOS {ios}',
    regions: '*Altas por provincia* ({n}; cada 100.000 habitantes)',
    region: '{name}: {n} ({share}) · {per100k}',
    ba: 'CABA + provincia de Buenos Aires {ba} · resto del país {rest}',
    sharing:
      '*Compartidos → altas* (compartidos seguidos de un alta que nombra a quien compartió): {lines}',
    channel: '{channel} {converted}/{shares} ({conv}; {signups} altas lo nombran)',
    referrals: '*Referidos*: {invitations} invitaciones → {signups} altas ({conv})',
    context: 'Ventana {from} – {to} · {events} eventos · población: {census}',
    nodata: 'sin datos suficientes',
    chart: 'Altas por provincia y medios de pago',
  },
});

export interface DocExtras {
  timeZone: string;
  /** A chart PNG already rendered for this report. */
  chartPath?: string;
}

/** A share as a percent, or "not enough data" below the minimum sample. */
export function pct(locale: Locale, r: Ratio): string {
  return r.enough && r.value !== null ? formatPercent(locale, r.value) : t(locale, 'nodata');
}

function factorField(locale: Locale, f: Factor, min: number) {
  const name = t(locale, f.id);
  const weight = formatPercent(locale, f.weight, 0);
  const value =
    f.score === null || f.contribution === null || f.ratio.value === null
      ? t(locale, 'factorNone', { n: f.ratio.total, min })
      : t(locale, 'factorValue', {
          value: formatPercent(locale, f.ratio.value),
          score: formatNumber(locale, f.score),
          weight: formatNumber(locale, f.weight, 2),
          contribution: formatNumber(locale, f.contribution),
          n: f.ratio.total,
        });
  return { label: t(locale, 'factor', { name, weight }), value };
}

export function marketDoc(locale: Locale, report: MarketReport, extras: DocExtras): MessageDoc {
  const province = report.filter.province && PROVINCE_BY_CODE.get(report.filter.province);
  const title = t(locale, 'title', { where: province ? province.name : t(locale, 'all') });
  const a = report.adoption;
  const scoreLine =
    a.score === null
      ? t(locale, 'scoreNone', { min: report.minSample })
      : t(locale, 'score', { score: formatNumber(locale, a.score) });
  const blocks: DocBlock[] = [
    { type: 'header', text: title },
    { type: 'section', text: scoreLine },
    { type: 'fields', fields: a.factors.map((f) => factorField(locale, f, report.minSample)) },
    { type: 'divider' },
    { type: 'section', text: paymentsLine(locale, report) },
    { type: 'section', text: devicesLine(locale, report) },
    { type: 'section', text: regionsText(locale, report) },
    { type: 'section', text: sharingText(locale, report) },
  ];
  if (extras.chartPath) {
    blocks.push({ type: 'image', path: extras.chartPath, alt: t(locale, 'chart') });
  }
  const time = (ms: number) => formatTime(locale, extras.timeZone, ms);
  blocks.push({
    type: 'context',
    text: t(locale, 'context', {
      from: time(report.filter.window.from),
      to: time(report.filter.window.to),
      events: formatNumber(locale, report.events),
      census: CENSUS_SOURCE,
    }),
  });
  const tone = a.score === null ? 'info' : a.score >= 60 ? 'ok' : 'warning';
  return { text: `${title}: ${scoreLine.replace(/\*/g, '')}`, tone, blocks };
}

function paymentsLine(locale: Locale, r: MarketReport): string {
  const m = (method: string) => {
    const found = r.payments.methods.find((x) => x.method === method);
    return found ? pct(locale, found.ratio) : t(locale, 'nodata');
  };
  return t(locale, 'payments', {
    n: r.payments.total,
    mp: m('mercadopago'),
    credit: m('credit'),
    debit: m('debit'),
    cash: m('cash'),
    inst: pct(locale, r.payments.installments),
    dvc: pct(locale, r.payments.debitVsCredit),
    ok: pct(locale, r.payments.success),
  });
}

function devicesLine(locale: Locale, r: MarketReport): string {
  return t(locale, 'devices', {
    n: r.devices.sessions,
    mobile: pct(locale, r.devices.mobile),
    android: pct(locale, r.devices.android),
    ios: pct(locale, r.devices.ios),
  });
}

function regionsText(locale: Locale, r: MarketReport): string {
  const lines = [t(locale, 'regions', { n: r.signups })];
  for (const p of r.provinces.filter((x) => x.signups > 0).slice(0, 6)) {
    lines.push(
      t(locale, 'region', {
        name: p.name,
        n: p.signups,
        share: p.share === null ? '–' : formatPercent(locale, p.share),
        per100k: formatNumber(locale, p.per100k, 2),
      }),
    );
  }
  if (!r.filter.province) {
    const ba = r.buenosAires;
    const rest = { ...ba, value: ba.value === null ? null : 1 - ba.value };
    lines.push(t(locale, 'ba', { ba: pct(locale, ba), rest: pct(locale, rest) }));
  }
  return lines.join('\n');
}

function sharingText(locale: Locale, r: MarketReport): string {
  const conv = (x: number | null) => (x === null ? '–' : formatPercent(locale, x));
  const lines = r.sharing.map((c) =>
    t(locale, 'channel', {
      channel: c.channel,
      signups: c.signups,
      converted: c.converted,
      shares: c.shares,
      conv: conv(c.conversion),
    }),
  );
  return [
    t(locale, 'sharing', { lines: lines.join(' · ') }),
    t(locale, 'referrals', {
      invitations: r.referrals.invitations,
      signups: r.referrals.referredSignups,
      conv: conv(r.referrals.conversion),
    }),
  ].join('\n');
}
