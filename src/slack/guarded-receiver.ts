import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type CustomRoute,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  type Logger,
} from '@slack/bolt';
import { checkPayload } from './check-payload.ts';
import { preparedJsonOf } from './prepared-answer.ts';
import { readBody } from './request-body.ts';
import { SeenSignatures, signatureProblem } from './request-signature.ts';

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: Logger;
  customRoutes: CustomRoute[];
  /** True the first time an Events API event_id is seen (handled-events.ts). */
  claimEvent(eventId: string): Promise<boolean>;
}

/** Slack shows an error after 3 s; past that an answer only closes the connection. */
const ACK_WATCHDOG_MS = 3000;
const EVENTS_PATH = '/slack/events';

/**
 * Bolt's HTTP receiver with orderdesk's own front door for POST /slack/events. Bolt's request
 * handling ran outside any try (a signed `payload=null` threw and stopped the process), accepted
 * timestamps from the future and replays, and passed payloads with missing fields to code that
 * throws on them (HTTP 500) or to no listener (a 3-second wait, then 404). Here every request is
 * read, verified and checked before Bolt sees it, and always gets exactly one answer: 401 for a
 * bad signature, 400 for a body that is not an object, and 200 with nothing done for a signed
 * payload orderdesk cannot use. Other paths (/healthz) are Bolt's as before.
 */
export class GuardedReceiver extends HTTPReceiver {
  readonly #o: GuardedReceiverOptions;
  readonly #seen = new SeenSignatures();
  #replayCacheFullWarnedAt = Number.NEGATIVE_INFINITY;
  #app: App | undefined;

  constructor(options: GuardedReceiverOptions) {
    // Signatures are checked below, both ways in time, before Bolt parses anything.
    super({
      signingSecret: options.signingSecret,
      logger: options.logger,
      customRoutes: options.customRoutes,
      signatureVerification: false,
    });
    this.#o = options;
    const bolt = this.requestListener;
    this.requestListener = (req, res) => {
      if (req.method === 'POST' && pathOf(req.url) === EVENTS_PATH) {
        void this.#handle(req, res);
        return;
      }
      bolt(req, res);
    };
  }

  override init(app: App): void {
    super.init(app);
    this.#app = app;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.#answer(req, res);
    } catch (error) {
      this.#o.logger.error('a request to /slack/events failed outside its handler', error);
      answer(res, 200);
    }
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.#o;
    let rawBody: Buffer;
    try {
      rawBody = (await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit)).rawBody;
    } catch (error) {
      const tooLarge = isRawBodyError(error) && error.statusCode === 413;
      return answer(res, tooLarge ? 413 : 400);
    }
    const read = readBody(req.headers['content-type'], rawBody);
    // Slack's certificate check carries no signature and asks for nothing but a 200.
    if (read.kind === 'ssl_check') return answer(res, 200);

    const nowSeconds = Math.floor(Date.now() / 1000);
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    const problem = signatureProblem(this.#o.signingSecret, { rawBody, signature, timestamp }, nowSeconds);
    if (problem) {
      logger.warn(`refused a request to ${EVENTS_PATH} with ${problem}`);
      return answer(res, 401);
    }
    // An event sent twice is caught by its event_id below, and Slack's first retry comes "nearly
    // immediately" with the same body, so possibly the same second and the same signature.
    const isEvent = read.kind === 'object' && read.body.type === 'event_callback';
    const fresh = this.#seen.firstTime(String(signature), Number(timestamp), nowSeconds, () =>
      this.#warnReplayCacheFull(nowSeconds),
    );
    if (!fresh && !isEvent) {
      logger.warn(`refused a replayed request to ${EVENTS_PATH} (a signature already seen)`);
      return answer(res, 401);
    }
    if (read.kind === 'unreadable') {
      logger.warn(`refused a signed request to ${EVENTS_PATH}: ${read.reason}`);
      return answer(res, 400);
    }
    if (read.body.type === 'url_verification') {
      return answer(res, 200, { challenge: String(read.body.challenge ?? '') });
    }

    const checked = checkPayload(read.body, read.mayHoldControlCharacters);
    if (!('envelope' in checked)) {
      if (!checked.answer) logger.warn(`ignored ${checked.why}`);
      return answer(res, 200, checked.answer ?? undefined);
    }
    const { envelope } = checked;
    if (envelope.kind === 'home_opened' && !(await this.#firstDelivery(envelope.body.event_id))) {
      logger.info(`event ${envelope.body.event_id} was handled already; a retry is acknowledged only`);
      return answer(res, 200);
    }

    const ack = new OnceAck(res, logger);
    try {
      await this.#app?.processEvent({
        body: envelope.body,
        ack: ack.fn,
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
        // The router dispatches on the checked envelope instead of reading the body again.
        customProperties: { envelope },
      });
    } catch (error) {
      logger.error('unhandled error while handling a Slack request', error);
    } finally {
      ack.settle();
    }
  }

  #warnReplayCacheFull(nowSeconds: number): void {
    if (nowSeconds - this.#replayCacheFullWarnedAt < 60) return;
    this.#replayCacheFullWarnedAt = nowSeconds;
    this.#o.logger.warn('too many requests to remember their signatures: replays are not refused for now');
  }

  async #firstDelivery(eventId: string): Promise<boolean> {
    try {
      return await this.#o.claimEvent(eventId);
    } catch (error) {
      // Without the database the event cannot be checked; handling it twice beats losing it.
      this.#o.logger.warn('could not check whether an event was handled already', error);
      return true;
    }
  }
}

/**
 * The one answer a request gets: the handler's ack, or an empty 200 when the handling ended (or
 * Slack's 3 seconds passed) without one. A later ack is dropped instead of writing to a response
 * already sent (Bolt's ERR_HTTP_HEADERS_SENT and "ack called multiple times").
 */
class OnceAck {
  #answered = false;
  readonly #timer: NodeJS.Timeout;
  readonly res: ServerResponse;
  readonly logger: Logger;

  constructor(res: ServerResponse, logger: Logger) {
    this.res = res;
    this.logger = logger;
    this.#timer = setTimeout(() => {
      if (this.#answered) return;
      this.logger.warn(`a request was not acknowledged within ${ACK_WATCHDOG_MS} ms`);
      this.settle();
    }, ACK_WATCHDOG_MS);
    this.#timer.unref();
  }

  readonly fn = async (response?: unknown): Promise<void> => {
    if (this.#answered) {
      this.logger.debug('a second ack for one request was dropped');
      return;
    }
    this.#answered = true;
    clearTimeout(this.#timer);
    const prepared = preparedJsonOf(response);
    if (prepared) {
      this.res.writeHead(200, { 'content-type': 'application/json', 'content-length': prepared.length });
      this.res.end(prepared);
      return;
    }
    HTTPModuleFunctions.buildContentResponse(this.res, response);
  };

  settle(): void {
    if (this.#answered) return;
    this.#answered = true;
    clearTimeout(this.#timer);
    answer(this.res, 200);
  }
}

function answer(res: ServerResponse, status: number, body?: Record<string, unknown>): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';
