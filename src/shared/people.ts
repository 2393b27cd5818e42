// The people of 工作人员 (src/shared/tables/people.ts) as the records that refer to them read them: a reference
// (排查人, 排查责任人, 信息采集员, 帮扶责任人 …) by id to its person and name, and a name read back to its person.
// Every reader — checks, progress, exports, printed forms, pages — goes through here.
import type { CellValue, Row } from './tables';
import { text } from './rules/helpers';

export type PeopleById = ReadonlyMap<number, Row>;

export const peopleById = (people: readonly Row[]): Map<number, Row> => new Map(people.map((p) => [p.id, p]));

/** The person a reference column points at; undefined for an empty reference (or a person since deleted). */
export const personOf = (people: PeopleById, ref: CellValue | undefined): Row | undefined => (typeof ref === 'number' ? people.get(ref) : undefined);

/** The name of the person a reference points at, '' when none: what forms, lists and messages print. */
export const personName = (people: PeopleById, ref: CellValue | undefined): string => text(personOf(people, ref)?.name);

/** The 职务 and 联系电话 of the person a reference points at ('' when none), as 附件5 prints them. */
export const personTitle = (people: PeopleById, ref: CellValue | undefined): string => text(personOf(people, ref)?.title);
export const personPhone = (people: PeopleById, ref: CellValue | undefined): string => text(personOf(people, ref)?.phone);

export type NameLookup = { person: Row } | { problem: string };

/**
 * The person a written name stands for (a form read back, a name pasted): of the people of that name, the one with the
 * phone written beside it (if any), else the one in the village, else the only one. None, or several that nothing
 * tells apart, is a problem said in Chinese.
 */
export function personNamed(people: Iterable<Row>, name: string, hints: { villageId?: number | null; phone?: string } = {}): NameLookup {
  const wanted = name.trim();
  let pick = [...people].filter((p) => text(p.name) === wanted);
  const narrow = (test: (p: Row) => boolean) => {
    const narrower = pick.filter(test);
    if (narrower.length) pick = narrower;
  };
  if (hints.phone?.trim()) narrow((p) => text(p.phone) === hints.phone!.trim());
  if (hints.villageId != null && pick.length > 1) narrow((p) => p.villageId === hints.villageId);
  if (pick.length === 1) return { person: pick[0]! };
  return { problem: pick.length ? `工作人员中有 ${pick.length} 人名为「${wanted}」，请在工作人员页把他们区分开（如填写行政村）` : `工作人员中没有「${wanted}」，请先在工作人员页添加` };
}
