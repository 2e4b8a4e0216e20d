/**
 * Synthetic knowledge bases for the benchmark: the shipped knowledge base plus generated FAQ entries
 * up to a given size, every one valid (the loader accepts them, as it would a clinic's own).
 *
 * Entries are one of 12 question kinds (sessions, cost, home exercises, recovery…) about one of 180
 * conditions ("calf tightness", "tennis elbow"), for one of 20 patient groups or none ("for cyclists"),
 * so like a real FAQ they share their question words with many entries and their topic words with few.
 * A fixed seed makes every run generate the same entries.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { phrasingKey } from '../../knowledge/text/normalizeText';

const AREAS = [
  'calf', 'hamstring', 'quad', 'hip flexor', 'glute', 'lower back', 'upper back', 'neck', 'shoulder', 'rotator cuff',
  'forearm', 'wrist', 'thumb', 'elbow', 'ankle', 'achilles', 'foot arch', 'it band', 'groin', 'jaw', 'trap', 'shin',
  'knee', 'hip', 'piriformis',
];
const COMPLAINTS = ['tightness', 'stiffness', 'soreness', 'overuse strain', 'tendinopathy', 'knots'];
const NAMED_CONDITIONS = [
  'tennis elbow', 'golfers elbow', 'plantar fasciitis', 'shin splints', 'frozen shoulder', 'runners knee', 'jumpers knee',
  'carpal tunnel syndrome', 'de quervains tendinitis', 'piriformis syndrome', 'it band syndrome', 'achilles tendinitis',
  'rotator cuff tendinitis', 'trigger finger', 'text neck', 'mouse shoulder', 'desk posture pain', 'tight hip flexors',
  'pulled hamstring', 'calf strain', 'wrist tendinitis', 'thoracic stiffness', 'tmj tension', 'sciatic pain',
  'hip bursitis', 'patellar tendinopathy', 'adductor strain', 'scar tissue after surgery', 'old sprained ankle', 'writers cramp',
];
const CONDITIONS = [...AREAS.flatMap((area) => COMPLAINTS.map((complaint) => `${area} ${complaint}`)), ...NAMED_CONDITIONS];
const GROUPS = [
  '', 'runners', 'cyclists', 'office workers', 'swimmers', 'golfers', 'climbers', 'new parents', 'older adults', 'teenagers',
  'dancers', 'musicians', 'gardeners', 'drivers', 'nurses', 'builders', 'gamers', 'rowers', 'skiers', 'tennis players', 'weightlifters',
];

interface Kind {
  readonly id: string;
  readonly question: string;
  readonly alternates: readonly string[];
  /** How patients might ask it in their own words: the benchmark's messages, not phrasings of the entry. */
  readonly asked: readonly string[];
  readonly answer: string;
}

