// The built-in templates of the household forms — one household's 附件1 收入信息采集表, 附件2 入户调查表, or both —
// the one source of the defaults: `paicha template forms` writes them for the township to edit in Word/WPS (the
// exact 正宁县 layouts are not public), and forms without a template of their own are filled from them. The forms
// service repeats the template once per household (docx/sections.ts), so the header — 户编号 and its QR code — stands
// on every page of every household, and page numbers restart with each household.
// A4 portrait, 宋体 小五 in the tables; pre-filled values are placeholders named by the dictionary's labels (values.ts);
// empty cells and lines are where the paper asks for new facts; every form closes with the 双签字 block.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { formsOf, type FormKind, type SingleFormKind } from '../../../shared/forms';
import { vocabularies } from '../../../shared/vocab';
import { tableSpec, type ColumnSpec } from '../../../shared/tables';

const mm = (n: number) => Math.round((n * 1440) / 25.4);
const PAGE = { width: 11906, height: 16838, margin: { top: mm(30), bottom: mm(16), left: mm(20), right: mm(18), header: mm(8), footer: mm(8) } };
/** The text width, in twips: the tables span it. */
const WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** 小五 (9 pt) in tables, 五号 (10.5 pt) in text, 三号 (16 pt) titles — in half-points. */
const SIZE = { table: 18, text: 21, title: 32, section: 22 } as const;
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: 'Times New Roman' });
const FONTS = { text: '宋体', title: '黑体' } as const;

const run = (text: string, options: { bold?: boolean; size?: number; fontName?: string } = {}) =>
  new TextRun({ text, bold: options.bold, size: options.size ?? SIZE.table, font: font(options.fontName ?? FONTS.text) });

/** A paragraph of runs; `\n` starts a new line within it. */
function paragraph(text: string, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; bold?: boolean; size?: number; fontName?: string; before?: number; after?: number } = {}) {
  return new Paragraph({
    alignment: options.align,
    // Multiples of a line (auto), never exact: an exact line would cut the QR code's picture to a strip.
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 260, lineRule: LineRuleType.AUTO },
    children: text.split('\n').map((line, i) => new TextRun({ text: line, break: i ? 1 : 0, bold: options.bold, size: options.size ?? SIZE.table, font: font(options.fontName ?? FONTS.text) })),
  });
}

interface CellSpec {
  text: string;
  span?: number;
  bold?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** Room to write a few words by hand: the row is at least 10 mm high. */
  tall?: boolean;
}

/** A table across the text width: columns in proportion to `widths`, each row of cells (spans add up to the columns). */
function table(widths: readonly number[], rows: readonly (readonly (CellSpec | string)[])[], options: { headerRows?: number } = {}) {
  const total = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / total) * WIDTH));
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    rows: rows.map((cells, r) => {
      let column = 0;
      return new TableRow({
        tableHeader: r < (options.headerRows ?? 0),
        cantSplit: true,
        height: cells.some((c) => typeof c !== 'string' && c.tall) ? { value: mm(10), rule: HeightRule.ATLEAST } : undefined,
        children: cells.map((c) => {
          const spec = typeof c === 'string' ? { text: c } : c;
          const span = spec.span ?? 1;
          const width = twips.slice(column, column + span).reduce((a, b) => a + b, 0);
          column += span;
          return new TableCell({
            width: { size: width, type: WidthType.DXA },
            columnSpan: span > 1 ? span : undefined,
            verticalAlign: VerticalAlign.CENTER,
            margins: { top: 30, bottom: 30, left: 60, right: 60 },
            children: [paragraph(spec.text, { bold: spec.bold, align: spec.align })],
          });
        }),
      });
    }),
  });
}

/** A label cell (bold) and its value. */
const label = (text: string, span = 1): CellSpec => ({ text, bold: true, span, align: AlignmentType.CENTER });
const value = (text: string, span = 1): CellSpec => ({ text, span });
const place = (name: string) => `{{${name}}}`;

/** The header of every page: where the household lives and who heads it, its 户编号, and the QR code of the 户编号. */
function householdHeader(form: string) {
  return new Header({
    children: [
      new Table({
        width: { size: WIDTH, type: WidthType.DXA },
        columnWidths: [WIDTH - mm(24), mm(24)],
        layout: TableLayoutType.FIXED,
        borders: TableBorders.NONE,
        rows: [
          new TableRow({
            children: [
              new TableCell({
                width: { size: WIDTH - mm(24), type: WidthType.DXA },
                verticalAlign: VerticalAlign.BOTTOM,
                borders: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000' }, top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
                children: [
                  paragraph(form, { size: SIZE.table }),
                  paragraph('{{乡镇}}{{行政村}}{{村民小组}}　户主：{{户主姓名}}', { size: SIZE.text }),
                  paragraph('户编号：{{户编号}}', { size: SIZE.text, bold: true }),
                ],
              }),
              new TableCell({ width: { size: mm(24), type: WidthType.DXA }, verticalAlign: VerticalAlign.BOTTOM, children: [paragraph('{{二维码}}', { align: AlignmentType.RIGHT })] }),
            ],
          }),
        ],
      }),
    ],
  });
}

