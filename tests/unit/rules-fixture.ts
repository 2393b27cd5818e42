// A clean monitored household in a village that is set up completely: it passes every rule. Each rule's test
// changes one thing of it and expects that rule, and only then, to speak.
import { checkCharacter } from '../../src/shared/idcard';
import { profileFromRow, type Profile } from '../../src/shared/profile';
import type { CheckData } from '../../src/shared/rules';
import type { Row } from '../../src/shared/tables';

/** A valid ID number for a birth date and sex (sequence 00x). */
export function idFor(birth: string, sex: '男' | '女', seq = 1): string {
  const first17 = `621025${birth.replace(/-/g, '')}${String(seq * 2 + (sex === '男' ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const row = (id: number, fields: Record<string, unknown>) => ({ id, ...fields }) as Row;

const insured = { insResidentMedical: '是', insEmployeeMedical: '否', insCriticalIllness: '是', insResidentPension: '是', idType: '居民身份证', ethnicity: '回族', politicalStatus: '群众' };

export function cleanData(): CheckData {
  return {
    county: '正宁县',
    villages: [row(1, { name: '东塬村', township: '五顷塬回族乡', county: '正宁县' })],
    groups: [row(1, { villageId: 1, name: '一组' })],
    assignments: [row(1, { villageId: 1, groupId: 1, person1Id: 2, person2Id: 3 })],
    villageIndicators: [row(1, { villageId: 1, year: 2023, totalHouseholds: 300, totalPopulation: 1000, unsafeWaterHouseholds: 0, unsafeHousingHouseholds: 0 })],
    problems: [row(1, { villageId: 1, householdId: 1, category: '其他', description: '门牌缺失', measure: '补装', responsiblePerson: '李思源', deadline: '2099-12-31', closed: '否' })],
    people: [
      row(1, { villageId: 1, name: '张明远', sex: '男', roles: '驻村工作队', politicalStatus: '中共党员', unit: '正宁县农业农村局', level: '县', teamRole: '第一书记', startDate: '2021-09-01', phone: '13893400012' }),
      row(2, { villageId: 1, name: '李思源', roles: '信息采集员,包村干部', title: '包村干部', phone: '13506779372' }),
      row(3, { villageId: 1, name: '王建国', roles: '信息采集员,村干部', title: '村委会委员', phone: '13893450021' }),
    ],
    households: [
      row(1, {
        villageId: 1,
        groupId: 1,
        hhNo: '6210251030010001',
        phone: '15834703683',
        householdType: '脱贫户',
        monitoringType: '脱贫不稳定户',
        identifiedMonth: '202303',
        risk1: '因病',
        riskEliminated: '否',
        developmentalMeasure: '是',
        noLaborSupport: '否',
      }),
    ],
    members: [
      row(1, { householdId: 1, name: '马海军', sex: '男', idNumber: idFor('1978-05-10', '男'), birthDate: '1978-05-10', relation: '户主', education: '初中', health: '长期慢性病', laborSkill: '普通劳动力', workPlace: '县外省内务工', workMonths: 8, phone: '13919401234', ...insured }),
      row(2, { householdId: 1, name: '冯淑珍', sex: '女', idNumber: idFor('1980-02-19', '女'), relation: '配偶', education: '小学', health: '健康', laborSkill: '普通劳动力', ...insured }),
      row(3, { householdId: 1, name: '马小龙', sex: '男', idNumber: idFor('2013-09-01', '男'), relation: '之子', schoolStatus: '小学', health: '健康', laborSkill: '无劳动力', ...insured, insResidentPension: null }),
      row(4, { householdId: 1, name: '马秀兰', sex: '女', idNumber: idFor('1950-03-03', '女'), relation: '之母', education: '文盲或半文盲', health: '健康', laborSkill: '无劳动力', ...insured }),
    ],
    workRecords: [
      row(1, { memberId: 1, year: 2023, isWorking: '是', startMonth: '202303', endMonth: '202310', county: '陕西省西安市雁塔区', employer: '某建筑公司', industry: '建筑业', channel: '劳务输出', monthlyIncome: 3750, pointToPoint: '否', transportSubsidy: 500 }),
    ],
    incomes: [
      row(1, { householdId: 1, year: 2023, wageMigrant: 30000, bizCrop: 5000, trPension: 2400, costCrop: 1500, selfPaid: 3000, claims: 0, headSigned: '是', collectorSigned: '是' }),
      row(2, { householdId: 1, year: 2022, wageIncome: 28000, businessIncome: 5000, propertyIncome: 0, transferIncome: 2000, businessCost: 1500 }),
    ],
    visits: [
      row(1, { householdId: 1, year: 2023, dropout: '否', unsafeHousing: '否', housingLevel: 'A级', safeWater: '是', landFarm: 8, roadType: '水泥路', roadDistance: 0.5, housingArea: 90, electricity: '是', toilet: '是', toiletUsable: '是', conclusion: '无风险', visitor1Id: 2, visitor2Id: 3, visitDate: '2023-11-01', headSigned: '是', collectorSigned: '是' }),
    ],
    measures: [
      row(1, { householdId: 1, category: '健康帮扶', item: '城乡居民基本医疗保险个人缴费补贴', startMonth: '202304' }),
      row(2, { householdId: 1, category: '就业帮扶', item: '外出务工补贴', startMonth: '202304' }),
    ],
  };
}

export function profile2023(overrides: Record<string, unknown> = {}): Profile {
  const { dataDate = null, ...row } = overrides;
  return profileFromRow(2023, { monitoringLine: 7000, ...row } as never, dataDate as string | null);
}

/** The one row with this id in a table of the data. */
export function rowOf(data: CheckData, table: keyof Omit<CheckData, 'county' | 'monitoringSteps' | 'dibaoGrants' | 'derived'>, id: number): Row {
  const found = data[table].find((r) => r.id === id);
  if (!found) throw new Error(`${table} ${id} not in the fixture`);
  return found;
}
