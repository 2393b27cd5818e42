// The layouts registry: titles come from place and year, never from constants; widths hold the content.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/sourceFiles';
import { textWidth } from '../../src/shared/layouts/columns';
import { findLayout, layoutByTitle, layouts } from '../../src/shared/layouts';

const place = { county: '某某县', township: '某某乡' };


describe('the layouts registry', () => {
  it('has one form per id, each found by its id', () => {
    expect(new Set(layouts.map((l) => l.id)).size).toBe(layouts.length);
    for (const layout of layouts) expect(findLayout(layout.id)).toBe(layout);
    expect(findLayout('nothing')).toBeUndefined();
  });

  it.each(layouts.map((l) => [l.id, l] as const))('%s: titled from the place and the year', (_id, layout) => {
    const title = layout.title(place, 2031);
    expect(title).toMatch(/某某[县乡]/);
    expect(title).not.toMatch(/正宁|五顷塬|2022|2023/);
    if (layout.id !== 'households' && layout.id !== 'members') expect(title).toContain('2031');
  });

  it('recognises the own-table forms by their titles', () => {
    for (const layout of layouts.filter((l) => l.reimport)) expect(layoutByTitle(layout.title(place, 2031))).toBe(layout);
    expect(layoutByTitle('某某县2031年度家庭成员信息')).toBeUndefined();
  });

  it('gives ID numbers, 户编号 and dates room to print whole, and headers at most three lines', () => {
    for (const layout of layouts) {
      for (const column of layout.columns) {
        const where = `${layout.id} › ${column.header}`;
        const source = column.source && 'column' in column.source ? column.source.column : undefined;
        if (source?.type === 'idNumber' || /证件号码|身份证/.test(column.header)) expect(column.width, where).toBeGreaterThanOrEqual(20);
        if (column.header === '户编号') expect(column.width, where).toBeGreaterThanOrEqual(18);
        if (source?.type === 'date') expect(column.width, where).toBeGreaterThanOrEqual(11);
        if (source?.type === 'phone') expect(column.width, where).toBeGreaterThanOrEqual(12);
        expect(textWidth(column.header), where).toBeLessThanOrEqual(3 * column.width);
      }
    }
  });

  it('keeps place and year out of the dictionary and the pages', () => {
    const files = [...sourceFiles(join(__dirname, '../../src/shared/tables')), ...sourceFiles(join(__dirname, '../../src/renderer'))];
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/正宁县|五顷塬|20\d\d年度/);
  });
});