/** {c} is the condition, {for} " for <group>" or nothing, {g} the group or "people". */
const KINDS: readonly Kind[] = [
  {
    id: 'sessions-for',
    question: 'How many sessions for {c}{for}?',
    alternates: [
      'how many sessions do i need for {c}{for}', 'number of visits to fix {c}{for}', 'how many treatments will {c} take{for}',
      '{c} how many appointments{for}', 'sessions needed for {c}{for}', 'how many times do i come in for {c}{for}',
      'usual number of sessions for {c}{for}', 'will one session sort out {c}{for}',
    ],
    asked: ['roughly how many visits until my {c} is better', 'is one appointment enough for {c}'],
    answer: 'Most {g} with {c} notice a change within three to five sessions, and many need no more than six. Your provider checks how you respond at each visit and tells you honestly if more visits are unlikely to help. Longer-standing problems can take a little longer to settle. Please check with your doctor or physical therapist if you are unsure.',
  },
  {
    id: 'cost-for',
    question: 'What does treatment for {c} cost{for}?',
    alternates: [
      'how much does treatment for {c} cost{for}', 'price of a session for {c}{for}', 'what will i pay for {c} treatment{for}',
      '{c} treatment fees{for}', 'is {c} treatment expensive{for}', 'cost of fixing {c}{for}',
      'does insurance cover {c} treatment{for}', 'how much to treat {c}{for}',
    ],
    asked: ['what would it cost me to get my {c} looked at', 'are sessions for {c} covered'],
    answer: 'Treatment for {c} costs the same as any other session at the clinic, and the first visit includes an assessment. Many extended health plans cover it when a registered therapist provides it, so check your policy before you come. We are happy to give you a receipt for your insurer. Call the clinic to confirm current prices.',
  },
  {
    id: 'home-exercises',
    question: 'Which home exercises help {c}{for}?',
    alternates: [
      'what exercises can i do at home for {c}{for}', 'home routine for {c}{for}', 'stretches to do at home for {c}{for}',
      'exercises between sessions for {c}{for}', 'self care exercises for {c}{for}', 'what should i practise at home for {c}{for}',
      'daily exercises to ease {c}{for}', 'homework exercises for {c}{for}',
    ],
    asked: ['anything i can do myself at home about {c}', 'which moves should i practise for {c}'],
    answer: 'For {c}, your provider usually shows you two or three simple movements to repeat at home, chosen for {g} and the way you move. Gentle, regular practice works better than one long session. Stop any exercise that makes the problem clearly worse and mention it at your next visit. Please check with your doctor or physical therapist before starting a new routine.',
  },
  {
    id: 'recovery-time',
    question: 'How long does {c} take to recover{for}?',
    alternates: [
      'how long until {c} gets better{for}', 'recovery time for {c}{for}', 'when will my {c} heal{for}',
      'how many weeks for {c} to settle{for}', 'typical recovery from {c}{for}', 'how fast does {c} improve{for}',
      'timeline for getting over {c}{for}', 'will {c} go away soon{for}',
    ],
    asked: ['how soon can i expect my {c} to be gone', 'weeks or months for {c} to clear up'],
    answer: 'Recovery from {c} varies from person to person. Mild cases often ease within two to four weeks, while problems that have built up over months can take longer. Staying active within comfort, good sleep and the home exercises your provider suggests all help. Please check with your doctor or physical therapist if it is not improving.',
  },
  {
    id: 'what-to-expect-for',
    question: 'What happens in a session for {c}{for}?',
    alternates: [
      'what happens during treatment for {c}{for}', 'what will the therapist do for {c}{for}', 'what to expect at a {c} appointment{for}',
      'walk me through a session for {c}{for}', 'first visit for {c} what happens{for}', 'how is {c} treated in clinic{for}',
      'describe a {c} treatment session{for}', 'what do you do about {c}{for}',
    ],
    asked: ['what would you actually do with my {c}', 'how does a visit for {c} go'],
    answer: 'A session for {c} starts with a few questions and a look at how you move. The provider then works on the tissues involved with their hands while you move the area, and explains what they find as they go. Most sessions last about thirty minutes. You can ask them to stop or adjust the pressure at any time.',
  },
  {
    id: 'is-it-safe-for',
    question: 'Is treatment safe for {c}{for}?',
    alternates: [
      'is it safe to treat {c}{for}', 'any risks treating {c}{for}', 'can treatment make {c} worse{for}',
      'side effects of treatment for {c}{for}', 'is hands on treatment ok for {c}{for}', 'should i worry about treating {c}{for}',
      'who should avoid treatment for {c}{for}', 'is {c} safe to work on{for}',
    ],
    asked: ['could working on my {c} do any harm', 'is there any danger in treating {c}'],
    answer: 'For most {g}, hands-on treatment for {c} is safe, and the usual side effect is mild soreness for a day or two. Your provider asks about your health first and changes the approach if anything makes treatment unsuitable. Tell them about recent injuries, surgery or medicines. Please check with your doctor or physical therapist if you have any concerns.',
  },
  {
    id: 'evidence-for',
    question: 'Is there evidence it helps {c}{for}?',
    alternates: [
      'does research support treatment for {c}{for}', 'evidence for treating {c}{for}', 'is there proof it works for {c}{for}',
      'studies on {c} treatment{for}', 'does it really help {c}{for}', 'how well does treatment work for {c}{for}',
      'scientific support for {c} treatment{for}', 'is treating {c} backed by studies{for}',
    ],
    asked: ['has anyone studied whether this fixes {c}', 'any research showing it helps with {c}'],
    answer: 'Research on hands-on soft tissue treatment for {c} is limited but growing. Small studies and clinical experience suggest it can ease pain and improve movement for a while, especially alongside exercise, but large trials are still missing. Your provider will be honest about what it can and cannot do for you. Please check with your doctor or physical therapist as well.',
  },
  {
    id: 'ice-or-heat',
    question: 'Should I use ice or heat for {c}{for}?',
    alternates: [
      'ice or heat for {c}{for}', 'is heat better than ice for {c}{for}', 'should i put a hot pack on {c}{for}',
      'cold pack or warm pack for {c}{for}', 'does icing help {c}{for}', 'hot or cold for {c} after treatment{for}',
      'can i use a heating pad on {c}{for}', 'when to ice {c}{for}',
    ],
    asked: ['would a hot water bottle or a cold pack be better for {c}', 'do i warm up or cool down my {c}'],
    answer: 'For {c}, gentle heat usually feels better for stiffness and tightness, while a cold pack can calm a flare after a busy day. Use either for about fifteen minutes with a cloth between it and your skin. Neither replaces movement and the exercises your provider suggests. Please check with your doctor or physical therapist if you are unsure.',
  },
  {
    id: 'stretching-for',
    question: 'Does stretching help {c}{for}?',
    alternates: [
      'should i stretch {c}{for}', 'is stretching good for {c}{for}', 'best stretches for {c}{for}',
      'how often should i stretch for {c}{for}', 'can stretching fix {c}{for}', 'stretching routine for {c}{for}',
      'will stretching make {c} worse{for}', 'how long to hold stretches for {c}{for}',
    ],
    asked: ['is it worth stretching out my {c}', 'what kind of stretching is good for {c}'],
    answer: 'Gentle stretching often helps {c}, especially when it is done regularly rather than hard. Hold each stretch for about thirty seconds without bouncing and stop if it becomes painful. Your provider can show you the stretches that suit {g} and the tissues involved. Please check with your doctor or physical therapist before you push further.',
  },
  {
    id: 'soreness-after',
    question: 'Will I be sore after treatment for {c}{for}?',
    alternates: [
      'sore after treatment for {c}{for}', 'is it normal to ache after {c} treatment{for}', 'how long does soreness last after {c} treatment{for}',
      'achy the day after treating {c}{for}', 'what to do if sore after {c} session{for}', 'tender after work on {c}{for}',
      'does {c} treatment leave you sore{for}', 'post treatment soreness with {c}{for}',
    ],
    asked: ['my {c} feels achy since the session is that expected', 'should i expect to ache after working on {c}'],
    answer: 'Some soreness after treatment for {c} is common and usually fades within one or two days, much like after a workout. Gentle movement, water and a warm shower help. If the soreness is getting worse rather than better after two days, call the clinic so your provider can adjust the next session. Please check with your doctor or physical therapist if you are worried.',
  },
  {
    id: 'how-often-for',
    question: 'How often should I come in for {c}{for}?',
    alternates: [
      'how often are sessions for {c}{for}', 'weekly or monthly sessions for {c}{for}', 'how far apart should {c} sessions be{for}',
      'gap between treatments for {c}{for}', 'how frequently to treat {c}{for}', 'can i come every day for {c}{for}',
      'best schedule for {c} treatment{for}', 'how regularly should {c} be treated{for}',
    ],
    asked: ['how many days should i leave between visits for {c}', 'is once a week right for {c}'],
    answer: 'For {c}, sessions are usually a week apart at first, so the tissues have time to respond, and then further apart as things improve. Your provider suggests a schedule that fits {g} and your goals, and you can always change it. Coming more often is rarely better. Please check with your doctor or physical therapist if you have questions.',
  },
  {
    id: 'prevention-for',
    question: 'How can I stop {c} coming back{for}?',
    alternates: [
      'how to prevent {c}{for}', 'stop {c} from returning{for}', 'avoid getting {c} again{for}',
      'keep {c} from coming back{for}', 'prevention tips for {c}{for}', 'how do i protect myself from {c}{for}',
      'will {c} return after treatment{for}', 'habits that prevent {c}{for}',
    ],
    asked: ['what can i change so my {c} does not return', 'tips to keep {c} away for good'],
    answer: 'To keep {c} from coming back, build up activity gradually, take regular breaks from repeated movements and keep up the exercises your provider gave you. Small changes to your setup at work or in training often matter most for {g}. A check-in session when you first notice it returning can stop it building up. Please check with your doctor or physical therapist as well.',
  },
];