/** 「附件1 收入信息采集表　户编号 …　第 1 页」: the page number counts within the household. */
function householdFooter(form: string) {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(`${form}　户编号 {{户编号}}　户主 {{户主姓名}}　第 `), new TextRun({ children: [PageNumber.CURRENT], size: SIZE.table, font: font(FONTS.text) }), run(' 页')],
      }),
    ],
  });
}

const title = (text: string) => paragraph(text, { align: AlignmentType.CENTER, size: SIZE.title, fontName: FONTS.title, after: 60 });
const sectionTitle = (text: string) => paragraph(text, { bold: true, size: SIZE.section, fontName: FONTS.title, before: 120, after: 40 });

/** The 双签字: the household head (with a fingerprint), the two 信息采集员, the date — and the village's review. */
function signatureBlock(collectors: string): Paragraph[] {
  const line = (text: string) => paragraph(text, { size: SIZE.text, before: 200 });
  return [
    line('户主签字（按手印）：＿＿＿＿＿＿＿＿＿＿　　　　日期：　　　　年　　月　　日'),
    line(`信息采集员签字：＿＿＿＿＿＿＿＿＿＿　＿＿＿＿＿＿＿＿＿＿${collectors}`),
    line('村审核人签字：＿＿＿＿＿＿＿＿＿＿　　　　　　　日期：　　　　年　　月　　日'),
  ];
}

/** The household's basic facts, two to a row. */
const householdRows = (): CellSpec[][] => [
  [label('乡镇、行政村'), value('{{乡镇}}{{行政村}}{{村民小组}}'), label('户编号'), value('{{户编号}}')],
  [label('户主姓名'), value('{{户主姓名}}'), label('户主证件号码'), value('{{户主证件号码}}')],
];

/** A form's section: A4, its header and footer, page numbers from 1 (for each household: each is a section of its own). */
const formSection = (form: string, children: ISectionOptions['children']): ISectionOptions => ({
  properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin, pageNumbers: { start: 1 } } },
  headers: { default: householdHeader(form) },
  footers: { default: householdFooter(form) },
  children,
});

function incomeSection(): ISectionOptions {
  return formSection('附件1 收入信息采集表', [
    title('{{县}}{{收入年度}}年度脱贫人口（监测对象）收入信息采集表'),
    paragraph('收入统计期：{{收入起始年月}}至{{收入截止年月}}　　　　　　　　　　　　　　　　　　　　　　　金额单位：元', { align: AlignmentType.LEFT, after: 60 }),
    table([14, 26, 14, 26], [
      ...householdRows(),
      [label('户类型'), value('{{户类型}}'), label('监测对象类别'), value('{{监测对象类别}}')],
      [label('家庭人口数'), value('{{家庭人口数}}人'), label('联系电话'), value('{{联系电话}}')],
    ]),
    sectionTitle('收入明细（金额与实际不符的，请在「核实后金额」栏填写）'),
    table(
      [7, 30, 15, 15, 33],
      [
        [label('序号'), label('收入项目'), label('金额'), label('核实后金额'), label('说明')],
        [value('{{#收入明细}}{{序号}}'), value('{{项目}}'), { text: '{{金额}}', align: AlignmentType.RIGHT }, value(''), value('{{说明}}{{/收入明细}}')],
      ],
      { headerRows: 1 },
    ),
    sectionTitle('收入合计'),
    table([20, 14, 14, 20, 14, 14], [
      [label('项目'), label('金额'), label('核实后金额'), label('项目'), label('金额'), label('核实后金额')],
      [label('年总收入'), { text: '{{年总收入}}', align: AlignmentType.RIGHT }, value(''), label('家庭纯收入'), { text: '{{家庭纯收入}}', align: AlignmentType.RIGHT }, value('')],
      [label('人均纯收入'), { text: '{{人均纯收入}}', align: AlignmentType.RIGHT }, value(''), label('{{上年度}}年人均纯收入'), { text: '{{上年人均纯收入}}', align: AlignmentType.RIGHT }, value('')],
      [label('理赔收入'), { text: '{{理赔收入}}', align: AlignmentType.RIGHT }, value(''), label('合规自付支出'), { text: '{{合规自付支出}}', align: AlignmentType.RIGHT }, value('')],
      [label('收入参考范围'), { text: '{{纳入监测对象的收入参考范围}}', align: AlignmentType.RIGHT }, value(''), label('人均收入参考范围'), { text: '{{人均收入参考范围}}', align: AlignmentType.RIGHT }, value('')],
    ]),
    paragraph('年总收入＝工资性收入＋生产经营性收入＋财产性收入＋转移性收入；家庭纯收入＝年总收入－生产经营性支出；人均纯收入＝家庭纯收入÷家庭人口数。', { before: 60 }),
    paragraph('本户对以上收入信息已核实无误。', { size: SIZE.text, before: 120 }),
    ...signatureBlock(''),
  ]);
}

