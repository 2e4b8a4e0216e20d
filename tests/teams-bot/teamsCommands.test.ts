import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

interface Manifest {
  readonly bots: readonly { readonly commandLists: readonly { readonly commands: readonly { readonly title: string }[] }[] }[];
}

const manifest = JSON.parse(readFileSync(join(findProjectRoot(), 'teams', 'manifest.json'), 'utf8')) as Manifest;
const commandTitles = [...new Set(manifest.bots.flatMap((bot) => bot.commandLists.flatMap((list) => list.commands.map((command) => command.title))))];

describe('the Teams command menu', () => {
  const { router } = fixtureKnowledge();

  // Teams sends a command's title as the message text, so each one must reach a real answer.
  it.each(commandTitles)('"%s" is answered outright, not met with "did you mean" or the fallback', (title) => {
    const decision = router.route(title);
    expect(['answer', 'smalltalk']).toContain(decision.route);
  });

  it('offers booking', () => {
    expect(commandTitles.map((title) => router.route(title).id)).toContain('find-provider');
  });
});
