// The lines of an import's report, packed: every row's line comes back as it went in, in row order, across threads.
import { describe, expect, it } from 'vitest';
import { NOT_IMPORTED, ReportLines } from '../../src/main/services/import/reportLines';
import type { ImportLine } from '../../src/shared/imports';

const line = (rowNo: number, status: ImportLine['status'], hhNo: string | null, name: string | null, idNumber: string | null, reason = ''): ImportLine => ({ rowNo, status, hhNo, name, idNumber, reason });

describe('the packed lines of an import report', () => {
  const household = [
    line(4, '新增', '6210251030010001', '马海军', '11010519491231002X'),
    line(5, '更新', '6210251030010001', '冯淑珍', '621025196702197786', '修改：健康状况、劳动技能'),
    line(6, '未变', '6210251030010001', '马小龙', '', '成员信息未变（户信息有修改）'),
  ];
  const apart = [line(3, '跳过', null, null, null, '合计行'), line(7, '拒绝', '', '无户号', '621025196702197786', '缺少户编号'), line(8, '新增', '6210251030010002', '', null)];

  it('gives back every line as pushed, nulls and empty texts apart, in the order of the rows', () => {
    const lines = ReportLines.of([...household, ...apart]);
    expect(lines.length).toBe(6);
    expect([...lines]).toEqual([apart[0], ...household, apart[1], apart[2]]);
    expect(lines.where(NOT_IMPORTED, 10)).toEqual([apart[0], apart[1]]);
    expect(lines.where(NOT_IMPORTED, 1)).toEqual([apart[0]]);
  });

  it('keeps each line of parts packed in another thread, their reasons and households, after its own', () => {
    const lines = ReportLines.of(household.slice(0, 1));
    // A part as the planning thread posts it: structured-cloned, its buffers transferred.
    const { packed, transfer } = ReportLines.of([...household.slice(1), ...apart]).pack();
    lines.append(structuredClone(packed, { transfer }));
    lines.push(line(9, '新增', '6210251030010002', '马思源', '620102198001010019', '已有户的新成员'));
    expect([...lines]).toEqual([apart[0], ...household, apart[1], apart[2], line(9, '新增', '6210251030010002', '马思源', '620102198001010019', '已有户的新成员')]);
    expect([...ReportLines.unpack(lines.pack().packed)]).toEqual([...lines]);
  });

  it('keeps the fields apart when a text holds the characters that part them (Excel writes them as _x001F_, _x0000_)', () => {
    const lines = ReportLines.of([line(4, '新增', '6210251030010001', '马\x1f海军', '\x00'), line(5, '新增', '6210251030010001', '冯淑珍', null)]);
    expect([...lines]).toEqual([line(4, '新增', '6210251030010001', '马\ufffd海军', '\ufffd'), line(5, '新增', '6210251030010001', '冯淑珍', null)]);
  });

  it('holds the lines of a county in under 50 bytes each', () => {
    const lines = new ReportLines();
    for (let i = 0; i < 10_000; i++) {
      const hhNo = `62102510300${String(Math.floor(i / 3)).padStart(5, '0')}`;
      lines.push(line(i + 4, '新增', hhNo, '马海军', `6210251968010${String(i).padStart(5, '0')}`));
    }
    const { packed } = lines.pack();
    const bytes = packed.rowNos.byteLength + packed.codes.byteLength + packed.reasonIds.byteLength + packed.ends.byteLength + packed.text.byteLength;
    expect(bytes / lines.length).toBeLessThan(50);
    expect([...lines][9_999]).toEqual(line(10_003, '新增', '6210251030003333', '马海军', '621025196801009999'));
  });
});
