import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLINIC_PLACEHOLDERS } from '../../knowledge/loading/clinicPlaceholders';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../../knowledge/loading/knowledgeBaseError';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { ANSWER_MAX_WORDS, MIN_ALTERNATES } from '../../knowledge/schemas/faqSchema';
import { answerLines, KnowledgeCopy } from './support/knowledgeCopy';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/** The problem a broken copy must report: where (file, entry, field, line) and what (exactly, or roughly). */
interface ExpectedProblem {
  readonly file: string;
  readonly entryId?: string;
  readonly field?: string;
  readonly line?: number;
  readonly message: RegExp | string;
}

interface BreakCase {
  readonly kind: string;
  /** Breaks one thing in the copy and says which problem that must cause. */
  readonly breakIt: (copy: KnowledgeCopy) => ExpectedProblem;
  /** Whether the break must cause this problem only (false when knock-on problems are legitimate). */
  readonly only?: boolean;
}

function loadError(directory: string): KnowledgeBaseError {
  try {
    loadKnowledgeBase(directory);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error;
    throw error;
  }
  throw new Error(`expected ${directory} to fail to load`);
}

/** Position of an entry in the (unbroken) faq.yaml of a copy, to name entries that lost their id. */
function entryNumber(copy: KnowledgeCopy, id: string): number {
  const data = parse(copy.read('faq.yaml')) as { entries: { id: string }[] };
  const index = data.entries.findIndex((entry) => entry.id === id);
  if (index === -1) throw new Error(`no FAQ entry ${id}`);
  return index + 1;
}

const lineStartingWith =
  (prefix: string) =>
  (line: string): boolean =>
    line.startsWith(prefix);

const fixtureKnowledgeBase: KnowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);