/** A small seeded generator (mulberry32), so every run builds the same knowledge base. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

const slug = (text: string): string => text.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function fill(template: string, condition: string, group: string): string {
  return template
    .replaceAll('{c}', condition)
    .replaceAll('{for}', group === '' ? '' : ` for ${group}`)
    .replaceAll('{g}', group === '' ? 'people' : group);
}

interface Topic {
  readonly kind: Kind;
  readonly condition: string;
  readonly group: string;
}

/** Every topic the generator can write about (12 × 180 × 21 = 45,360), in a fixed shuffled order. */
function topics(): Topic[] {
  const all = KINDS.flatMap((kind) => CONDITIONS.flatMap((condition) => GROUPS.map((group) => ({ kind, condition, group }))));
  return shuffled(all, seededRandom(12));
}

export const MAX_SYNTHETIC_ENTRIES = KINDS.length * CONDITIONS.length * GROUPS.length;

export interface SyntheticKnowledgeBase {
  /** A knowledge folder the loader reads like the shipped one. */
  readonly directory: string;
  readonly entries: number;
  /** Questions about the generated topics, worded unlike their phrasings: messages to route. */
  readonly messages: readonly string[];
}

/**
 * Writes a knowledge folder with `size` FAQ entries in all (the shipped ones first), by default under
 * the system's temporary folder, and returns where it is with messages about the generated topics.
 */
