/** What tests read off an error that drizzle wrapped around the driver's. */

/** The first SQLSTATE along the error's causes, or null. */
export function sqlState(error: unknown): unknown {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ('code' in e) return e.code;
  }
  return null;
}

/** Every message along the error's causes, outermost first. */
export function messages(error: unknown): string {
  const all: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) all.push(e.message);
  return all.join(' ← ');
}
