// Identity: ID numbers, names, and what the ID says against what was keyed (REFERENCE.md e, 1_01_*, S4).
import { idProblemText } from '../idcard';
import { label, memberRule, text, who } from './helpers';
import type { HouseholdRule } from './types';

const idRule = (id: string, title: string, problem: keyof typeof idProblemText) =>
  memberRule({ id, severity: 'error', title }, 'idNumber', (m) =>
    m.id.problems.includes(problem) ? `${who(m)}的证件号码「${m.id.number}」${idProblemText[problem]}` : null,
  );

export const identityRules: HouseholdRule[] = [
  memberRule({ id: 'member.idEmpty', severity: 'error', title: '证件号码为空' }, 'idNumber', (m) =>
    m.id.problems.includes('empty') ? `${who(m)}的证件号码未填写` : null,
  ),
  idRule('member.idLength', '证件号码位数不对', 'length'),
  idRule('member.idCharacters', '证件号码含非法字符', 'characters'),
  idRule('member.idPlaceholder', '证件号码为 999999 开头的临时号码', 'placeholder'),
  idRule('member.idBirthDate', '证件号码中的出生日期无效', 'birthDate'),
  idRule('member.idChecksum', '身份证号码校验位错误', 'checksum'),
  idRule('member.idDisabilitySuffix', '残疾人证号的类别或等级位错误', 'disabilitySuffix'),
  memberRule(
    { id: 'member.duplicateId', severity: 'error', title: '证件号码重复' },
    'idNumber',
    (m, ctx) => {
      if (!m.id.base || m.id.base.length !== 18) return null;
      const same = ctx.index.membersByIdBase.othersThan(m.id.base, m.row.id);
      if (!same.length) return null;
      const elsewhere = same.some((o) => o.householdId !== ctx.household.id);
      return `${who(m)}的证件号码「${m.id.base}」与${elsewhere ? '其他户' : '本户'}的家庭成员重复（共 ${same.length + 1} 人）`;
    },
    { includeLeft: true },
  ),
  memberRule({ id: 'member.sexMismatch', severity: 'error', title: '性别与身份证号码不符' }, 'sex', (m) => {
    const sex = text(m.row.sex);
    return m.id.sex && sex && sex !== m.id.sex ? `${who(m)}的性别填为「${sex}」，身份证号码显示为「${m.id.sex}」` : null;
  }),
  memberRule({ id: 'member.birthDateMismatch', severity: 'error', title: '出生日期与身份证号码不符' }, 'birthDate', (m) => {
    const birth = text(m.row.birthDate);
    return m.id.birthDate && birth && birth !== m.id.birthDate ? `${who(m)}的出生日期填为 ${birth}，身份证号码显示为 ${m.id.birthDate}` : null;
  }),
  // Against the day the imported data stand on (the export's 导出时间) where there is one: a person born after it
  // cannot be in that file — unless the clerk added the birth since (人员变动 自然增加).
  memberRule({ id: 'member.bornAfterReference', severity: 'warning', title: '出生日期晚于数据截止日' }, 'birthDate', (m, ctx) => {
    const { dataDate, referenceDate, year } = ctx.profile;
    if (!m.birthDate) return null;
    if (dataDate) return m.birthDate > dataDate && text(m.row.changeType) !== '自然增加' ? `${who(m)}的出生日期 ${m.birthDate} 晚于导入数据的导出时间 ${dataDate}（导出时尚未出生），请核实出生日期；新出生的家庭成员请把人员变动填为「自然增加」` : null;
    if (m.birthDate > referenceDate) return `${who(m)}的出生日期 ${m.birthDate} 晚于${year}年度的年龄计算基准日 ${referenceDate}（数据截止时尚未出生），请核实出生日期或数据年度`;
    return null;
  }),
  memberRule({ id: 'member.idTypeMismatch', severity: 'error', title: '证件类型与号码位数不符' }, 'idType', (m) => {
    const type = text(m.row.idType);
    const n = m.id.number.length;
    if (type === '残疾人证' && n === 18) return `${who(m)}的证件类型为残疾人证，但号码只有 18 位（残疾人证号应为 20 或 22 位）`;
    if (type === '居民身份证' && (n === 20 || n === 22)) return `${who(m)}的号码为 ${n} 位残疾人证号，但证件类型填为居民身份证`;
    return null;
  }),
  memberRule({ id: 'member.nameFormat', severity: 'warning', title: '姓名格式可疑' }, 'name', (m) => {
    const name = text(m.row.name);
    if (!name) return null;
    if (/[0-9A-Za-z]/.test(name)) return `${label('members', 'name')}「${name}」含有数字或字母`;
    if (name.length === 1 || name.length > 15) return `${label('members', 'name')}「${name}」长度可疑`;
    return null;
  }),
];
