import { lazySchema } from '../knowledge/loading/lazySchema';

/**
 * The shape an incoming activity must have before the bot may run on it. botbuilder trusts what
 * it is sent: `"entities": "x"`, a numeric `from.role` or `membersAdded` as a string throw deep
 * inside a turn, which used to reach onTurnError. Checked here instead, each such body gets a 400
 * naming the field, and the bot never sees it. Unknown fields pass through untouched.
 */

/** Deeper JSON than this is refused: no channel sends it, and deep values cost stack in every walker. */
export const MAX_ACTIVITY_DEPTH = 32;

const activitySchema = lazySchema((z) => {
  const text = z.string();
  const account = z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    role: z.string().optional(),
    aadObjectId: z.string().optional(),
  });
  const member = account.extend({ id: z.string() });
  const plainObject = z.looseObject({});

  return z.looseObject({
    id: text.optional(),
    text: text.optional(),
    locale: text.optional(),
    textFormat: text.optional(),
    inputHint: text.optional(),
    replyToId: text.optional(),
    name: text.optional(),
    action: text.optional(),
    timestamp: text.optional(),
    localTimestamp: text.optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z.looseObject({
      id: z.string(),
      isGroup: z.boolean().optional(),
      conversationType: text.optional(),
      tenantId: text.optional(),
      name: text.optional(),
    }),
    membersAdded: z.array(member).optional(),
    membersRemoved: z.array(member).optional(),
    entities: z.array(plainObject).optional(),
    attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
    suggestedActions: plainObject.optional(),
    channelData: plainObject.optional(),
  });
});

/** Nesting depth of a JSON value, walked without recursion so a hostile body cannot exhaust the stack. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** Why a body is not a Bot Framework activity the bot can safely run on, or undefined when it is one. */
export function describeMalformedActivity(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return 'The request body is empty.';
  if (typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
  const activity = body as { type?: unknown; channelId?: unknown; serviceUrl?: unknown; conversation?: { id?: unknown } | null };
  if (!isText(activity.type)) return 'The activity has no "type".';
  if (!isText(activity.channelId)) return 'The activity has no "channelId".';
  if (typeof activity.conversation !== 'object' || activity.conversation === null || !isText(activity.conversation.id)) {
    return 'The activity has no "conversation.id".';
  }
  if (!isHttpUrl(activity.serviceUrl)) return 'The activity has no valid "serviceUrl" (an http or https address).';
  if (jsonDepth(body, MAX_ACTIVITY_DEPTH) > MAX_ACTIVITY_DEPTH) return `The activity is nested deeper than ${MAX_ACTIVITY_DEPTH} levels.`;
  const parsed = activitySchema().safeParse(body);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue === undefined || issue.path.length === 0 ? 'activity' : issue.path.map(String).join('.');
    return `The activity field "${field}" has the wrong type.`;
  }
  return undefined;
}