/** Whether a survey question takes a whole row: free text, or a choice of many options. */
const wide = (column: ColumnSpec) => column.type === 'text' || (column.type === 'enum' && vocabularies[column.vocab!].values.length > 4);

/** The questions of a dictionary group: short ones two to a row, wide ones alone. */
function questionRows(columns: readonly ColumnSpec[]): CellSpec[][] {
  const rows: CellSpec[][] = [];
  let half: CellSpec[] | null = null;
  for (const column of columns) {
    if (wide(column)) {
      rows.push([label(column.label), { ...value(place(column.label), 3), tall: column.type === 'text' }]);
      continue;
    }
    if (half) {
      half.push(label(column.label), value(place(column.label)));
      half = null;
    } else rows.push((half = [label(column.label), value(place(column.label))]));
  }
  if (half) half.push(label(''), value(''));
  return rows;
}

const visitColumns = (group: string, skip: readonly string[] = []) => tableSpec('visits').columns.filter((c) => c.group === group && !skip.includes(c.key));

/** Household facts the survey confirms at the door (section A). */
const surveyedHousehold = ['address', 'phone', 'householdType', 'monitoringType', 'identifiedMonth', 'riskEliminated', 'militaryFamily', 'noLaborSupport', 'relocationSite', 'relocationAddress'];

function visitSection(): ISectionOptions {
  const household = tableSpec('households').columns.filter((c) => surveyedHousehold.includes(c.key));
  return formSection('附件2 入户调查表', [
    title('{{县}}防止返贫监测帮扶第二轮排查入户调查表'),
    paragraph('排查年度：{{年度}}年　　　　信息与实际不符的，请在原处划改并填写正确信息；是否类问题在对应的□中打√。', { after: 60 }),
    sectionTitle('A 户基本信息'),
    table([18, 32, 18, 32], [...householdRows(), ...questionRows(household), [label('家庭人口数'), value('{{家庭人口数}}人'), label('核实后人口数'), value('')]]),
    sectionTitle('B 家庭成员及人员变动（新增人员填在空行中）'),
    table(
      [5, 10, 5, 9, 21, 9, 12, 11, 18],
      [
        ['序号', '姓名', '性别', '与户主关系', '证件号码', '文化程度', '健康状况', '劳动技能', '人员变动（增减、原因、日期）'].map((h) => label(h)),
        [value('{{#家庭成员}}{{序号}}'), value('{{姓名}}'), value('{{性别}}'), value('{{与户主关系}}'), value('{{证件号码}}'), value('{{文化程度}}'), value('{{健康状况}}'), value('{{劳动技能}}'), value('{{人员变动}}{{变动原因}}{{变动日期}}{{/家庭成员}}')],
        ...[1, 2].map(() => Array.from({ length: 9 }, () => value(''))),
      ],
      { headerRows: 1 },
    ),
    sectionTitle('C 收支情况（{{收入年度}}年度，来自附件1 收入信息采集表，单位：元）'),
    table([18, 32, 18, 32], [
      [label('年总收入'), value('{{年总收入}}'), label('家庭纯收入'), value('{{家庭纯收入}}')],
      [label('家庭人口数'), value('{{家庭人口数}}人'), label('人均纯收入'), value('{{人均纯收入}}')],
    ]),
    sectionTitle('D 两不愁三保障及饮水安全'),
    table([18, 32, 18, 32], questionRows(visitColumns('两不愁三保障及饮水安全'))),
    sectionTitle('E 生产生活条件'),
    table([18, 32, 18, 32], questionRows(visitColumns('生产生活条件'))),
    sectionTitle('F 风险研判与结论'),
    table([18, 32, 18, 32], questionRows(visitColumns('风险研判与结论'))),
    sectionTitle('G 入户排查与签字'),
    table([18, 32, 18, 32], [
      [label('采集方式'), value('{{采集方式}}'), label('排查日期'), value('　　　　年　　月　　日')],
      [label('排查人1'), value('{{排查人1}}'), label('排查人2'), value('{{排查人2}}')],
    ]),
    ...signatureBlock('（排查人1、排查人2）'),
  ]);
}

const sections: Record<SingleFormKind, () => ISectionOptions> = { income: incomeSection, visit: visitSection };

/** The default template of a kind as .docx bytes: one household's forms (附件1, 附件2, or 附件1 then 附件2). */
export async function defaultFormsTemplate(kind: FormKind): Promise<Buffer> {
  const document = new Document({
    creator: '防返贫排查台账',
    title: '入户签字表模板',
    styles: { default: { document: { run: { font: font(FONTS.text), size: SIZE.table } } } },
    sections: formsOf(kind).map((k) => sections[k]()),
  });
  return Packer.toBuffer(document);
}
