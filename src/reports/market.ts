import { BUENOS_AIRES, PROVINCE_BY_CODE, PROVINCES } from '../analytics/census.js';
import { PAYMENT_METHODS, SHARE_CHANNELS } from '../analytics/events.js';
import { REFERRAL_CREDIT } from '../analytics/ingest.js';
import type { Db } from '../store/db.js';
import { type AdoptionScore, adoptionScore } from './adoption.js';
import { type Ratio, ratio } from './ratio.js';
import { Counts, readRollup, type Window } from './rollup.js';
import { convertedShares } from './share-conversion.js';

export interface MarketFilter {
  window: Window;
  /** ISO 3166-2:AR code; absent means all of Argentina. */
  province?: string;
}

export interface ProvinceRow {
  code: string;
  name: string;
  signups: number;
  /** Share of the located sign-ups of the window. */
  share: number | null;
  per100k: number;
  population: number;
}

export interface ChannelConversion {
  channel: string;
  shares: number;
  /** Sign-ups that named this channel as their source (in the window and filter). */
  signups: number;
  /** Shares of the window and filter that a sign-up was credited to (see convertedShares). */
  converted: number;
  /** converted ÷ shares, so never above 1; null without shares. */
  conversion: number | null;
}

/** Every figure of the market report, computed once and rendered by chat, Markdown and JSON. */
export interface MarketReport {
  filter: MarketFilter;
  minSample: number;
  events: number;
  payments: {
    total: number;
    methods: Array<{ method: string; ratio: Ratio }>;
    installments: Ratio;
    /** Debit among card payments (debit + credit). */
    debitVsCredit: Ratio;
    cash: Ratio;
    success: Ratio;
  };
  devices: { sessions: number; mobile: Ratio; android: Ratio; ios: Ratio };
  signups: number;
  provinces: ProvinceRow[];
  buenosAires: Ratio;
  sharing: ChannelConversion[];
  referrals: { invitations: number; referredSignups: number; conversion: number | null };
  adoption: AdoptionScore;
}

export function marketReport(db: Db, filter: MarketFilter, minSample: number): MarketReport {
  const counts = new Counts(readRollup(db, filter.window, filter.province));
  const r = (part: number, total: number) => ratio(part, total, minSample);
  const payments = counts.sum({ type: 'payment' });
  const pay = (k1: string) => counts.sum({ type: 'payment', k1 });
  const sessions = counts.sum({ type: 'session' });
  const handheld = counts.sum({ type: 'session' }, (row) => row.k1 !== 'desktop');
  const signupsByRegion = counts.by('signup', 'region');
  const located = counts.sum({ type: 'signup' }, (row) => row.region !== '');
  const signupsFrom = counts.by('signup', 'k1');
  const referred = counts.sum({ type: 'signup', k2: 'referred' });
  const invitations = counts.sum({ type: 'referral' });
  const converted = convertedShares(db, filter);
  const shown = filter.province ? PROVINCES.filter((p) => p.code === filter.province) : PROVINCES;
  return {
    filter,
    minSample,
    events: counts.sum({}),
    payments: {
      total: payments,
      methods: PAYMENT_METHODS.map((method) => ({ method, ratio: r(pay(method), payments) })),
      installments: r(counts.sum({ type: 'payment', k3: 'installments' }), payments),
      debitVsCredit: r(pay('debit'), pay('debit') + pay('credit')),
      cash: r(pay('cash'), payments),
      success: r(counts.sum({ type: 'payment', k2: 'approved' }), payments),
    },
    devices: {
      sessions,
      mobile: r(counts.sum({ type: 'session', k1: 'mobile' }), sessions),
      android: r(
        counts.sum({ type: 'session', k2: 'android' }, (x) => x.k1 !== 'desktop'),
        handheld,
      ),
      ios: r(
        counts.sum({ type: 'session', k2: 'ios' }, (x) => x.k1 !== 'desktop'),
        handheld,
      ),
    },
    signups: counts.sum({ type: 'signup' }),
    provinces: shown
      .map((p) => {
        const signups = signupsByRegion.get(p.code) ?? 0;
        return {
          code: p.code,
          name: p.name,
          signups,
          share: located > 0 ? signups / located : null,
          per100k: (signups / p.population) * 100_000,
          population: p.population,
        };
      })
      .sort((a, b) => b.signups - a.signups || a.code.localeCompare(b.code)),
    buenosAires: r(
      BUENOS_AIRES.reduce((sum, code) => sum + (signupsByRegion.get(code) ?? 0), 0),
      located,
    ),
    sharing: SHARE_CHANNELS.map((channel) => {
      const shares = counts.sum({ type: 'share', k1: channel });
      const signups = signupsFrom.get(channel) ?? 0;
      const won = converted.get(channel) ?? 0;
      const conversion = shares > 0 ? won / shares : null;
      return { channel, shares, signups, converted: won, conversion };
    }),
    referrals: {
      invitations,
      referredSignups: referred,
      // Invitations a sign-up was credited to, so never more than the invitations counted.
      conversion: invitations > 0 ? (converted.get(REFERRAL_CREDIT) ?? 0) / invitations : null,
    },
    adoption: adoptionScore(counts, minSample),
  };
}

export function isProvince(code: string): boolean {
  return PROVINCE_BY_CODE.has(code.toUpperCase());
}
