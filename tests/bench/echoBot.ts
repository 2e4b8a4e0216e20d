/**
 * The benchmark's floor: a bare echo bot on the same server stack as the project (restify 11,
 * botbuilder's CloudAdapter, unauthenticated like the Emulator), as in Bot Framework's echo sample.
 * Whatever a turn costs here, every bot on this stack pays; the project's figures are read against it.
 * Run compiled (`node dist/tests/bench/echoBot.js`), listening on PORT (default 3978) on loopback.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify, { type Next, type Request, type Response } from 'restify';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text ?? ''}`));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.get('/healthz', (_req: Request, res: Response, next: Next) => {
  res.json({ status: 'ok' });
  next();
});
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1');
