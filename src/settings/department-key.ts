/**
 * How rules, the setup file and `/order queue` name a department. One rule wherever a key is
 * typed, so a key written in the setup file can be edited in Settings and the other way round.
 */
const pattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const departmentKeyMaxLength = 32;

/** What is wrong with a key, as "must …", or null when it is a good one. */
export function departmentKeyProblem(key: string): string | null {
  if (key.length > departmentKeyMaxLength) return `must be at most ${departmentKeyMaxLength} characters`;
  if (!pattern.test(key)) return 'must be lower-case letters, digits and single hyphens, like after-sales';
  return null;
}
