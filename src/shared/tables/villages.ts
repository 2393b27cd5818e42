import type { TableSpec } from './types';

/** 行政村 and their 村民小组/片区. */
export const villagesTable: TableSpec = {
  name: 'villages',
  label: '行政村',
  rowLabel: '行政村',
  since: 1,
  columns: [
    {
      key: 'name',
      label: '行政村',
      type: 'text',
      notNull: true,
      unique: true,
      required: true,
      synonyms: ['村', '村名', '行政村名称'],
      since: 1,
    },
    { key: 'township', label: '乡镇', type: 'text', synonyms: ['乡', '乡(镇)', '乡（镇）', '镇'], since: 1 },
    { key: 'county', label: '县', type: 'text', synonyms: ['县(区)', '县（区）', '县（市、区）'], since: 1 },
    { key: 'code', label: '行政区划代码', type: 'text', help: '12 位统计用区划代码', since: 1 },
    { key: 'note', label: '备注', type: 'text', since: 1 },
  ],
};

export const groupsTable: TableSpec = {
  name: 'groups',
  label: '村民小组/片区',
  rowLabel: '村民小组',
  since: 1,
  columns: [
    { key: 'villageId', label: '行政村', type: 'ref', ref: 'villages', notNull: true, required: true, onDelete: 'cascade', since: 1 },
    {
      key: 'name',
      label: '村民小组',
      type: 'text',
      notNull: true,
      required: true,
      synonyms: ['组', '自然村', '片区', '村民小组(自然村)'],
      since: 1,
    },
    { key: 'note', label: '备注', type: 'text', since: 1 },
  ],
  uniqueTogether: [['villageId', 'name']],
};
