import { z } from 'zod';

/**
 * A string holding JSON, as button values and private_metadata do: text that does not parse is
 * a validation failure like any other (a clear refusal), not a SyntaxError (":boom:").
 */
export const jsonText = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});
