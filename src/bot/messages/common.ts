import type { GuardiaError } from '../../core/errors.js';
import { type MessageDoc, plain } from './doc.js';

export function errorDoc(err: GuardiaError): MessageDoc {
  const text = `⚠️ ${err.toUserText()}`;
  return { text, tone: 'warning', blocks: [{ type: 'section', text: plain(text) }] };
}
