import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/db/csv.ts';

const cellsOf = (text: string) => {
  const read = readCsv(text);
  if (!read.ok) throw new Error(read.message);
  return read.records;
};

describe('the CSV reader', () => {
  it('splits cells on commas and records on LF or CRLF, each with the line it starts on', () => {
    expect(cellsOf('a,b,c\r\n1,2,3\n4,,6')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2', '3'] },
      { line: 3, cells: ['4', '', '6'] },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, and counts the lines they span', () => {
    const text = 'code,name\n"A,1","Say ""hi"""\n"B","two\r\nlines"\nC,after\n';
    expect(cellsOf(text)).toEqual([
      { line: 1, cells: ['code', 'name'] },
      { line: 2, cells: ['A,1', 'Say "hi"'] },
      { line: 3, cells: ['B', 'two\r\nlines'] },
      { line: 5, cells: ['C', 'after'] },
    ]);
  });

  it('drops a byte-order mark, skips blank lines and keeps an empty quoted cell', () => {
    expect(cellsOf('\uFEFFcode,name\r\n\r\n""\r\nX,Y\r\n\r\n')).toEqual([
      { line: 1, cells: ['code', 'name'] },
      { line: 3, cells: [''] },
      { line: 4, cells: ['X', 'Y'] },
    ]);
  });

  it('keeps spaces, emoji and CJK text as they are', () => {
    expect(cellsOf(' a , 株式会社 🌸 ')[0]?.cells).toEqual([' a ', ' 株式会社 🌸 ']);
  });

  it('says on which line a quote is misplaced or never closed', () => {
    expect(readCsv('a,b\n1,x"y\n')).toEqual({
      ok: false,
      line: 2,
      message:
        'a quote inside a cell that does not start with one: put the cell in quotes and write the quote as ""',
    });
    expect(readCsv('a\n"x"y\n')).toEqual({
      ok: false,
      line: 2,
      message: 'text after a closing quote: inside a quoted cell, write a quote as ""',
    });
    expect(readCsv('a\nb\n"open\nstill\n')).toEqual({
      ok: false,
      line: 3,
      message: 'a quote that is never closed',
    });
  });

  it('reads an empty file as no records', () => {
    expect(cellsOf('')).toEqual([]);
    expect(cellsOf('\uFEFF\r\n')).toEqual([]);
  });
});
