import type { Locale } from '../i18n/locale.js';
import type { ChartOptions } from './chart.js';
import type { MarketReport } from './market.js';
import type { ReadinessReport } from './readiness.js';

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2'];
const METHOD_LABEL: Record<string, string> = {
  mercadopago: 'MercadoPago',
  credit: 'Crédito / Credit',
  debit: 'Débito / Debit',
  cash: 'Efectivo / Cash',
};

/** Sign-ups by province (top ten) beside the payment method mix. */
export function marketChart(locale: Locale, report: MarketReport): ChartOptions {
  const top = report.provinces
    .filter((p) => p.signups > 0)
    .slice(0, 10)
    .reverse();
  const en = locale === 'en';
  return {
    width: 960,
    height: 420,
    option: {
      color: PALETTE,
      textStyle: { fontFamily: 'DejaVu Sans' },
      title: [
        { text: en ? 'Sign-ups by province' : 'Altas por provincia', left: '2%', top: 8 },
        { text: en ? 'Payment methods' : 'Medios de pago', left: '62%', top: 8 },
      ],
      grid: { left: '2%', right: '45%', top: 50, bottom: 20, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((p) => p.name) },
      series: [
        {
          type: 'bar',
          data: top.map((p) => p.signups),
          label: { show: true, position: 'right' },
        },
        {
          type: 'pie',
          center: ['75%', '56%'],
          radius: ['26%', '50%'],
          label: { formatter: '{b}\n{d}%' },
          data: report.payments.methods.map((m) => ({
            name: METHOD_LABEL[m.method] ?? m.method,
            value: m.ratio.part,
          })),
        },
      ],
    },
  };
}

/** The three readiness scores as bars on a 0–100 axis. */
export function readinessChart(locale: Locale, report: ReadinessReport): ChartOptions {
  const en = locale === 'en';
  const names = en
    ? ['Infrastructure', 'Market', 'Template']
    : ['Infraestructura', 'Mercado', 'Plantilla'];
  const scores = [report.infrastructure, report.market, report.template].map((s) => s.score);
  return {
    width: 720,
    height: 320,
    option: {
      color: PALETTE,
      textStyle: { fontFamily: 'DejaVu Sans' },
      title: { text: en ? 'Readiness (0–100)' : 'Preparación (0–100)', left: 'center', top: 8 },
      grid: { left: 20, right: 40, top: 50, bottom: 20, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: names },
      series: [
        {
          type: 'bar',
          data: scores.map((v, i) => ({
            value: v ?? 0,
            itemStyle: { color: v === null ? '#9ca3af' : (PALETTE[i] ?? '#2563eb') },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const v = scores[p.dataIndex];
              return v === null || v === undefined
                ? en
                  ? 'not enough data'
                  : 'sin datos'
                : String(v);
            },
          },
        },
      ],
    },
  };
}