export function writeSyntheticKnowledgeBase(
  shippedDirectory: string,
  size: number,
  { messageCount = 120, directory = join(tmpdir(), `art-faq-bench-kb-${size}`) }: { readonly messageCount?: number; readonly directory?: string } = {},
): SyntheticKnowledgeBase {
  mkdirSync(directory, { recursive: true });
  for (const name of readdirSync(shippedDirectory)) {
    if (name.endsWith('.yaml') && name !== 'faq.yaml') copyFileSync(join(shippedDirectory, name), join(directory, name));
  }
  const shippedText = readFileSync(join(shippedDirectory, 'faq.yaml'), 'utf8');
  const shipped = (parse(shippedText) as { entries: { id: string; question: string; alternates: string[] }[] }).entries;
  const taken = new Set(shipped.flatMap((entry) => [entry.question, ...entry.alternates].map(phrasingKey)));
  const wanted = size - shipped.length;
  if (wanted > MAX_SYNTHETIC_ENTRIES) throw new Error(`The generator writes at most ${MAX_SYNTHETIC_ENTRIES + shipped.length} entries`);

  // Plain YAML written directly (JSON strings are valid YAML): the yaml library's writer is slow at 30,000 entries.
  const lines: string[] = [shippedText.trimEnd(), '', '  # ---------------------------------------------------------------- Synthetic (benchmark)'];
  const ids: string[] = [];
  const messages: string[] = [];
  const chosen = topics().slice(0, Math.max(0, wanted));
  const messageEvery = Math.max(1, Math.floor(chosen.length / messageCount));
  chosen.forEach(({ kind, condition, group }, index) => {
    const id = [kind.id, slug(condition), slug(group)].filter((part) => part !== '').join('-');
    const phrasings = [kind.question, ...kind.alternates].map((template) => fill(template, condition, group)).filter((phrasing) => {
      const key = phrasingKey(phrasing);
      if (taken.has(key)) return false;
      taken.add(key);
      return true;
    });
    const [question, ...alternates] = phrasings;
    if (question === undefined || alternates.length < 6) throw new Error(`The generator could not write six unique phrasings for ${id}`);
    const related = ids.length >= 2 ? ids.slice(-2) : ['what-is-art', 'how-art-works'];
    lines.push(
      `  - id: ${id}`,
      `    question: ${JSON.stringify(question.charAt(0).toUpperCase() + question.slice(1))}`,
      '    alternates:',
      ...alternates.map((alternate) => `      - ${JSON.stringify(alternate)}`),
      `    answer: ${JSON.stringify(fill(kind.answer, condition, group))}`,
      '    sources: [clinic]',
      `    related: [${related.join(', ')}]`,
      '',
    );
    ids.push(id);
    if (index % messageEvery === 0 && messages.length < messageCount) {
      messages.push(fill(kind.asked[messages.length % kind.asked.length] ?? '', condition, group));
    }
  });
  writeFileSync(join(directory, 'faq.yaml'), `${lines.join('\n')}\n`);
  return { directory, entries: shipped.length + chosen.length, messages };
}
