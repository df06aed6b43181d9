/** What reading one typed value gives: the value, or a message saying what is wrong with the text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function accepted<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function refused<T>(message: string): Parsed<T> {
  return { ok: false, message };
}
