// Operations that span tables are built in one place (src/shared/commands.ts); pages only call them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/sourceFiles';
import { addMember, clearCells, confirmFindings, deleteRows, editCell, fillCells, moveHouseholds, pasteCells, refusedCells, saveProfile, saveSettings, unconfirmFindings, withRecordsMade } from '../../src/shared/commands';
import type { Finding } from '../../src/shared/rules/types';
import { idFor } from './rules-fixture';

const finding = (severity: 'error' | 'warning', rowId: number): Finding => ({
  ruleId: 'member.x', severity, table: 'members', rowId, field: 'health', message: '…', householdId: 1, villageId: 1, hhNo: null, idNumber: null,
});


describe('commands', () => {
  it('deletes a household as one delete, which the store expands into its records', () => {
    expect(deleteRows('households', [3, 4])).toEqual({ label: '删除 2 户', changes: [{ op: 'delete', table: 'households', ids: [3, 4] }] });
    expect(deleteRows('problems', [9]).label).toBe('删除 1 条问题');
  });

  it('makes the first member of a household its 户主', () => {
    expect(addMember(5, true).changes[0]).toMatchObject({ op: 'insert', table: 'members', rows: [{ householdId: 5, relation: '户主' }] });
    expect(addMember(5, false).changes[0]).toMatchObject({ rows: [{ relation: null }] });
  });

  it('moves households with their village', () => {
    expect(moveHouseholds([1, 2], { id: 7, villageId: 3 }).changes[0]).toEqual({ op: 'update', table: 'households', rows: [{ id: 1, villageId: 3, groupId: 7 }, { id: 2, villageId: 3, groupId: 7 }] });
  });

  it('fills 性别 and 出生日期 from a typed ID in the same change set', () => {
    const id = idFor('1978-05-10', '男');
    const set = editCell('members', { id: 8, sex: null, birthDate: null }, 'idNumber', id);
    expect(set.label).toBe('修改家庭成员的「证件号码」');
    expect(editCell('members', { id: 8, name: '马海军' }, 'health', '健康').label).toBe('修改家庭成员「马海军」的「健康状况」');
    expect(editCell('households', { id: 2, hhNo: '6210251030010001' }, 'address', '一组').label).toBe('修改户「6210251030010001」的「家庭住址」');
    expect(editCell('members', { id: 8, name: '马海军' }, 'name', '马海君').label).toBe('修改家庭成员的「姓名」');
    expect(set.changes[0]).toMatchObject({ op: 'update', table: 'members', rows: [{ id: 8, idNumber: id, sex: '男', birthDate: '1978-05-10' }] });
  });

  it('confirms 提醒 only, and takes back the confirmations of chosen findings', () => {
    const set = confirmFindings([finding('error', 1), finding('warning', 2)], '已入户核实', '李思源', '2023-11-10T00:00:00Z');
    expect(set.changes[0]).toMatchObject({ op: 'insert', table: 'confirmations', rows: [{ ruleId: 'member.x', target: 'members:2:health', reason: '已入户核实', confirmedBy: '李思源' }] });
    const stored = [{ id: 11, ruleId: 'member.x', target: 'members:2:health' }, { id: 12, ruleId: 'member.x', target: 'members:3:health' }];
    expect(unconfirmFindings([finding('warning', 2)], stored).changes[0]).toEqual({ op: 'delete', table: 'confirmations', ids: [11] });
  });

  it('saves settings as inserts and updates of what changed, or nothing', () => {
    const stored = [{ id: 1, key: 'operator', value: '李思源' }];
    expect(saveSettings(stored, { operator: '李思源', township: '' })).toBeNull();
    expect(saveSettings(stored, { operator: '王建国', township: '五顷塬回族乡' })!.changes).toEqual([
      { op: 'insert', table: 'settings', rows: [{ key: 'township', value: '五顷塬回族乡' }] },
      { op: 'update', table: 'settings', rows: [{ id: 1, value: '王建国' }] },
    ]);
  });

  it('saves the profile of the work year, or switches the work year first', () => {
    const settings = [{ id: 1, key: 'workYear', value: '2023' }];
    expect(saveProfile(settings, 2023, '2023', undefined, { monitoringLine: '7000' })!.changes).toEqual([{ op: 'insert', table: 'profiles', rows: [{ year: 2023, monitoringLine: '7000' }] }]);
    expect(saveProfile(settings, 2023, '2024', undefined, {})!.changes).toEqual([{ op: 'update', table: 'settings', rows: [{ id: 1, value: '2024' }] }]);
  });

  it('pastes a block as ONE update, taking vocabulary numbers and initials as typing does', () => {
    const id = idFor('1978-05-10', '男');
    const set = pasteCells('members', [
      { row: { id: 1, sex: null, birthDate: null }, field: 'name', value: ' 马海军 ' },
      { row: { id: 1, sex: null, birthDate: null }, field: 'idNumber', value: id },
      { row: { id: 2 }, field: 'relation', value: 'po' },
      { row: { id: 2 }, field: 'health', value: '2 cj' },
      { row: { id: 2 }, field: 'note', value: '' },
      { row: { id: 2 }, field: 'headName', value: '不是本表的列' },
    ]);
    expect(set.label).toBe('粘贴 5 个单元格');
    expect(set.changes).toEqual([
      {
        op: 'update',
        table: 'members',
        rows: [
          { id: 1, name: '马海军', idNumber: id, sex: '男', birthDate: '1978-05-10' },
          { id: 2, relation: '配偶', health: '长期慢性病,残疾', note: null },
        ],
      },
    ]);
  });

  it('lets a pasted value win over what an ID number fills in', () => {
    const set = pasteCells('members', [
      { row: { id: 1, sex: null }, field: 'sex', value: '女' },
      { row: { id: 1, sex: null }, field: 'idNumber', value: idFor('1978-05-10', '男') },
    ]);
    expect(set.changes[0]).toMatchObject({ rows: [{ id: 1, sex: '女' }] });
  });

  it('fills values down or right across a range as ONE update', () => {
    expect(fillCells('members', [{ row: { id: 3 }, field: 'ethnicity', value: '回族' }, { row: { id: 4 }, field: 'ethnicity', value: '回族' }])).toEqual({
      label: '向下填充 2 个单元格',
      changes: [{ op: 'update', table: 'members', rows: [{ id: 3, ethnicity: '回族' }, { id: 4, ethnicity: '回族' }] }],
    });
    expect(fillCells('members', [{ row: { id: 3 }, field: 'note', value: '外出' }, { row: { id: 3 }, field: 'welfareJob', value: '外出' }], 'right').label).toBe('向右填充 2 个单元格');
  });

  it('leaves out of a paste the cells the store or the vocabulary would refuse, and says why', () => {
    const updates = [
      { row: { id: 1 }, field: 'name', value: '马海军' },
      { row: { id: 1 }, field: 'relation', value: '不知道' },
      { row: { id: 2 }, field: 'health', value: '健康 飞' },
      { row: { id: 2 }, field: 'workMonths', value: '六个月' },
    ];
    expect(refusedCells('members', updates).map((c) => [c.row.id, c.field, c.reason])).toEqual([
      [1, 'relation', '「与户主关系」没有「不知道」这一项'],
      [2, 'health', '「健康状况」没有「飞」这一项'],
      [2, 'workMonths', '「务工时间（月）」应填写整数，现为「六个月」'],
    ]);
    expect(pasteCells('members', updates)).toEqual({ label: '粘贴 1 个单元格', changes: [{ op: 'update', table: 'members', rows: [{ id: 1, name: '马海军' }] }] });
  });

  it('clears cells as ONE update', () => {
    expect(clearCells('members', [{ row: { id: 3 }, field: 'sex' }, { row: { id: 4 }, field: 'sex' }, { row: { id: 4 }, field: 'note' }])).toEqual({
      label: '清除 3 个单元格',
      changes: [{ op: 'update', table: 'members', rows: [{ id: 3, sex: null }, { id: 4, sex: null, note: null }] }],
    });
  });

  it('leaves no change set to be built in a page or component', () => {
    for (const file of sourceFiles(join(__dirname, '../../src/renderer'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/op:\s*'(insert|update|delete)'|changes:\s*\[/);
    }
  });
});

describe('withRecordsMade', () => {
  it('turns writes to placeholder rows into the inserts of their records, and leaves real rows as updates', () => {
    const set = withRecordsMade(
      { label: '粘贴', changes: [{ op: 'update', table: 'incomes', rows: [{ id: -7, wageOther: 100 }, { id: 3, wageOther: 200 }] }, { op: 'update', table: 'members', rows: [{ id: 5, name: '马海军' }] }] },
      'incomes',
      (id) => ({ householdId: -id, year: 2023 }),
    );
    expect(set.changes).toEqual([
      { op: 'insert', table: 'incomes', rows: [{ id: -7, wageOther: 100, householdId: 7, year: 2023 }] },
      { op: 'update', table: 'incomes', rows: [{ id: 3, wageOther: 200 }] },
      { op: 'update', table: 'members', rows: [{ id: 5, name: '马海军' }] },
    ]);
  });
});
