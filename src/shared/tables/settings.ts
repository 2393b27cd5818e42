import type { TableSpec } from './types';

/** Key/value settings of this database (the operator name for the journal, …). Written like any other table. */
export const settingsTable: TableSpec = {
  name: 'settings',
  label: '设置',
  rowLabel: '设置项',
  since: 1,
  columns: [
    { key: 'key', label: '名称', type: 'text', notNull: true, unique: true, since: 1 },
    { key: 'value', label: '值', type: 'text', since: 1 },
  ],
};

/** The setting keys the app knows. */
export const settingKeys = {
  /** Name of the person keying; recorded as "who" in the journal. */
  operator: 'operator',
  /** 乡镇 name, used in titles and reports. */
  township: 'township',
  /** 县 name. */
  county: 'county',
  /** The year being worked on (the campaign's 工作年度), as the clerk set it in 设置. */
  workYear: 'workYear',
  /** The 工作年度 an import proposed (the year the national system exported the file), until the clerk sets one. */
  proposedWorkYear: 'proposedWorkYear',
  /** The 导出时间 (YYYY-MM-DD) of the latest national export imported: the day its data stand on. */
  dataDate: 'dataDate',
  /** How many days automatic backups are kept (default 30; the newest five always). */
  backupDays: 'backupDays',
} as const;
