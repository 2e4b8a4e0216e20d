import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { BlobStateStorage } from '../../bot/state/blobStateStorage';
import { BoundedMemoryStorage } from '../../bot/state/boundedMemoryStorage';
import { SafetyHold } from '../../dialogs/safetyHold';
import { startAzurite, type Azurite } from '../support/azurite';

/**
 * Concurrent turns of one conversation (a double-click, two tabs) each write the hold record. Each
 * turn has its own TurnContext, as in the adapter; every write must survive, on every storage.
 */
let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);

afterAll(async () => {
  await azurite.stop();
});

const storages: [string, () => Storage][] = [
  ['MemoryStorage', () => new MemoryStorage()],
  ['BoundedMemoryStorage', () => new BoundedMemoryStorage({ idleTtlMs: 60_000, maxItems: 100 })],
  ['Blob storage on Azurite', () => new BlobStateStorage(azurite.connectionString, 'race')],
];

function turn(conversationId: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'emulator',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'patient', name: 'Patient' },
    recipient: { id: 'bot', name: 'Bot' },
  });
}

describe.each(storages)('the safety hold on %s under concurrent turns', (_name, createStorage) => {
  it('keeps every one of 12 flags written at once to a record that did not exist yet', async () => {
    const storage = createStorage();
    const hold = new SafetyHold(storage, new ConversationState(storage));
    const id = `new-${Math.random().toString(36).slice(2)}`;
    const flags = Array.from({ length: 12 }, (_unused, index) => `question-${index}`);
    await Promise.all(flags.map((flag) => hold.addScreeningFlag(turn(id), flag)));
    expect([...(await hold.screeningFlags(turn(id)))].sort()).toEqual([...flags].sort());
  });

  it('keeps the emergency when a see-doctor hold and an emergency hold race, and the flags beside them', async () => {
    const storage = createStorage();
    const hold = new SafetyHold(storage, new ConversationState(storage));
    const id = `existing-${Math.random().toString(36).slice(2)}`;
    await hold.addScreeningFlag(turn(id), 'first');
    await Promise.all([
      hold.record(turn(id), 'see-doctor', 'red-flag-rule'),
      hold.record(turn(id), 'emergency', 'emergency-rule'),
      hold.addScreeningFlag(turn(id), 'second'),
      hold.record(turn(id), 'see-doctor', 'another-rule'),
    ]);
    expect(await hold.get(turn(id))).toEqual({ level: 'emergency', reason: 'emergency-rule' });
    expect([...(await hold.screeningFlags(turn(id)))].sort()).toEqual(['first', 'second']);
  });

  it('reads the hold back by its key, as the /book links do', async () => {
    const storage = createStorage();
    const hold = new SafetyHold(storage, new ConversationState(storage));
    const context = turn('by-key');
    await hold.record(context, 'see-doctor', 'rule');
    const key = hold.keyFor(context);
    expect(key).toBe('emulator/conversations/by-key/safety');
    expect(await hold.getByKey(key ?? '')).toEqual({ level: 'see-doctor', reason: 'rule' });
  });
});
