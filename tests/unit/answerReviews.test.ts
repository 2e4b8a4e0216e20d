import pino from 'pino';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
import { clinicalReviewsDue, reviewReport, reviewState, reviewWarnings } from '../../knowledge/reviews/answerReviews';
import type { ReviewSettings } from '../../knowledge/schemas/clinicSchema';
import type { FaqEntry } from '../../knowledge/schemas/faqSchema';
import { warnAboutClinicalReviews } from '../../bot/reviewWarnings';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/** A fixed clock: noon local time on 2026-12-01. */
const NOW = new Date(2026, 11, 1, 12);
const SETTINGS: ReviewSettings = { reviewMaxAgeMonths: 12, requireReview: false, showReviewed: false };

const fixtureKnowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);

describe('reviewState with a fixed clock (2026-12-01, reviews last 12 months)', () => {
  it.each([
    { kind: 'missing', reviewed: undefined, status: 'missing' },
    { kind: 'reviewed today', reviewed: '2026-12-01', status: 'fresh' },
    { kind: 'fresh: exactly 12 months old, the last fresh day', reviewed: '2025-12-01', status: 'fresh' },
    { kind: 'expired by one day', reviewed: '2025-11-30', status: 'expired', age: '12 months and 1 day', dueOn: '2026-11-30' },
    { kind: 'expired long ago', reviewed: '2024-06-15', status: 'expired', age: '29 months and 16 days', dueOn: '2025-06-15' },
    { kind: 'dated tomorrow (a typo)', reviewed: '2026-12-02', status: 'future' },
  ])('$kind → $status', ({ reviewed, status, age, dueOn }) => {
    const state = reviewState({ reviewed: reviewed === undefined ? undefined : { by: 'Clinic lead physiotherapist', on: reviewed } }, 12, NOW);
    expect(state.status).toBe(status);
    if (state.status === 'expired') expect({ age: state.age, dueOn: state.dueOn }).toEqual({ age, dueOn });
  });

  it.each([
    { maxAgeMonths: 1, reviewed: '2026-10-31', status: 'expired' }, // due 2026-11-30
    { maxAgeMonths: 1, reviewed: '2026-11-01', status: 'fresh' },
    { maxAgeMonths: 3, reviewed: '2026-08-31', status: 'expired' }, // 31 August + 3 months is due 30 November
  ])('reviewMaxAgeMonths $maxAgeMonths, reviewed $reviewed → $status', ({ maxAgeMonths, reviewed, status }) => {
    expect(reviewState({ reviewed: { by: 'x', on: reviewed } }, maxAgeMonths, NOW).status).toBe(status);
  });
});

function entry(id: string, clinical: boolean, on?: string): FaqEntry {
  const base = fixtureKnowledgeBase.faq[0];
  if (base === undefined) throw new Error('no FAQ entry');
  return { ...base, id, clinical, reviewed: on === undefined ? undefined : { by: 'Clinic lead physiotherapist', on } };
}

const FAQ = [entry('fresh-one', true, '2026-06-01'), entry('no-review', false), entry('old-clinical', true, '2025-11-30'), entry('old-admin', false, '2024-12-01')];

describe('kb:check review warnings', () => {
  it('warns about every entry whose review is missing or out of date, clinical or not, in order', () => {
    expect(reviewWarnings(FAQ, SETTINGS, NOW).map((warning) => [warning.id, warning.state.status])).toEqual([
      ['no-review', 'missing'],
      ['old-clinical', 'expired'],
      ['old-admin', 'expired'],
    ]);
  });

  it('says which entry and how old its review is', () => {
    const report = reviewReport(FAQ, SETTINGS, NOW).join('\n');
    expect(report).toContain('⚠ 3 FAQ entries need a review (1 clinical)');
    expect(report).toContain('no-review: no review recorded');
    expect(report).toContain('old-clinical (clinical): last reviewed on 2025-11-30, 12 months and 1 day ago; reviews are due every 12 months');
    expect(report).toContain('old-admin: last reviewed on 2024-12-01, 24 months ago');
    expect(report).not.toContain('fresh-one');
  });

  it('follows reviewMaxAgeMonths', () => {
    expect(reviewWarnings(FAQ, { ...SETTINGS, reviewMaxAgeMonths: 3 }, NOW).map((warning) => warning.id)).toEqual(['fresh-one', 'no-review', 'old-clinical', 'old-admin']);
  });

  it('is clean on the fixture knowledge base today (2026-12-01) and warns about every entry a year and a day later', () => {
    expect(reviewWarnings(fixtureKnowledgeBase.faq, fixtureKnowledgeBase.clinic.reviews, NOW)).toEqual([]);
    expect(reviewWarnings(fixtureKnowledgeBase.faq, fixtureKnowledgeBase.clinic.reviews, new Date(2027, 11, 2, 12))).toHaveLength(fixtureKnowledgeBase.faq.length);
  });

  it('only clinical entries are due for the start-up warning', () => {
    expect(clinicalReviewsDue(FAQ, SETTINGS, NOW)).toEqual(['old-clinical']);
  });
});

