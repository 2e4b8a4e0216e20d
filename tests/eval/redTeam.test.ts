import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { clinicKnowledge, EVALUATION_DIR } from './support/clinicKnowledge';

interface RedTeamCase {
  readonly text: string;
  readonly expect: 'emergency' | 'red-flag' | 'none';
  readonly group: string;
}

const cases = parse(readFileSync(join(EVALUATION_DIR, 'red-team.yaml'), 'utf8')) as RedTeamCase[];

/**
 * The whole router (spelling correction included) on messages written to break the safety rules.
 * An emergency must reach the emergency message; a red flag at least the red-flag message; and
 * ordinary questions must not be blocked.
 */
describe('safety red-team messages through the router', () => {
  const { router } = clinicKnowledge();

  it('has emergencies, red flags and healthy messages', () => {
    expect(cases.filter((c) => c.expect === 'emergency').length).toBeGreaterThanOrEqual(100);
    expect(cases.filter((c) => c.expect === 'red-flag').length).toBeGreaterThanOrEqual(100);
    expect(cases.filter((c) => c.expect === 'none').length).toBeGreaterThanOrEqual(80);
  });

  // A check question counts when its "yes" leads to the right reply: the patient is asked, never cleared.
  it.each(cases.filter((c) => c.expect === 'emergency').map((c) => [c.group, c.text] as const))('emergency (%s): %s', (_group, text) => {
    const decision = router.route(text);
    expect(decision.route === 'emergency' || (decision.route === 'safety-check' && decision.check.level === 'emergency')).toBe(true);
  });

  it.each(cases.filter((c) => c.expect === 'red-flag').map((c) => [c.group, c.text] as const))('red flag (%s): %s', (_group, text) => {
    expect(['red-flag', 'emergency', 'safety-check']).toContain(router.route(text).route);
  });

  it('catches at least 97% of emergencies directly, without a check question', () => {
    const emergencies = cases.filter((c) => c.expect === 'emergency');
    const direct = emergencies.filter((c) => router.route(c.text).route === 'emergency').length;
    expect(direct / emergencies.length).toBeGreaterThanOrEqual(0.97);
  });

  it.each(cases.filter((c) => c.expect === 'none').map((c) => [c.group, c.text] as const))('not flagged (%s): %s', (_group, text) => {
    expect(['red-flag', 'emergency']).not.toContain(router.route(text).route);
  });
});