const CASES: readonly BreakCase[] = [
  {
    kind: 'malformed YAML (a colon inside an unquoted value)',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('hours:'), ['hours: Weekdays: 8am-6pm']),
      message: /YAML is malformed/,
    }),
  },
  {
    kind: 'a field written twice in one entry',
    breakIt: (copy) => {
      const line = copy.editEntryField('faq.yaml', 'session-length', 'question', (lines) => [...lines, '    question: How long is an appointment?']);
      return { file: 'faq.yaml', line: line + 1, message: /YAML is malformed.*unique/ };
    },
  },
  {
    kind: 'a missing id',
    breakIt: (copy) => {
      const number = entryNumber(copy, 'session-length');
      // "- id: x" / "question: ..." becomes "- question: ...": the entry is still there, without an id.
      const lines = copy.read('faq.yaml').split('\n');
      const index = lines.indexOf('  - id: session-length');
      lines.splice(index, 2, `  - ${(lines[index + 1] ?? '').trimStart()}`);
      copy.write('faq.yaml', lines.join('\n'));
      const line = index + 1;
      return { file: 'faq.yaml', entryId: `#${number}`, field: 'id', line, message: /is missing$/ };
    },
  },
  {
    kind: 'a duplicate id (an entry renamed to its neighbour\'s id), naming both lines and not the links to the old id',
    breakIt: (copy) => {
      const firstLine = copy.read('faq.yaml').split('\n').indexOf('  - id: number-of-sessions') + 1;
      return {
        file: 'faq.yaml',
        entryId: 'number-of-sessions',
        field: 'id',
        line: copy.replaceLine('faq.yaml', (text) => text === '  - id: treatment-frequency', ['  - id: number-of-sessions']),
        message:
          `the id "number-of-sessions" is also used by the entry on line ${firstLine}; each entry needs its own id. ` +
          'Other entries still link to "treatment-frequency", which no entry has now: if one of these two used to be "treatment-frequency", give it that id back.',
      };
    },
  },
  {
    kind: 'a duplicate id (an entry copied), naming both lines',
    breakIt: (copy) => {
      const lines = copy.read('faq.yaml').split('\n');
      const start = lines.indexOf('  - id: fascia');
      let end = start + 1;
      while (end < lines.length && !(lines[end] ?? '').startsWith('  - id:') && !(lines[end] ?? '').startsWith('  # ')) end += 1;
      lines.push(...lines.slice(start, end));
      copy.write('faq.yaml', lines.join('\n'));
      return {
        file: 'faq.yaml',
        entryId: 'fascia',
        field: 'id',
        line: lines.length - (end - start) + 1,
        message: `the id "fascia" is also used by the entry on line ${start + 1}; each entry needs its own id. Give one of them a new id.`,
      };
    },
  },
  {
    kind: 'a tab used for indentation, reported alone',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'session-length',
      line: copy.editEntryField('faq.yaml', 'session-length', 'question', ([key = '']) => [`\t${key.trimStart()}`]),
      message: 'this line starts with a tab. Use spaces to indent.',
    }),
  },
  {
    kind: 'a tab after the spaces of an indentation',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'session-length',
      line: copy.editEntryField('faq.yaml', 'session-length', 'alternates', ([key = '', first = '', ...items]) => [key, `  \t  ${first.trimStart()}`, ...items]) + 1,
      message: 'this line starts with a tab. Use spaces to indent.',
    }),
  },
  {
    kind: 'a missing colon after a field name',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'session-length',
      line: copy.editEntryField('faq.yaml', 'session-length', 'question', () => ['    question How long does a session last?']),
      message: '"question" needs a colon after it: question: How long does a session last?',
    }),
  },
  {
    kind: 'a missing colon after a field name whose value starts on the next line',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'session-length',
      line: copy.editEntryField('faq.yaml', 'session-length', 'alternates', ([, ...items]) => ['    alternates', ...items]),
      message: '"alternates" needs a colon after it: alternates:',
    }),
  },
  {
    kind: 'a misspelled field, without also calling the field it meant missing',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'session-length',
      line: copy.editEntryField('faq.yaml', 'session-length', 'alternates', ([, ...items]) => ['    alternats:', ...items]),
      message: 'unknown field "alternats": did you mean "alternates"?',
    }),
  },
  {
    kind: 'a misspelled optional field',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      line: copy.editEntryField('faq.yaml', 'fascia', 'related', ([line = '']) => [line.replace('related:', 'Related:')]),
      message: 'unknown field "Related": did you mean "related"?',
    }),
  },
  {
    kind: 'an unknown field that is not a typo',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('website:'), ['parking: free', 'website: https://example.com']),
      message: /unknown field "parking": the fields allowed here are "name", .*"phone"/,
    }),
  },
  {
    kind: 'an empty answer',
    only: false, // an empty answer is also too short
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'is-art-painful',
      field: 'answer',
      line: copy.editEntryField('faq.yaml', 'is-art-painful', 'answer', () => ['    answer: ""']),
      message: /must not be empty/,
    }),
  },
  {
    kind: 'an answer that is too short',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'what-is-smr',
      field: 'answer',
      line: copy.editEntryField('faq.yaml', 'what-is-smr', 'answer', () => answerLines(12)),
      message: /too short \(12 words\)/,
    }),
  },
  {
    kind: 'an answer that is too long',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'evidence',
      field: 'answer',
      line: copy.editEntryField('faq.yaml', 'evidence', 'answer', () => answerLines(ANSWER_MAX_WORDS + 15)),
      message: new RegExp(`too long \\(${ANSWER_MAX_WORDS + 15} words\\)`),
    }),
  },
  {
    kind: 'a related id that does not exist',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'how-art-works',
      field: 'related.1',
      line: copy.editEntryField('faq.yaml', 'how-art-works', 'related', () => ['    related: [adhesions, adhesion-release]']),
      message: /"adhesion-release" is not the id of any FAQ entry/,
    }),
  },
  {
    kind: 'an entry related to itself',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      field: 'related.0',
      line: copy.editEntryField('faq.yaml', 'fascia', 'related', () => ['    related: [fascia]']),
      message: /related to itself/,
    }),
  },
  {
    kind: 'an alternate identical (after case and punctuation) to a phrasing of another entry',
    breakIt: (copy) => {
      const owner = fixtureKnowledgeBase.faq[0];
      const ownerAlternate = owner?.alternates[0];
      if (owner === undefined || ownerAlternate === undefined || owner.id === 'is-art-painful') throw new Error('the test needs another entry before is-art-painful');
      // Same words as an alternate of the first entry, shouted, with extra punctuation and spacing.
      const shouted = JSON.stringify(`  ${ownerAlternate.toUpperCase().replace(/ /g, ' , ')} ?!`);
      const fieldLine = copy.editEntryField('faq.yaml', 'is-art-painful', 'alternates', ([key = '', ...items]) => [key, `      - ${shouted}`, ...items]);
      return {
        file: 'faq.yaml',
        entryId: 'is-art-painful',
        field: 'alternates.0',
        line: fieldLine + 1,
        message: new RegExp(`identical to a phrasing of entry "${owner.id}"`),
      };
    },
  },
  {
    kind: 'a cue with a misplaced "*"',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'risks-and-contraindications',
      field: 'cues.0',
      line: copy.editEntryField('faq.yaml', 'risks-and-contraindications', 'cues', () => ['    cues:', '      - [preg*nant, safe]']) + 1,
      message: /"\*" may only come at the end of a word/,
    }),
  },
  {
    kind: 'an unknown source id',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'benefits',
      field: 'sources.0',
      line: copy.editEntryField('faq.yaml', 'benefits', 'sources', () => ['    sources: [journal-of-made-up-results]']),
      message: /"journal-of-made-up-results" is not a source listed in sources\.yaml/,
    }),
  },
  {
    kind: 'an unknown {{clinic.x}} placeholder in an answer',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'what-to-wear',
      field: 'answer',
      line: copy.editEntryField('faq.yaml', 'what-to-wear', 'answer', () => answerLines(60, 'Call {{clinic.phon}} with questions.')),
      message:
        '{{clinic.phon}} is not a placeholder the bot can fill. Did you mean {{clinic.phone}}? The placeholders you can use are ' +
        '{{clinic.name}} {{clinic.phone}} {{clinic.website}} {{clinic.email}} {{clinic.address}} {{clinic.hours}} {{clinic.emergencyNumber}} {{clinic.crisisLine}}',
    }),
  },
  {
    kind: 'an unknown {{clinic.x}} placeholder in conversation.yaml',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'error',
      line: copy.replaceLine('conversation.yaml', lineStartingWith('error:'), ['error: Sorry, please call {{clinic.telephone}}.']),
      message:
        '{{clinic.telephone}} is not a placeholder the bot can fill. The placeholders you can use are ' +
        '{{clinic.name}} {{clinic.phone}} {{clinic.website}} {{clinic.email}} {{clinic.address}} {{clinic.hours}} {{clinic.emergencyNumber}} {{clinic.crisisLine}}',
    }),
  },
  {
    kind: 'a known placeholder whose optional clinic field is left out',
    only: false, // every other text using {{clinic.address}} is reported too
    breakIt: (copy) => {
      copy.replaceLine('clinic.yaml', lineStartingWith('address:'), []);
      return {
        file: 'faq.yaml',
        entryId: 'what-to-wear',
        field: 'answer',
        line: copy.editEntryField('faq.yaml', 'what-to-wear', 'answer', () => answerLines(60, 'We are at {{clinic.address}}.')),
        message: /\{\{clinic\.address\}\} needs "address" in clinic\.yaml/,
      };
    },
  },
  {
    kind: 'a missing file',
    breakIt: (copy) => {
      copy.remove('sources.yaml');
      return { file: 'sources.yaml', message: /missing/ };
    },
  },
  {
    kind: 'a learned check whose concept has no check question',
    breakIt: (copy) => ({
      file: 'safety-model.yaml',
      entryId: 'self-harn',
      field: 'concept',
      line: copy.replaceLine('safety-model.yaml', lineStartingWith('  - concept: self-harm'), ['  - concept: self-harn']),
      message: /"self-harn" has no check question in safety\.yaml \(checks: chest, .*self-harm/,
    }),
  },
  {
    kind: 'a check whose learnFrom is not a list',
    breakIt: (copy) => ({
      file: 'safety.yaml',
      entryId: 'night-rest',
      field: 'learnFrom',
      line: copy.replaceLine('safety.yaml', lineStartingWith('    learnFrom: [night-pain]'), ['    learnFrom: night pain']),
      message: /must be a list of evaluation categories, like \[trauma, fracture\]/,
    }),
  },
  {
    kind: 'two learned checks for one concept',
    breakIt: (copy) => ({
      file: 'safety-model.yaml',
      entryId: 'self-harm',
      field: 'concept',
      line: copy.replaceLine('safety-model.yaml', lineStartingWith('  - concept: chest'), ['  - concept: self-harm']),
      message: '"self-harm" has a model already; keep one per concept',
    }),
  },
  {
    kind: 'a learned check that would ask every message',
    breakIt: (copy) => ({
      file: 'safety-model.yaml',
      entryId: 'self-harm',
      field: 'askAt',
      line: copy.replaceLine('safety-model.yaml', lineStartingWith('    askAt: 0.5'), ['    askAt: 0']),
      message: /must be above 0/,
    }),
  },
  {
    kind: 'a topic model level of 0',
    breakIt: (copy) => ({
      file: 'faq-model.yaml',
      field: 'switchAt',
      line: copy.replaceLine('faq-model.yaml', lineStartingWith('switchAt:'), ['switchAt: 0']),
      message: /must be above 0/,
    }),
  },
  {
    kind: 'a missing learned check',
    breakIt: (copy) => {
      copy.remove('safety-model.yaml');
      return { file: 'safety-model.yaml', message: /missing/ };
    },
  },
  {
    kind: `fewer than ${MIN_ALTERNATES} alternates`,
    breakIt: (copy) => {
      const line = copy.editEntryField('faq.yaml', 'adhesions', 'alternates', (lines) => lines.slice(0, MIN_ALTERNATES));
      // The list itself starts on its first item, the line after "alternates:".
      return { file: 'faq.yaml', entryId: 'adhesions', field: 'alternates', line: line + 1, message: new RegExp(`at least ${MIN_ALTERNATES}`) };
    },
  },
  {
    kind: 'a clinic phone that is not a phone number',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      field: 'phone',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('phone:'), ['phone: call the front desk']),
      message: /must be a phone number/,
    }),
  },
  {
    kind: 'a booking URL without https://',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      field: 'bookingUrl',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('bookingUrl:'), ['bookingUrl: www.example.com/book']),
      message: /web address starting with https:\/\//,
    }),
  },
  {
    kind: 'a matching.yaml confidence level above 1',
    breakIt: (copy) => ({
      file: 'matching.yaml',
      field: 'decision.answerAt',
      line: copy.replaceLine('matching.yaml', lineStartingWith('  answerAt:'), ['  answerAt: 1.5']),
      message: /at most 1/,
    }),
  },
  {
    kind: 'a matching.yaml suggestAt above answerAt',
    breakIt: (copy) => {
      copy.replaceLine('matching.yaml', lineStartingWith('  answerAt:'), ['  answerAt: 0.4']);
      return {
        file: 'matching.yaml',
        field: 'decision.suggestAt',
        line: copy.replaceLine('matching.yaml', lineStartingWith('  suggestAt:'), ['  suggestAt: 0.6']),
        message: /suggestAt must not be above answerAt/,
      };
    },
  },
  {
    kind: 'a matching.yaml weight that is not a number',
    breakIt: (copy) => ({
      file: 'matching.yaml',
      field: 'decision.weights.margin',
      line: copy.replaceLine('matching.yaml', lineStartingWith('    margin:'), ['    margin: lots']),
      message: /must be a number/,
    }),
  },
  {
    kind: 'a matching.yaml other-sense cue with a misplaced "*"',
    breakIt: (copy) => ({
      file: 'matching.yaml',
      field: 'otherSenses.0',
      line: copy.replaceLine('matching.yaml', lineStartingWith('  - [art|a r t, hiv'), ['  - [a*rt, hiv]']),
      message: /"\*" may only come at the end of a word/,
    }),
  },
  {
    kind: 'a matching.yaml other-service cue with a misplaced "*"',
    breakIt: (copy) => ({
      file: 'matching.yaml',
      field: 'otherServices.1',
      line: copy.replaceLine('matching.yaml', lineStartingWith('  - [massage gun, fix'), ['  - [mas*sage gun, fix]']),
      message: /"\*" may only come at the end of a word/,
    }),
  },
  {
    kind: 'conversation.yaml topics naming an unknown FAQ id',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      entryId: 'opening-times',
      field: 'topics.0',
      line: copy.replaceLine('conversation.yaml', (text) => text === 'topics:', ['topics:', '  - opening-times']) + 1,
      message: /"opening-times" is not the id of any FAQ entry/,
    }),
  },
  {
    kind: 'conversation.yaml fallbackTopics naming an unknown FAQ id',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      entryId: 'parking-info',
      field: 'fallbackTopics.1',
      line: writeFallbackTopics(copy, ['what-is-art', 'parking-info', 'cost-and-insurance']),
      message: /"parking-info" is not the id of any FAQ entry in faq\.yaml/,
    }),
  },
  {
    kind: 'conversation.yaml fallbackTopics listing an id twice',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      entryId: 'what-is-art',
      field: 'fallbackTopics.1',
      line: writeFallbackTopics(copy, ['what-is-art', 'what-is-art', 'cost-and-insurance']),
      message: /"what-is-art" is listed more than once/,
    }),
  },
  {
    kind: 'conversation.yaml fallbackTopics with more than four ids',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'fallbackTopics',
      line: writeFallbackTopics(copy, ['what-is-art', 'is-art-painful', 'evidence', 'fascia', 'cost-and-insurance']),
      message: /at most 4 FAQ ids/,
    }),
  },
  {
    kind: 'a "See all topics" label that is also a small-talk phrase',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'allTopics.label',
      line: copy.replaceLine('conversation.yaml', (text) => text.trim().startsWith('label: See all topics'), ['  label: Show topics']),
      message: /"Show topics" is also a phrase of the smallTalk intent "help"/,
    }),
  },
  {
    kind: 'a review date not written YYYY-MM-DD',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      field: 'reviewed.on',
      line: copy.editEntryField('faq.yaml', 'fascia', 'reviewed', () => ['    reviewed: { by: Clinic lead physiotherapist, on: 01/12/2026 }']),
      message: '"01/12/2026" is not a date written as YYYY-MM-DD (year-month-day, such as 2026-12-01)',
    }),
  },
  {
    kind: 'a review date that does not exist',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      field: 'reviewed.on',
      line: copy.editEntryField('faq.yaml', 'fascia', 'reviewed', () => ['    reviewed: { by: Clinic lead physiotherapist, on: 2026-02-30 }']),
      message: '"2026-02-30" is not a date written as YYYY-MM-DD (year-month-day, such as 2026-12-01)',
    }),
  },
  {
    kind: 'a review without who reviewed it',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      field: 'reviewed.by',
      line: copy.editEntryField('faq.yaml', 'fascia', 'reviewed', () => ['    reviewed: { by: "", on: 2026-12-01 }']),
      message: /must say who reviewed the answer/,
    }),
  },
  {
    kind: 'clinical that is not true or false',
    breakIt: (copy) => ({
      file: 'faq.yaml',
      entryId: 'fascia',
      field: 'clinical',
      line: copy.editEntryField('faq.yaml', 'fascia', 'clinical', () => ['    clinical: yes']),
      message: 'must be true or false',
    }),
  },
  {
    kind: 'a clinic.yaml reviewMaxAgeMonths that is not a whole number',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      field: 'reviews.reviewMaxAgeMonths',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('  reviewMaxAgeMonths:'), ['  reviewMaxAgeMonths: a year']),
      message: 'must be a whole number of months, such as 12',
    }),
  },
  {
    kind: 'a clinic.yaml requireReview that is not true or false',
    breakIt: (copy) => ({
      file: 'clinic.yaml',
      field: 'reviews.requireReview',
      line: copy.replaceLine('clinic.yaml', lineStartingWith('  requireReview:'), ['  requireReview: sometimes']),
      message: 'must be true or false',
    }),
  },
  {
    kind: 'a conversation.yaml reviewPending without the clinic phone',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'reviewPending',
      line: copy.replaceLine('conversation.yaml', lineStartingWith('reviewPending:'), ['reviewPending: Please ask at the front desk.']),
      message: /must give the clinic's phone.*\{\{clinic\.phone\}\}/,
    }),
  },
  {
    kind: 'a conversation.yaml feedback.notHelpful without the clinic phone',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'feedback.notHelpful',
      line: copy.replaceLine('conversation.yaml', lineStartingWith('  notHelpful:'), ['  notHelpful: Sorry that did not help.']),
      message: /must give the clinic's phone.*\{\{clinic\.phone\}\}/,
    }),
  },
  {
    kind: 'a conversation.yaml feedback.enabled that is not true or false',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'feedback.enabled',
      line: copy.replaceLine('conversation.yaml', lineStartingWith('  enabled:'), ['  enabled: maybe']),
      message: 'must be true or false',
    }),
  },
  {
    kind: 'a conversation.yaml reviewedLine without the date',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      field: 'reviewedLine',
      line: copy.replaceLine('conversation.yaml', lineStartingWith('reviewedLine:'), ['reviewedLine: Reviewed by {{review.by}}']),
      message: 'must contain {{review.on}}, for example: Reviewed by {{review.by}} on {{review.on}}',
    }),
  },
  {
    kind: 'a forget-me intent without the line saying a safety hold was kept',
    breakIt: (copy) => {
      copy.replaceLine('conversation.yaml', (text) => text.trim().startsWith('whileOnHold:'), ['    # (whileOnHold removed)']);
      return {
        file: 'conversation.yaml',
        entryId: 'forget-me',
        line: copy.read('conversation.yaml').split('\n').findIndex((text) => text.trim() === '- id: forget-me') + 1,
        message: /needs "whileOnHold"/,
      };
    },
  },
  {
    kind: 'a whileOnHold line on an intent other than forget-me',
    breakIt: (copy) => ({
      file: 'conversation.yaml',
      entryId: 'greeting',
      field: 'whileOnHold',
      line:
        copy.replaceLine('conversation.yaml', (text) => text.trim().startsWith('reply: Hello!'), [
          '    reply: Hello! What would you like to know about ART or myofascial release?',
          '    whileOnHold: Booking stays paused.',
        ]) + 1,
      message: /is only for the "forget-me" intent/,
    }),
  },
  {
    kind: 'a matching.yaml fallbackTopicThreshold above 1',
    breakIt: (copy) => ({
      file: 'matching.yaml',
      field: 'fallbackTopicThreshold',
      line: copy.replaceLine('matching.yaml', lineStartingWith('fallbackTopicThreshold:'), ['fallbackTopicThreshold: 3']),
      message: /at most 1/,
    }),
  },
];

