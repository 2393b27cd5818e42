// After a write a grid's list gets the rows the write touched in their place; the grid is given only those.
import { describe, expect, it } from 'vitest';
import { changedRows, patchRows } from '../../src/renderer/grid/changedRows';

const list = [1, 3, 5, 7].map((id) => ({ id, name: `第${id}户` }));

describe('a list patched with the rows a write touched', () => {
  it('puts a changed row where it stands and keeps the other rows as the same objects', () => {
    const patched = patchRows(list, new Set([5]), [{ id: 5, name: '改过' }]);
    expect(patched.map((r) => r.name)).toEqual(['第1户', '第3户', '改过', '第7户']);
    expect(patched[0]).toBe(list[0]);
    expect(list[2]!.name).toBe('第5户');
    expect(changedRows(list, patched)).toEqual([{ id: 5, name: '改过' }]);
  });

  it('drops a row that is gone and adds a new one in id order', () => {
    const patched = patchRows(list, new Set([3, 4]), [{ id: 4, name: '新户' }]);
    expect(patched.map((r) => r.id)).toEqual([1, 4, 5, 7]);
    expect(changedRows(list, patched)).toBeNull();
  });

  it('finds a changed row in a list that is not in id order', () => {
    const shuffled = [list[2]!, list[0]!, list[3]!, list[1]!];
    expect(patchRows(shuffled, new Set([1]), [{ id: 1, name: '改过' }]).map((r) => r.name)).toEqual(['第5户', '改过', '第7户', '第3户']);
  });
});
