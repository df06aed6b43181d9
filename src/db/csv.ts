/**
 * A small CSV reader (RFC 4180 as spreadsheets write it): cells separated by commas, records by
 * CRLF or LF; a cell in double quotes may hold commas, line breaks and doubled quotes (""). A
 * byte-order mark is dropped and blank lines are skipped. Each record keeps the line it starts
 * on, so a problem can be reported where the person will find it in their editor.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function readCsv(text: string): CsvRead {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  /** The cell began with a quote (even if it is empty). */
  let quoted = false;
  let inQuotes = false;
  let afterClosingQuote = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    quoted = false;
    afterClosingQuote = false;
  };
  const endRecord = () => {
    const blank = cells.length === 0 && cell === '' && !quoted;
    endCell();
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const next = input[i + 1];
    if (inQuotes) {
      if (c === '"' && next === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
        afterClosingQuote = true;
      } else {
        if (c === '\n' || (c === '\r' && next !== '\n')) line++;
        cell += c;
      }
      continue;
    }
    if (c === ',') {
      endCell();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && next === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterClosingQuote) {
      return {
        ok: false,
        line,
        message: 'text after a closing quote: inside a quoted cell, write a quote as ""',
      };
    } else if (c === '"') {
      if (cell !== '') {
        return {
          ok: false,
          line,
          message:
            'a quote inside a cell that does not start with one: put the cell in quotes and write the quote as ""',
        };
      }
      quoted = true;
      inQuotes = true;
      quoteLine = line;
    } else {
      cell += c;
    }
  }
  if (inQuotes) return { ok: false, line: quoteLine, message: 'a quote that is never closed' };
  endRecord();
  return { ok: true, records };
}