function withFaq(faq: readonly FaqEntry[], reviews: Partial<ReviewSettings> = {}): KnowledgeBase {
  return { ...fixtureKnowledgeBase, faq, clinic: { ...fixtureKnowledgeBase.clinic, reviews: { ...SETTINGS, ...reviews } } };
}

describe('answers and reviews', () => {
  const { conversation } = fixtureKnowledgeBase;
  const stale = entry('old-clinical', true, '2025-11-30');
  const staleAdmin = entry('old-admin', false, '2024-12-01');
  const fresh = entry('fresh-one', true, '2026-06-01');
  const faq = [stale, staleAdmin, fresh, entry('no-review', false)];

  it('still gives a stale clinical answer when requireReview is off', () => {
    const reply = new ReplyComposer(withFaq(faq), { now: NOW }).answer('old-clinical');
    expect(reply.text.startsWith(stale.answer.trim())).toBe(true);
    expect(reply.text).not.toContain(conversation.reviewPending);
  });

  it('with requireReview, replaces only stale clinical answers by reviewPending with a Call button', () => {
    const composer = new ReplyComposer(withFaq(faq, { requireReview: true }), { now: NOW });
    const replaced = composer.answer('old-clinical');
    expect(replaced.text).toBe(conversation.reviewPending.trim());
    expect(replaced.text).toContain(fixtureKnowledgeBase.clinic.phone);
    expect(replaced.text).not.toContain(stale.answer.trim());
    expect(replaced.calls.map((call) => call.phone.number)).toEqual([fixtureKnowledgeBase.clinic.phone]);
    expect(replaced.buttons.at(-1)?.title).toBe(conversation.findProviderLabel);

    expect(composer.answer('old-admin').text.startsWith(staleAdmin.answer.trim())).toBe(true);
    expect(composer.answer('fresh-one').text.startsWith(fresh.answer.trim())).toBe(true);
  });

  it('with requireReview, the clock decides: the same entry answers the day before it expires', () => {
    const composer = new ReplyComposer(withFaq(faq, { requireReview: true }), { now: new Date(2026, 10, 30, 12) });
    expect(composer.answer('old-clinical').text.startsWith(stale.answer.trim())).toBe(true);
  });

  it('with showReviewed, ends each reviewed answer with "Reviewed by … on …" after its sources', () => {
    const composer = new ReplyComposer(withFaq(faq, { showReviewed: true }), { now: NOW });
    const lines = composer.answer('fresh-one').text.split('\n');
    expect(lines.at(-1)).toBe('_Reviewed by Clinic lead physiotherapist on 2026-06-01_');
    expect(lines.at(-3)).toContain(`${conversation.sourcesLabel}:`);
    expect(composer.answer('no-review').text.split('\n').at(-1)).toContain(`${conversation.sourcesLabel}:`);
  });

  it('without showReviewed, no answer of the fixture knowledge base says who reviewed it', () => {
    const composer = new ReplyComposer(fixtureKnowledgeBase, { now: NOW });
    for (const { id } of fixtureKnowledgeBase.faq) expect(composer.answer(id).text).not.toContain('Reviewed by');
  });
});

describe('start-up warnings', () => {
  function warnings(knowledgeBase: KnowledgeBase): Record<string, unknown>[] {
    const lines: string[] = [];
    warnAboutClinicalReviews(pino({ level: 'info' }, { write: (line: string) => lines.push(line) }), knowledgeBase, NOW);
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('logs one warning per clinical entry with a missing or out-of-date review, by id only', () => {
    const logged = warnings(withFaq([entry('old-clinical', true, '2025-11-30'), entry('unreviewed-clinical', true), entry('old-admin', false, '2020-01-01'), entry('fresh-one', true, '2026-06-01')]));
    expect(logged.map((line) => line.faqId)).toEqual(['old-clinical', 'unreviewed-clinical']);
    for (const line of logged) {
      expect(line.level).toBe(40);
      expect(JSON.stringify(line)).not.toContain('Clinic lead physiotherapist');
    }
  });

  it('logs nothing for the fixture knowledge base on 2026-12-01', () => {
    expect(warnings(fixtureKnowledgeBase)).toEqual([]);
  });
});
