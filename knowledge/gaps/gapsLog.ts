import type { KnowledgeBase } from '../loading/knowledgeBase';
import type { ContentDecision } from '../routing/routingDecision';
import { SPECIAL_CONCEPTS } from '../safety/safetyRules';
import type { AnalyzedText } from '../text/textAnalyzer';
import { phrasingKey } from '../text/normalizeText';
import { MAX_GAP_CANDIDATES, type GapDraft, type GapRecord } from './gapRecord';
import { Redactor } from './redaction';

/** A "did you mean" the bot offered: the redacted draft, and the buttons offered, until the next message says how it ended. */
export interface PendingSuggestion {
  readonly draft: GapDraft;
  /** The offered choices as phrasing keys: typing or pressing one is a choice, not a rephrase. */
  readonly offered: readonly string[];
}

/** What the gaps log needs to know of one turn. Never stored as it is. */
export interface GapTurn {
  readonly text: string;
  readonly channel: string;
  readonly day: string;
  /**
   * The decision the bot replied to from this message alone. Undefined when the message went to
   * a dialog instead: an answer to the bot's own question (a screen, a check), booking, a safety reply.
   */
  readonly replied?: ContentDecision;
  /** Safety came up earlier in this conversation: a safety hold, a check question asked, a screening "yes". */
  readonly safetyEarlier: boolean;
  /** The "did you mean" offered on the conversation's previous message, if it was one. */
  readonly pending?: PendingSuggestion;
}

export interface GapOutcome {
  /** Records to store now. */
  readonly records: readonly GapRecord[];
  /** A "did you mean" to hold until the next message. */
  readonly pending?: PendingSuggestion;
}

/** Analyses text as the router does (spelling corrected toward the knowledge base's words). */
export interface TextAnalysis {
  analyze(text: string): AnalyzedText;
}

const NOTHING: GapOutcome = { records: [] };

/**
 * Decides which questions of a conversation the gaps log keeps, and builds their records.
 *
 * Kept: a message the bot answered with its fallback; and a message it answered with "did you mean"
 * when the next message was "None of these" or another question (not one of the offered choices).
 * Never kept: a message that touched safety in any way (any word safety.yaml knows, a check question,
 * an emergency, a red flag, an escalation), an answer to the bot's own questions (screening, checks),
 * and anything in a conversation where safety came up before. A rephrase that touches safety
 * does not make the question before it a record either.
 */
export class GapsLog {
  private readonly redactor: Redactor;
  private readonly questionKeys: ReadonlyMap<string, string>;
  private readonly maxSuggestions: number;

  constructor(knowledgeBase: KnowledgeBase, analysis?: TextAnalysis) {
    const special: readonly string[] = SPECIAL_CONCEPTS;
    // safety.yaml's concept words too: a kept message never has one (it would touch safety), so this only guards against a slip.
    const concepts = knowledgeBase.safety.concepts.filter((concept) => !special.includes(concept.id)).map((concept) => concept.terms);
    const analyzeWord =
      analysis === undefined
        ? undefined
        : (word: string) => {
            const analyzed = analysis.analyze(word);
            return { normalized: analyzed.normalized.tokens, corrected: analyzed.corrected.tokens };
          };
    this.redactor = new Redactor([...knowledgeBase.gaps.sensitiveTerms, ...concepts], analyzeWord);
    this.questionKeys = new Map(knowledgeBase.faq.map((entry) => [entry.id, phrasingKey(entry.question)]));
    this.maxSuggestions = knowledgeBase.matching.maxSuggestions;
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  ofTurn(turn: GapTurn): GapOutcome {
    const { replied } = turn;
    if (replied === undefined || turn.safetyEarlier || replied.touchesSafety === true) return NOTHING;
    const records: GapRecord[] = [];
    const ending = turn.pending === undefined ? undefined : this.howItEnded(turn.pending, replied, turn.text);
    if (turn.pending !== undefined && ending !== undefined) records.push({ ...turn.pending.draft, route: ending });
    if (replied.route !== 'fallback' && replied.route !== 'suggest') return { records };
    const draft = this.draft(turn, replied);
    // Nothing left to read once redacted ("[phone]", an emoji): not worth keeping.
    if (!/\p{L}/u.test(draft.text.replace(/\[[a-z]+\]/g, ''))) return { records };
    if (replied.route === 'fallback') return { records: [...records, { ...draft, route: 'fallback' }] };
    const offered = replied.candidates.slice(0, this.maxSuggestions).flatMap((candidate) => this.questionKeys.get(candidate.id) ?? []);
    return { records, pending: { draft, offered } };
  }

  /** After a "did you mean": "None of these", another question, or (undefined) a choice, small talk or anything else. */
  private howItEnded(pending: PendingSuggestion, replied: ContentDecision, text: string): GapRecord['route'] | undefined {
    if (replied.route === 'smalltalk') return replied.id === 'none-of-these' ? 'none-of-these' : undefined;
    if (replied.route !== 'answer' && replied.route !== 'suggest' && replied.route !== 'fallback') return undefined;
    return pending.offered.includes(phrasingKey(text)) ? undefined : 'rephrased';
  }

  private draft(turn: GapTurn, decision: ContentDecision): GapDraft {
    const candidates = decision.candidates.slice(0, MAX_GAP_CANDIDATES).map(({ id, score }) => ({ id, score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000 }));
    return { day: turn.day, channel: turn.channel, text: this.redactor.redact(turn.text), candidates };
  }
}
