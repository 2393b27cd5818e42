// The year being worked on, its policy-year profile, and the place the township's forms are titled with. Every
// service reads them from here.
import { PaichaError } from '../../shared/errors';
import { profileFromRow, type Profile } from '../../shared/profile';
import { settingKeys } from '../../shared/tables';
import type { WorkYearSource } from '../../shared/api';
import type { Place } from '../../shared/yearData';
import type { Store } from '../store';

const yearIn = (text: string | null): number | null => {
  const year = Number(text);
  return Number.isInteger(year) && year > 1990 && year <= 2100 ? year : null;
};

/**
 * The year being worked on and where it comes from: 设置 › 工作年度 as the clerk set it; else the year an import
 * proposed (the year the national system exported the file); else the latest income year on file; else this year.
 */
export function workYearOf(store: Store): { year: number; source: WorkYearSource } {
  const set = yearIn(store.setting(settingKeys.workYear));
  if (set) return { year: set, source: 'setting' };
  const proposed = yearIn(store.setting(settingKeys.proposedWorkYear));
  if (proposed) return { year: proposed, source: 'import' };
  const latest = store.max('incomes', 'year');
  return typeof latest === 'number' ? { year: latest, source: 'income' } : { year: new Date().getFullYear(), source: 'calendar' };
}

export function workYear(store: Store): number {
  return workYearOf(store).year;
}

export function profileOf(store: Store, year: number): Profile {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new PaichaError('invalid', `年度「${year}」无效。`);
  return profileFromRow(year, store.rows('profiles', { year })[0], store.setting(settingKeys.dataDate));
}

/** The most frequent non-empty value of a village column (imports fill 县 and 乡 on every village). */
function commonVillageValue(store: Store, key: 'county' | 'township'): string {
  const counts = new Map<string, number>();
  for (const row of store.columns('villages', [key])) {
    const value = String(row[key] ?? '').trim();
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** 县 and 乡镇 for titles and 填报单位: 设置 first, else what the villages on file say. */
export function placeOf(store: Store): Place {
  const setting = (key: string) => (store.setting(key) ?? '').trim();
  return {
    county: setting(settingKeys.county) || commonVillageValue(store, 'county'),
    township: setting(settingKeys.township) || commonVillageValue(store, 'township'),
  };
}
