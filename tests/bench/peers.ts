/**
 * The benchmark's peers for FAQ look-ups: general-purpose search libraries over the same curated
 * phrasings, with their default options. They only rank phrasings (no safety check, no spelling
 * correction, no answer decision), so they show what a plain search costs at each size.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { FaqEntry } from '../../knowledge/schemas/faqSchema';

export interface Peer {
  readonly name: string;
  /** The id of the best entry for a message, if any. */
  best(message: string): string | undefined;
}

interface Phrasing {
  readonly id: number;
  readonly entryId: string;
  readonly text: string;
}

function phrasingsOf(entries: readonly FaqEntry[]): Phrasing[] {
  let id = 0;
  return entries.flatMap((entry) => [entry.question, ...entry.alternates].map((text) => ({ id: (id += 1), entryId: entry.id, text })));
}

/** fuse.js with its default options (bitap fuzzy search, threshold 0.6) over every phrasing. */
export function fusePeer(entries: readonly FaqEntry[]): Peer {
  const phrasings = phrasingsOf(entries);
  const fuse = new Fuse(phrasings.map((phrasing) => phrasing.text));
  return {
    name: 'fuse.js',
    best: (message) => {
      const [top] = fuse.search(message);
      return top === undefined ? undefined : phrasings[top.refIndex]?.entryId;
    },
  };
}

/** MiniSearch with its default options: BM25 over the phrasings' words. */
export function miniSearchPeer(entries: readonly FaqEntry[]): Peer {
  const search = new MiniSearch<Phrasing>({ fields: ['text'], storeFields: ['entryId'] });
  search.addAll(phrasingsOf(entries));
  return {
    name: 'MiniSearch',
    best: (message) => {
      const [top] = search.search(message);
      return top === undefined ? undefined : String(top.entryId);
    },
  };
}