/** Rewrites conversation.yaml's fallbackTopics as one line, `fallbackTopics: [a, b]`; returns that line's number. */
function writeFallbackTopics(copy: KnowledgeCopy, ids: readonly string[]): number {
  const lines = copy.read('conversation.yaml').split('\n');
  const start = lines.indexOf('fallbackTopics:');
  if (start === -1) throw new Error('conversation.yaml has no "fallbackTopics:" line');
  let end = start + 1;
  while ((lines[end] ?? '').startsWith('  - ')) end += 1;
  lines.splice(start, end - start, `fallbackTopics: [${ids.join(', ')}]`);
  copy.write('conversation.yaml', lines.join('\n'));
  return start + 1;
}

describe('loadKnowledgeBase on a broken copy of the fixture knowledge base', () => {
  let copy: KnowledgeCopy;
  beforeEach(() => {
    copy = KnowledgeCopy.create();
  });
  afterEach(() => copy.dispose());

  it.each(CASES)('reports $kind with its file, entry, field and line', ({ breakIt, only = true }) => {
    const expected = breakIt(copy);
    const error = loadError(copy.directory);

    const { message, ...where } = expected;
    const problem: KnowledgeBaseProblem = { ...where, message: typeof message === 'string' ? message : (expect.stringMatching(message) as string) };
    // Fields the case does not expect (an entry id for clinic.yaml, a line for a missing file) must be absent.
    const exact = { entryId: undefined, field: undefined, line: undefined, ...problem };
    expect(error.problems).toContainEqual(exact);
    if (only) expect(error.problems).toHaveLength(1);

    // The message a curator reads names the same place: faq.yaml line 340 (entry "session-length", field "answer"): …
    const within = [
      ...(expected.entryId === undefined ? [] : [`entry "${expected.entryId}"`]),
      ...(expected.field === undefined ? [] : [`field "${expected.field}"`]),
    ].join(', ');
    const location = `${expected.line === undefined ? expected.file : `${expected.file} line ${expected.line}`}${within === '' ? '' : ` (${within})`}: `;
    expect(error.message).toContain(location);
    if (typeof message === 'string') expect(error.message).toContain(`${location}${message}`);
    else expect(error.message).toMatch(message);
    expect(error.name).toBe('KnowledgeBaseError');
  });

  it('reports problems in several files together, not just the first', () => {
    const malformedLine = copy.replaceLine('clinic.yaml', lineStartingWith('hours:'), ['hours: Weekdays: 8am-6pm']);
    const relatedLine = copy.editEntryField('faq.yaml', 'how-art-works', 'related', () => ['    related: [adhesion-release]']);
    const thresholdLine = copy.replaceLine('matching.yaml', lineStartingWith('maxSuggestions:'), ['maxSuggestions: 9']);
    const topicLine = copy.replaceLine('conversation.yaml', (text) => text === 'topics:', ['topics:', '  - opening-times']) + 1;

    const error = loadError(copy.directory);

    expect(error.problems.map(({ file, line }) => `${file} line ${String(line)}`).sort()).toEqual(
      [`clinic.yaml line ${malformedLine}`, `conversation.yaml line ${topicLine}`, `faq.yaml line ${relatedLine}`, `matching.yaml line ${thresholdLine}`].sort(),
    );
    expect(error.message).toMatch(/^The knowledge base has 4 problems:/);
    for (const where of [
      `clinic.yaml line ${malformedLine}: `,
      `faq.yaml line ${relatedLine} (entry "how-art-works", field "related.0"): `,
      `matching.yaml line ${thresholdLine} (field "maxSuggestions"): `,
      `conversation.yaml line ${topicLine} (entry "opening-times", field "topics.0"): `,
    ]) {
      expect(error.message).toContain(where);
    }
  });

  it('fills placeholders from the clinic.yaml it loads, not from anywhere else', () => {
    copy.replaceLine('clinic.yaml', lineStartingWith('name:'), ['name: Harbourside Sports Therapy']);
    copy.replaceLine('clinic.yaml', lineStartingWith('phone:'), ['phone: "+44 20 7946 0000"']);

    const knowledgeBase = loadKnowledgeBase(copy.directory);

    const rawEntries = (parse(copy.read('faq.yaml')) as { entries: { id: string; answer: string }[] }).entries;
    const usingPhone = rawEntries.filter((entry) => entry.answer.includes('{{clinic.phone}}'));
    expect(usingPhone.length).toBeGreaterThan(0);
    for (const raw of usingPhone) {
      const loaded = knowledgeBase.faq.find((entry) => entry.id === raw.id);
      expect(loaded?.answer).toContain('+44 20 7946 0000');
      expect(loaded?.answer).not.toContain(fixtureKnowledgeBase.clinic.phone);
    }
    expect(knowledgeBase.conversation.welcome).toContain('Harbourside Sports Therapy');
  });
});

