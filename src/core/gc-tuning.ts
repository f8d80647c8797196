import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for this process; `guardia start` calls it before
 * anything is monitored.
 *
 * V8 watches where objects are allocated and, when most objects from one place survive a
 * young-generation collection, allocates that place's objects directly in the old generation.
 * At a thousand probes a second it makes that call for places in the HTTP parser whose
 * objects live for a fraction of a millisecond; from then on every probe leaves its headers as
 * old-generation garbage, collected only by the rarer full collections. Whether it happens
 * depends on timing, so identical runs differed by 40 MB: `npm run bench` (capacity: 1,000
 * targets every second for 60 s) peaked at 163–166 MB in some runs and 197–202 MB in others,
 * at the same CPU share. With pretenuring off, eight runs peaked at 163–175 MB, CPU unchanged.
 *
 * Node documents `v8.setFlagsFromString` for flags set at run time; this one only changes a
 * collector heuristic, and is set before any allocation site has feedback to act on.
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
