export {
  type BlockKitIssue,
  formatIssue,
  LIMITS,
  summedBlockText,
  validateMessageBlocks,
  validateView,
} from './block-kit-limits.ts';
export { DEFAULT_SCOPES, FakeSlack, type FakeSlackOptions, startFakeSlack } from './fake-slack.ts';
export type { Fault, FaultOptions, FaultStorm } from './faults.ts';
export { RESPONSE_URL_TTL_MS, RESPONSE_URL_USES, type ResponseTarget } from './response-urls.ts';
export { TRIGGER_TTL_MS } from './triggers.ts';
export type * from './types.ts';
export { MAX_VIEW_STACK } from './views.ts';
