import { columnKit } from './kit';
import type { TableSpec } from './types';

// 工作人员: the people who do the round's work — 信息采集员, 包村领导 and 包村干部, 村干部, 驻村工作队, 帮扶责任人, 村医,
// 网格员 — one row each, referred to by id from 入户责任分工 (附件5), 入户调查 (附件2) and the households (帮扶责任人,
// 信息采集人). Version 4 replaces the 驻村工作队 table of version 2 (src/main/store/migrations.ts moves its rows here).
const k = columnKit(4);

export const peopleTable: TableSpec = {
  name: 'people',
  label: '工作人员',
  rowLabel: '工作人员',
  since: 4,
  help: '信息采集员、包村干部、村干部、驻村工作队、帮扶责任人等，每人一条；分工表、入户调查表和户按姓名选用',
  columns: [
    k.ref('villageId', '行政村', 'villages', { onDelete: 'cascade', help: '所在或包抓的行政村；乡镇干部可不填' }),
    k.text('name', '姓名', { notNull: true, required: true, status: 'C' }),
    k.enumOf('sex', '性别', 'sex', { status: 'C' }),
    k.enumOf('roles', '工作类别', 'personRole', { required: true, help: '可多选：信息采集员、包村领导、包村干部、村干部、驻村工作队、帮扶责任人、村医、网格员' }),
    k.text('unit', '单位', { synonyms: ['帮扶（选派）单位名称', '帮扶单位', '工作单位'], status: 'C' }),
    k.text('title', '职务', { help: '如：副乡长、包村干部、村党支部书记、村医', status: 'C' }),
    k.phone('phone', '联系电话', { status: 'C' }),
    k.date('startDate', '开始时间', { synonyms: ['帮扶开始时间'], help: '帮扶或驻村开始的日期', status: 'C' }),
    k.date('endDate', '结束时间', { synonyms: ['帮扶结束时间'], help: '帮扶或驻村结束的日期；仍在岗则留空', status: 'C' }),
    k.enumOf('politicalStatus', '政治面貌', 'politicalStatus', { status: 'C' }),
    k.enumOf('teamRole', '驻村职务', 'teamRole', { help: '驻村工作队员：第一书记、队长或队员', status: 'M' }),
    k.enumOf('level', '派出单位层级', 'dispatchLevel', { status: 'M' }),
    k.idNumber('idNumber', '身份证号', { status: 'M' }),
    k.text('note', '备注'),
  ],
};
