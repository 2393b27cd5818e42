// Household structure: one 户主, ≤1 配偶, relations that fit the sex, phones, member changes (S1 2_01_004, 3_02_011…).
import { householdRule, memberRule, text, who } from './helpers';
import type { HouseholdRule, MemberView } from './types';

const maleOnly = new Set(['之子', '之曾孙子', '之父', '之公公', '之女婿', '之孙子', '之外孙子', '之岳父', '之侄儿', '之祖父', '之外祖父', '之叔伯']);
const femaleOnly = new Set(['之女', '之曾孙女', '之儿媳', '之母', '之婆婆', '之孙女', '之外孙女', '之兄弟媳妇', '之岳母', '之侄女', '之祖母', '之外祖母']);

/** The sex as keyed, else as the ID number says (a disagreement between the two is member.sexMismatch's). */
const sexOf = (m: MemberView) => text(m.row.sex) || m.id.sex || '';

const withRelation = (relation: string) => (ctx: Parameters<HouseholdRule['check']>[0]) => ctx.active.filter((m) => text(m.row.relation) === relation);

export const structureRules: HouseholdRule[] = [
  householdRule({ id: 'household.noMembers', severity: 'error', title: '户下没有家庭成员' }, null, (ctx) =>
    ctx.active.length === 0 ? '该户没有在册的家庭成员' : null,
  ),
  householdRule({ id: 'household.noHead', severity: 'error', title: '户内没有户主' }, null, (ctx) =>
    ctx.active.length > 0 && withRelation('户主')(ctx).length === 0 ? '该户没有与户主关系为「户主」的成员' : null,
  ),
  memberRule({ id: 'household.heads', severity: 'error', title: '同一户有多个户主' }, 'relation', (m, ctx) => {
    const heads = withRelation('户主')(ctx);
    return heads.length > 1 && text(m.row.relation) === '户主' ? `该户有 ${heads.length} 个户主（${heads.map(who).join('、')}）` : null;
  }),
  memberRule({ id: 'household.spouses', severity: 'error', title: '同一户有多个配偶' }, 'relation', (m, ctx) => {
    const spouses = withRelation('配偶')(ctx);
    return spouses.length > 1 && text(m.row.relation) === '配偶' ? `该户有 ${spouses.length} 个配偶（${spouses.map(who).join('、')}）` : null;
  }),
  memberRule({ id: 'household.headSpouseSameSex', severity: 'error', title: '户主与配偶性别相同' }, 'sex', (m, ctx) => {
    if (text(m.row.relation) !== '配偶') return null;
    const head = withRelation('户主')(ctx)[0];
    const sex = sexOf(m);
    const headSex = head ? sexOf(head) : '';
    return head && sex && sex === headSex ? `配偶${who(m)}与户主${who(head)}性别相同（均为${sex}）` : null;
  }),
  memberRule({ id: 'member.relationSex', severity: 'error', title: '与户主关系与性别不符' }, 'relation', (m) => {
    const relation = text(m.row.relation);
    const sex = sexOf(m);
    if (sex === '女' && maleOnly.has(relation)) return `${who(m)}为女性，与户主关系却为「${relation}」`;
    if (sex === '男' && femaleOnly.has(relation)) return `${who(m)}为男性，与户主关系却为「${relation}」`;
    return null;
  }),
  memberRule({ id: 'member.headMinor', severity: 'warning', title: '户主未满 16 周岁' }, 'relation', (m) =>
    text(m.row.relation) === '户主' && m.age !== null && m.age < 16 ? `户主${who(m)}只有 ${m.age} 岁` : null,
  ),
  memberRule({ id: 'member.generationAge', severity: 'warning', title: '长辈比户主年轻或晚辈比户主年长' }, 'relation', (m, ctx) => {
    const head = withRelation('户主')(ctx)[0];
    if (!head || head.age === null || m.age === null) return null;
    const relation = text(m.row.relation);
    if (['之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆', '之祖父', '之祖母', '之外祖父', '之外祖母'].includes(relation) && m.age <= head.age) {
      return `${who(m)}为户主的长辈（${relation}），却不比户主年长（${m.age} 岁，户主 ${head.age} 岁）`;
    }
    if (['之子', '之女', '之孙子', '之孙女', '之外孙子', '之外孙女', '之曾孙子', '之曾孙女'].includes(relation) && m.age >= head.age) {
      return `${who(m)}为户主的晚辈（${relation}），却不比户主年轻（${m.age} 岁，户主 ${head.age} 岁）`;
    }
    return null;
  }),
  householdRule({ id: 'household.sharedPhone', severity: 'warning', title: '多户使用同一联系电话' }, 'phone', (ctx) => {
    const phone = text(ctx.household.phone);
    const count = phone ? (ctx.index.householdsPerPhone.get(phone) ?? 0) : 0;
    return count > 1 ? `户联系电话 ${phone} 同时登记在 ${count} 户` : null;
  }),
  memberRule({ id: 'member.changeWithoutReason', severity: 'warning', title: '人员变动未填原因或日期' }, 'changeReason', (m) =>
    text(m.row.changeType) && (!text(m.row.changeReason) || !text(m.row.changeDate)) ? `${who(m)}标记为「${text(m.row.changeType)}」，但未填变动原因或变动日期` : null,
  { includeLeft: true }),
  memberRule({ id: 'member.changeReasonMismatch', severity: 'error', title: '人员变动类型与原因不符' }, 'changeReason', (m) => {
    const type = text(m.row.changeType);
    const reason = text(m.row.changeReason);
    const increase = ['新生儿', '婚入', '迁入或回迁'];
    const decrease = ['死亡', '婚出', '户籍迁出', '判刑收监', '失联'];
    if (type === '自然增加' && decrease.includes(reason)) return `${who(m)}为自然增加，原因却是「${reason}」`;
    if (type === '自然减少' && increase.includes(reason)) return `${who(m)}为自然减少，原因却是「${reason}」`;
    if (!type && reason) return `${who(m)}填了变动原因「${reason}」，但未标记人员变动`;
    return null;
  }, { includeLeft: true }),
  memberRule({ id: 'member.headLeft', severity: 'warning', title: '户主已自然减少' }, 'relation', (m) =>
    text(m.row.relation) === '户主' && text(m.row.changeType) === '自然减少' ? `户主${who(m)}已标记为自然减少，请变更户主` : null,
  { includeLeft: true }),
];
