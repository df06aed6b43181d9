import { chatMethods } from './chat.ts';
import { conversationMethods } from './conversations.ts';
import { fileMethods } from './files.ts';
import { historyMethods } from './history.ts';
import type { MethodSpec } from './method.ts';
import { userMethods } from './users.ts';
import { viewMethods } from './views.ts';

export type { MethodCall, MethodSpec } from './method.ts';

export const METHODS: Readonly<Record<string, MethodSpec>> = {
  ...chatMethods,
  ...conversationMethods,
  ...fileMethods,
  ...historyMethods,
  ...userMethods,
  ...viewMethods,
};
