import { z } from 'zod';

/** The App Home's lists, each paged on its own. */
export const homeLists = ['mine', 'unassigned', 'needsMe'] as const;
export type HomeList = (typeof homeLists)[number];

/** Which page of each list is shown (0 is the first). */
export type HomePages = Record<HomeList, number>;

/** A customer code as the Customers picker carries it. */
export const customerCode = z.string().trim().min(1).max(40);

export const firstPages: HomePages = { mine: 0, unassigned: 0, needsMe: 0 };

/**
 * Items per page. Each list is one section whose lines must stay under Slack's 3,000
 * characters, and the whole tab under 100 blocks; ten short lines keep to both with room.
 */
export const pageSize = 10;

const page = z.number().int().min(0).max(10_000);
const pagesSchema = z.object({
  mine: page,
  unassigned: page,
  needsMe: page,
});

/** A Show more / Previous button carries the pages the Home will show after the click. */
export const encodePages = (pages: HomePages): string => JSON.stringify(pages);

/** The pages a button asked for; anything unreadable is the first page of every list. */
export function decodePages(value: string | undefined): HomePages {
  try {
    const parsed = pagesSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : firstPages;
  } catch {
    return firstPages;
  }
}
