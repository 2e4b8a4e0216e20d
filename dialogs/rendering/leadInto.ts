import type { Activity } from 'botbuilder';

/**
 * One message of two: a lead (the answer to a side question, a help text) and the question that
 * follows it. The texts join as paragraphs; the lead's cards come first; the buttons are the
 * question's, after any of the lead's, as the patient answers the question next.
 */
export function leadInto(lead: Partial<Activity>, question: Partial<Activity>): Partial<Activity> {
  const text = [lead.text, question.text].filter((part) => part !== undefined && part !== '').join('\n\n');
  const attachments = [...(lead.attachments ?? []), ...(question.attachments ?? [])];
  const actions = [...(lead.suggestedActions?.actions ?? []), ...(question.suggestedActions?.actions ?? [])];
  return {
    ...question,
    text,
    ...(attachments.length === 0 ? {} : { attachments }),
    ...(actions.length === 0 ? {} : { suggestedActions: { to: question.suggestedActions?.to ?? [], actions } }),
  };
}
