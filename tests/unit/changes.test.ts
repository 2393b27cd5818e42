// An insert's rows as columns: the compact form a county's import passes between threads, meaning the same rows.
import { describe, expect, it } from 'vitest';
import { asColumns, type Change } from '../../src/shared/changes';

describe('asColumns', () => {
  it('lists each field once, in the order first met, a row lacking it null, and the placeholders apart', () => {
    const change: Change = { op: 'insert', table: 'members', rows: [{ id: -3, householdId: -1, name: '马海军' }, { id: -4, name: '冯淑珍', idNumber: '621025196702197786' }] };
    expect(asColumns(change)).toEqual({
      op: 'insertColumns',
      table: 'members',
      columns: ['householdId', 'name', 'idNumber'],
      values: [-1, '马海军', null, null, '冯淑珍', '621025196702197786'],
      ids: [-3, -4],
    });
    expect(asColumns({ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] })).toEqual({ op: 'insertColumns', table: 'villages', columns: ['name'], values: ['东塬村'] });
  });

  it('keeps as rows what columns cannot say: placeholders for some rows only, rows without fields; and other changes as they are', () => {
    const some: Change = { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }, { name: '北沟村' }] };
    const empty: Change = { op: 'insert', table: 'villages', rows: [{}, {}] };
    const update: Change = { op: 'update', table: 'villages', rows: [{ id: 1, name: '东塬村' }] };
    for (const change of [some, empty, update]) expect(asColumns(change)).toBe(change);
  });
});
