// Version 5 turns the names written in 入户责任分工, 入户调查 and the households (and the 驻村工作队 of version 2) into
// people of 工作人员, and points each record at its person: a file made at version 4 opens with its names kept.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/main/store';
import { migrationStatements } from '../../src/main/store/migrations';
import { tempDir } from '../helpers';

/** A file at version 4, as version 4 wrote it: names as text. */
function version4File(): string {
  const file = `${tempDir()}/v4.sqlite`;
  const db = new Database(file);
  for (const version of [1, 2, 3, 4]) for (const sql of migrationStatements(version)) db.exec(sql);
  db.pragma('application_id = 0x50434841');
  db.pragma('user_version = 4');
  const run = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
  run("INSERT INTO villages (id, name) VALUES (1, '东塬村'), (2, '南庄村')");
  run("INSERT INTO groups (id, villageId, name) VALUES (1, 1, '一组'), (2, 2, '一组')");
  run("INSERT INTO households (id, villageId, groupId, hhNo, collector, collectorPhone) VALUES (1, 1, 1, '6210251030010001', '李思源', '13506779372'), (2, 2, 2, '6210251030020001', NULL, NULL)");
  run(
    `INSERT INTO assignments (villageId, groupId, townLeader, partySecretary, person1Name, person1Title, person1Phone, person2Name, villageDoctor)
     VALUES (1, 1, '张明', '马占福', '李思源', '包村干部', '13506779372', ' 王建国 ', '马兰'), (2, 2, '张明', NULL, '赵文博', NULL, NULL, '王建国', NULL)`,
  );
  run("INSERT INTO visits (householdId, year, visitor1, visitor2, collector, visitDate) VALUES (1, 2023, '李思源', '王建国', '李思源', '2023-11-01'), (2, 2023, '赵文博', '', NULL, NULL)");
  run("INSERT INTO teamMembers (villageId, name, sex, unit, role, phone) VALUES (2, '赵文博', '男', '县农业农村局', '第一书记', '13893450021')");
  db.close();
  return file;
}

describe('version 5: people of 工作人员 from the names on file', () => {
  it('makes one person per name and points every record at it, the names, 职务 and phones unchanged', () => {
    const store = Store.open(version4File());
    try {
      const people = store.rows('people');
      const byName = new Map(people.map((p) => [p.name, p]));
      expect([...byName.keys()].sort()).toEqual(['张明', '李思源', '王建国', '赵文博', '马兰', '马占福'].sort());
      expect(people).toHaveLength(6);
      // The 驻村工作队 member keeps everything, and is the person the visit and the 附件5 row of 南庄村 name.
      expect(byName.get('赵文博')).toMatchObject({ villageId: 2, sex: '男', unit: '县农业农村局', teamRole: '第一书记', phone: '13893450021', roles: '驻村工作队' });
      expect(byName.get('李思源')).toMatchObject({ villageId: 1, title: '包村干部', phone: '13506779372' });
      expect(String(byName.get('李思源')!.roles).split(',').sort()).toEqual(['信息采集员']);
      // Written in two villages: no one village.
      expect(byName.get('张明')).toMatchObject({ villageId: null, roles: '包村领导' });
      expect(byName.get('王建国')).toMatchObject({ villageId: null });
      expect(byName.get('马占福')).toMatchObject({ title: '村党支部书记', roles: '村干部' });

      const id = (name: string) => byName.get(name)!.id;
      const [east, south] = store.rows('assignments');
      expect(east).toMatchObject({ townLeaderId: id('张明'), partySecretaryId: id('马占福'), person1Id: id('李思源'), person2Id: id('王建国'), villageDoctorId: id('马兰') });
      expect(south).toMatchObject({ townLeaderId: id('张明'), partySecretaryId: null, person1Id: id('赵文博'), person2Id: id('王建国') });
      const [visit1, visit2] = store.rows('visits');
      expect(visit1).toMatchObject({ visitor1Id: id('李思源'), visitor2Id: id('王建国'), collectorId: id('李思源') });
      expect(visit2).toMatchObject({ visitor1Id: id('赵文博'), visitor2Id: null, collectorId: null });
      expect(store.rows('households').map((h) => h.collectorId)).toEqual([id('李思源'), null]);
      // The names are gone from the records: the person is the one place they are kept.
      expect(Object.keys(visit1!)).not.toContain('visitor1');
      expect(Object.keys(east!)).not.toContain('person1Name');
    } finally {
      store.close();
    }
  });

  it('gives a new file the same tables and columns as a migrated one', () => {
    const columns = (file: string) => {
      const db = new Database(file, { readonly: true });
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      const shape = Object.fromEntries(tables.map((t) => [t, (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name).sort()]));
      db.close();
      return shape;
    };
    const migrated = version4File();
    Store.open(migrated).close();
    const fresh = `${tempDir()}/new.sqlite`;
    Store.open(fresh).close();
    expect(columns(migrated)).toEqual(columns(fresh));
    expect(Object.keys(columns(fresh))).not.toContain('teamMembers');
  });
});
