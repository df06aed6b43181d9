import type { AddressInfo } from 'node:net';
import type { Fault, FaultOptions, FaultStorm } from './faults.ts';
import type { ResponseReply, ResponseTarget } from './response-urls.ts';
import { createFakeSlackServer } from './server.ts';
import { type FakeSlackOptions, SlackState } from './slack-state.ts';
import type {
  CallRecord,
  FakeChannel,
  FakeMessage,
  FakeUser,
  MessageInput,
  NewChannel,
  NewUser,
} from './types.ts';

export { DEFAULT_SCOPES, type FakeSlackOptions } from './slack-state.ts';

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const slack = new FakeSlack(options);
  await slack.listen(options.port ?? 0);
  return slack;
}

/**
 * A Slack workspace with one installed app, answering the Web API on loopback. State is public
 * so a test (or the sandbox page) can arrange a situation and then read what the bot did.
 */
export class FakeSlack extends SlackState {
  readonly #server = createFakeSlackServer(this);

  /** For `new WebClient(token, { slackApiUrl })`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        const { port: bound } = this.#server.address() as AddressInfo;
        this.origin = `http://127.0.0.1:${bound}`;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      // fetch keeps connections alive; without this, close() waits for them to time out.
      this.#server.closeAllConnections();
    });
  }

  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  addUser(user: NewUser): FakeUser {
    return this.workspace.addUser(user);
  }

  addChannel(channel: NewChannel): FakeChannel {
    return this.workspace.addChannel(channel);
  }

  /** A message a person typed, e.g. one the bot must not be able to edit. */
  postAsUser(
    user: string,
    channel: string,
    text: string,
    extra: Omit<MessageInput, 'text' | 'user'> = {},
  ): FakeMessage {
    return this.workspace.post(channel, { ...extra, text, user });
  }

  messages(channel: string): FakeMessage[] {
    return this.workspace.messages(channel);
  }

  issueTriggerId(user: string): string {
    return this.triggers.issue(user);
  }

  issueResponseUrl(target: ResponseTarget): string {
    return `${this.origin}${this.responseUrls.issue(target)}`;
  }

  /** Slack shows a slash command's ack body like a response_url reply, without spending a use. */
  showCommandReply(responseUrl: string, reply: unknown): ResponseReply {
    const id = new URL(responseUrl).pathname.split('/').at(-1) ?? '';
    return this.responseUrls.deliver(id, reply, 'command_ack');
  }

  failNext(method: string, fault: Fault, options?: FaultOptions): void {
    this.faults.add(method, fault, options);
  }

  /** Until `calm()`, a share of the calls to some methods fail at random (see `FaultStorm`). */
  storm(storm: FaultStorm): void {
    this.faults.storm(storm);
  }

  calm(): void {
    this.faults.calm();
  }

  /** Turns on Slack's one-post-per-second-per-channel limit (429, Retry-After: 1). */
  setChannelRateLimit(enabled: boolean): void {
    this.postLimiter.enabled = enabled;
  }
}
