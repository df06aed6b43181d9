/** The calendar date (YYYY-MM-DD) at `at` in a time zone: what "today" means to the business. */
export function calendarDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function calendarYear(at: Date, timeZone: string): number {
  return Number(calendarDate(at, timeZone).slice(0, 4));
}
