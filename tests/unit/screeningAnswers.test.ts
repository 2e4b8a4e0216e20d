import { ScreeningAnswers } from '../../knowledge/screening/screeningAnswers';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

describe('screening answers', () => {
  const { knowledgeBase } = fixtureKnowledge();
  const answers = new ScreeningAnswers(knowledgeBase.screening);

  it.each([
    ['Yes', 'yes'],
    ['yep', 'yes'],
    ['yes but only a little', 'yes'],
    ['not sure', 'yes'],
    ['no idea', 'yes'],
    ['no clue tbh', 'yes'],
    ['maybe', 'yes'],
    ['No', 'no'],
    ['nope', 'no'],
    ['nah', 'no'],
    ['no thanks', 'no'],
    ['nope, none of those', 'no'],
    ["no i don't", 'no'],
    ['not really', 'no'],
    ["I don't think so", 'no'],
    ['none of them apply to me', 'no'],
  ] as const)('"%s" is %s (unsure counts as yes: better checked than missed)', (text, expected) => {
    expect(answers.yesNo(text)).toBe(expected);
  });

  it.each(['nope, only sometimes', 'no, well a little', 'no, not anymore', 'none except the calf swelling', 'yes no', 'purple', 'my knee'])(
    '"%s" is not a clear answer, so the question is asked again',
    (text) => {
      expect(answers.yesNo(text)).toBeUndefined();
    },
  );

  it.each([
    ['my lower back', 'back'],
    ['Neck or shoulder', 'neck-shoulder'],
    ['my achilles', 'foot-ankle'],
    ['tennis elbow', 'arm-elbow-wrist'],
    ['my upper back and traps', 'neck-shoulder'],
    ['somewhere else', 'other'],
  ])('understands the area in "%s"', (text, areaId) => {
    expect(answers.area(text, knowledgeBase.screening.areas)?.id).toBe(areaId);
  });
});