describe('the fixture knowledge base', () => {
  it('loads without problems', () => {
    expect(() => loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR)).not.toThrow();
    expect(fixtureKnowledgeBase.faq.length).toBeGreaterThan(0);
  });

  const conversation = fixtureKnowledgeBase.conversation;
  const texts: [string, string][] = [
    ...fixtureKnowledgeBase.faq.map((entry): [string, string] => [`faq ${entry.id} answer`, entry.answer]),
    ['conversation welcome', conversation.welcome],
    ['conversation fallback', conversation.fallback],
    ['conversation error', conversation.error],
    ['conversation didYouMean', conversation.didYouMean],
    ['conversation noneOfThese', `${conversation.noneOfThese.label} ${conversation.noneOfThese.reply}`],
    ['conversation labels', `${conversation.findProviderLabel} ${conversation.sourcesLabel}`],
    ...conversation.smallTalk.map((intent): [string, string] => [`conversation smallTalk ${intent.id}`, intent.reply]),
  ];

  it.each(texts)('%s has every placeholder filled in', (_name, text) => {
    expect(text).not.toContain('{{');
    expect(text).not.toContain('}}');
  });

  it('puts the clinic values where the YAML had placeholders', () => {
    const raw = parse(readFileSync(join(FIXTURE_KNOWLEDGE_DIR, 'faq.yaml'), 'utf8')) as { entries: { id: string; answer: string }[] };
    const clinic: Record<string, unknown> = fixtureKnowledgeBase.clinic;
    let checked = 0;
    for (const entry of raw.entries) {
      const loaded = fixtureKnowledgeBase.faq.find((candidate) => candidate.id === entry.id);
      for (const name of CLINIC_PLACEHOLDERS) {
        if (!entry.answer.includes(`{{${name}}}`)) continue;
        expect(loaded?.answer).toContain(String(clinic[name.slice('clinic.'.length)]));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

