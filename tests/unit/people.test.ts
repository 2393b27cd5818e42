// The one accessor of 工作人员: a reference read to its person and name, and a written name read back to its person.
import { describe, expect, it } from 'vitest';
import { peopleById, personName, personNamed, personPhone, personTitle } from '../../src/shared/people';
import type { Row } from '../../src/shared/tables';

const people = [
  { id: 1, villageId: 1, name: '李思源', title: '包村干部', phone: '13506779372' },
  { id: 2, villageId: 2, name: '李思源', title: '副乡长', phone: '13978759616' },
  { id: 3, villageId: 1, name: '王建国', title: null, phone: null },
] as Row[];
const byId = peopleById(people);

describe('a reference to 工作人员', () => {
  it('reads the name, 职务 and phone of the person it points at, and nothing for none', () => {
    expect([personName(byId, 1), personTitle(byId, 1), personPhone(byId, 1)]).toEqual(['李思源', '包村干部', '13506779372']);
    expect([personName(byId, null), personName(byId, 99), personName(byId, '1'), personTitle(byId, 3)]).toEqual(['', '', '', '']);
  });
});

describe('a written name', () => {
  it('is the only person of that name', () => {
    expect(personNamed(people, ' 王建国 ')).toEqual({ person: people[2] });
  });

  it('of several people is told apart by the phone beside it, else by the village', () => {
    expect(personNamed(people, '李思源', { phone: '13978759616', villageId: 1 })).toEqual({ person: people[1] });
    expect(personNamed(people, '李思源', { villageId: 1 })).toEqual({ person: people[0] });
  });

  it('that nothing tells apart, or that no one has, is a problem said in Chinese', () => {
    expect(personNamed(people, '李思源')).toEqual({ problem: '工作人员中有 2 人名为「李思源」，请在工作人员页把他们区分开（如填写行政村）' });
    expect(personNamed(people, '王建军', { villageId: 1 })).toEqual({ problem: '工作人员中没有「王建军」，请先在工作人员页添加' });
  });
});
