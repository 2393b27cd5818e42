// People of 工作人员 named in what is imported: the 信息采集人 of a national export become people (matched by name and
// phone), and the names an own form writes for its people (附件5's 排查责任人, 附件2's 排查人) are read back to them.
import type { NewRow } from '../../../shared/changes';
import { personNamed } from '../../../shared/people';
import { text } from '../../../shared/rules/helpers';
import type { CellValue, Row, TableName } from '../../../shared/tables';
import type { ParsedSheet, RecordRow } from './types';

/** What the plan's change builder offers: placeholders for new rows, and their inserts. */
interface Inserts {
  next(): number;
  insert(table: TableName, row: NewRow): void;
}

const keyOf = (name: string, phone: string) => `${name}|${phone}`;

/**
 * The 信息采集人 (姓名 and 联系电话) of a national export's households as people of 工作人员: a person on file with the same
 * name and phone (or, for a name without a phone, the only person of that name), else a new 信息采集员 of the
 * household's village, made once per import (later batches name it by its placeholder).
 */
export class ImportedCollectors {
  private readonly known = new Map<string, number>();
  /** Names of people on file, with how many people have each: a name alone matches only one person. */
  private readonly byName = new Map<string, number[]>();
  /** People created by this import, by key: their placeholders. */
  private readonly created = new Map<string, number>();

  constructor(people: readonly Row[]) {
    for (const p of people) this.learn(text(p.name), text(p.phone), p.id);
  }

  private learn(name: string, phone: string, id: number): void {
    if (!this.known.has(keyOf(name, phone))) this.known.set(keyOf(name, phone), id);
    this.byName.set(name, [...(this.byName.get(name) ?? []), id]);
  }

  /** The person a row's 信息采集人 names (null when it names none); a new one is inserted through `build`. */
  idFor(values: Record<string, CellValue> | undefined, villageId: number, build: Inserts): number | null {
    const name = text(values?.name);
    if (!name) return null;
    const phone = text(values?.phone);
    const key = keyOf(name, phone);
    const found = this.known.get(key) ?? this.created.get(key) ?? (!phone && this.byName.get(name)?.length === 1 ? this.byName.get(name)![0] : undefined);
    if (found !== undefined) return found;
    const id = build.next();
    build.insert('people', { id, villageId, name, phone: phone || null, roles: '信息采集员' });
    this.created.set(key, id);
    return id;
  }
}

/**
 * The rows of an own form with the names of its people read back to their ids (by the phone beside the name, the
 * row's village: personNamed). A name that is not one person of 工作人员 refuses its row.
 */
export function withPeople(sheet: ParsedSheet<RecordRow>, people: readonly Row[], villages: readonly Row[]): ParsedSheet<RecordRow> {
  const villageIds = new Map(villages.map((v) => [text(v.name), v.id]));
  const rows: RecordRow[] = [];
  const lines = [...sheet.lines];
  for (const row of sheet.rows) {
    const values = { ...row.values };
    let refusal: string | null = null;
    for (const [key, { name = '', phone }] of Object.entries(row.people ?? {})) {
      if (!text(name)) continue;
      const found = personNamed(people, name, { villageId: villageIds.get(text(row.leads.village)), phone });
      if ('person' in found) values[key] = found.person.id;
      else refusal ??= found.problem;
    }
    if (refusal) lines.push({ rowNo: row.rowNo, status: '拒绝', hhNo: row.leads.hhNo || null, name: null, idNumber: null, reason: refusal });
    else rows.push({ ...row, values });
  }
  return { ...sheet, rows, lines };
}
