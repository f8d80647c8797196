import { PROVINCES } from '../analytics/census.js';
import type { AnalyticsEventInput } from '../analytics/events.js';
import { type EventMix, eventMixSchema } from '../config/reports.js';
import { createRandom, pickWeighted, type Random } from './random.js';

/**
 * A seeded stream of the analytics events BarberPro's apps would send: a growing population
 * of users spread over the provinces like the 2022 census, mostly on Android phones, paying
 * mostly with MercadoPago. The same seed and mix replay the same events.
 */
export interface EventStreamOptions {
  seed: number;
  mix?: Partial<EventMix>;
  /** Prefix of every event and user id; a new run needs a new one so ids never collide. */
  runId: string;
  genericFeatures?: readonly string[];
  specificFeatures?: readonly string[];
}

export interface EventStream {
  /** `count` events that happened in the `spreadMs` before `at`. */
  next(count: number, at: number, spreadMs?: number): AnalyticsEventInput[];
  readonly users: number;
}

const TYPE_WEIGHTS = [
  ['signup', 8],
  ['session', 30],
  ['language', 6],
  ['region', 1],
  ['booking', 15],
  ['payment', 14],
  ['share', 10],
  ['referral', 5],
  ['feature', 11],
] as const;

/** How many recent sharers per channel a shared sign-up may name. */
const RECENT_SHARERS = 50;
type ShareChannel = 'whatsapp' | 'instagram' | 'other';

const GENERIC = ['booking', 'calendar', 'payments', 'reminders', 'profile', 'reviews'];
const SPECIFIC = ['haircut-gallery', 'beard-styles', 'barber-chair'];

export function createEventStream(options: EventStreamOptions): EventStream {
  const mix = eventMixSchema.parse(options.mix ?? {});
  const random = createRandom(options.seed);
  const users: string[] = [];
  const sharers: Record<ShareChannel, string[]> = { whatsapp: [], instagram: [], other: [] };
  let seq = 0;
  const regions = PROVINCES.map(
    (p) => [p.code, p.population * (mix.regionBoost[p.code] ?? 1)] as const,
  );
  const generic = options.genericFeatures ?? GENERIC;
  const specific = options.specificFeatures ?? SPECIFIC;
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  function one(at: number): AnalyticsEventInput {
    const type = users.length < 10 ? 'signup' : pickWeighted(random, TYPE_WEIGHTS);
    const id = `${options.runId}-e${++seq}`;
    if (type === 'signup') {
      const userId = `${options.runId}-u${users.length + 1}`;
      const referrer = users.length > 0 && chance(mix.referralShare) ? pick(users) : undefined;
      users.push(userId);
      const region = pickWeighted(random, regions);
      if (referrer)
        return { id, type, at, userId, region, source: 'referral', referrerId: referrer };
      if (chance(0.5)) {
        // Someone's share brought this user: name a recent sharer on that channel, as the
        // app does from the share link, so conversion can credit the share.
        const source = shareChannel(random, mix);
        const sharer = sharers[source].length > 0 ? pick(sharers[source]) : undefined;
        return { id, type, at, userId, region, source, ...(sharer ? { referrerId: sharer } : {}) };
      }
      return { id, type, at, userId, region, source: 'organic' };
    }
    const userId = pick(users);
    switch (type) {
      case 'session':
        return { id, type, at, userId, ...device(random, mix) };
      case 'language':
        return { id, type, at, userId, language: chance(mix.spanishShare) ? 'es-AR' : 'en' };
      case 'region':
        return { id, type, at, userId, region: pickWeighted(random, regions) };
      case 'booking': {
        const roll = random();
        const status = roll < 0.93 ? 'confirmed' : roll < 0.98 ? 'cancelled' : 'failed';
        return { id, type, at, userId, status };
      }
      case 'payment':
        return { id, type, at, userId, ...payment(random, mix) };
      case 'share': {
        const channel = shareChannel(random, mix);
        sharers[channel].push(userId);
        if (sharers[channel].length > RECENT_SHARERS) sharers[channel].shift();
        return { id, type, at, userId, channel };
      }
      case 'referral':
        return { id, type, at, userId, channel: shareChannel(random, mix) };
      case 'feature': {
        const feature = chance(mix.genericFeatureShare) ? pick(generic) : pick(specific);
        return { id, type, at, userId, feature };
      }
    }
  }

  return {
    next(count, at, spreadMs = 0) {
      const events: AnalyticsEventInput[] = [];
      for (let i = 0; i < count; i++) events.push(one(Math.round(at - random() * spreadMs)));
      return events;
    },
    get users() {
      return users.length;
    },
  };
}

function shareChannel(random: Random, mix: EventMix): ShareChannel {
  const other = Math.max(0, 1 - mix.whatsappShare - mix.instagramShare);
  return pickWeighted(random, [
    ['whatsapp', mix.whatsappShare],
    ['instagram', mix.instagramShare],
    ['other', other],
  ] as const);
}

/** Phones at `mobileShare`; of the rest, a quarter tablets and the others desktops. */
function device(random: Random, mix: EventMix) {
  const handheld = random() < mix.mobileShare ? 'mobile' : random() < 0.25 ? 'tablet' : undefined;
  if (handheld) {
    const android = random() < mix.androidShare;
    return {
      device: handheld,
      os: android ? ('android' as const) : ('ios' as const),
      browser: android ? (random() < 0.85 ? 'chrome' : 'samsung') : 'safari',
    } as const;
  }
  const roll = random();
  return {
    device: 'desktop' as const,
    os: roll < 0.7 ? ('windows' as const) : roll < 0.95 ? ('macos' as const) : ('linux' as const),
    browser: random() < 0.75 ? 'chrome' : 'firefox',
  };
}

function payment(random: Random, mix: EventMix) {
  let method: 'mercadopago' | 'credit' | 'debit' | 'cash';
  if (random() < mix.mercadopagoShare) method = 'mercadopago';
  else if (random() < mix.cashShare) method = 'cash';
  else method = random() < 0.55 ? 'credit' : 'debit';
  const canSplit = method === 'credit' || method === 'mercadopago';
  const installments = canSplit && random() < mix.installmentsShare ? pickInstallments(random) : 1;
  const status = random() < mix.paymentSuccess ? ('approved' as const) : ('rejected' as const);
  return { method, installments, status, amountArs: 8_000 + Math.round(random() * 8) * 1_000 };
}

function pickInstallments(random: Random): number {
  return pickWeighted(random, [
    [3, 6],
    [6, 3],
    [12, 1],
  ] as const);
}
