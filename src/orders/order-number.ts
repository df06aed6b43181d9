/** Order numbers read `SO-2026-000123`: the year the order was received and its place in that year. */
export const orderNumberPattern = /^SO-\d{4}-\d{6,}$/;
