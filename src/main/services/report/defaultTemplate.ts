// The built-in template of the 总结报告 — the one source of the default: `paicha template report` writes it for the
// clerk to edit, and a report without a template of its own is filled from it. The outline follows REFERENCE.md f)
// and the work plan; the layout is GB/T 9704-2012: A4, margins 37/35/28/26 mm, title 2号 方正小标宋简体, body 3号
// 仿宋_GB2312 on a grid of 22 lines × 28 characters, headings 一、 in 黑体 and （一） in 楷体_GB2312, page numbers
// 「— 1 —」 in 4号 宋体 at the outer bottom corner (odd pages right, even pages left, one character in). The fonts are
// named as Chinese offices have them; where they are missing Word/WPS/LibreOffice substitute their own.
// Narrative parts are yellow 【请填写…】 paragraphs for the township to write; figures and tables are placeholders.
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type ISectionOptions,
} from 'docx';

/** Twips of a millimetre. */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
/** Font sizes of the Chinese scale, in half-points: 2号 22pt, 3号 16pt, 4号 14pt. */
const size = { er: 44, san: 32, si: 28 } as const;

export const reportFonts = { title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312', pageNumber: '宋体' } as const;

/** The A4 page of the body: 156 mm × 225 mm of text, 28 characters of 3号 across, 22 lines down. */
export const reportPage = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** Twips from one line to the next: 225 mm ÷ 22 lines. */
  linePitch: Math.floor((16838 - mm(37) - mm(35)) / 22),
  /** Character pitch relative to 3号, in 4096ths of a point: 156 mm ÷ 28 characters, less 16 pt. */
  charSpace: Math.round(((11906 - mm(28) - mm(26)) / 28 / 20 - 16) * 4096),
};

const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: 'Times New Roman' });
const exactLine = { line: reportPage.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/** Two characters of 3号: the first-line indent of the body and of headings. */
const TWO_CHARS = 640;

/** Body text: runs of plain text and {{placeholders}}, one paragraph, first line indented two characters. */
const body = (text: string) => new Paragraph({ spacing: exactLine, indent: { firstLine: TWO_CHARS }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text, font: font(reportFonts.body), size: size.san })] });
const heading1 = (text: string) => new Paragraph({ spacing: exactLine, indent: { firstLine: TWO_CHARS }, children: [new TextRun({ text, font: font(reportFonts.heading1), size: size.san })] });
const heading2 = (text: string) => new Paragraph({ spacing: exactLine, indent: { firstLine: TWO_CHARS }, children: [new TextRun({ text, font: font(reportFonts.heading2), size: size.san })] });
/** A part for the township to write: marked yellow, to be replaced by its own words. */
const toWrite = (what: string) =>
  new Paragraph({ spacing: exactLine, indent: { firstLine: TWO_CHARS }, children: [new TextRun({ text: `【请填写：${what}】`, font: font(reportFonts.body), size: size.san, highlight: HighlightColor.YELLOW })] });
/** A table's title (centered, 黑体 4号: its number and {{名标题}}) and its placeholder paragraph, which the table replaces. */
const table = (number: number, name: string) => [
  new Paragraph({ spacing: { before: 120, after: 60 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `表${number}  {{${name}标题}}`, font: font(reportFonts.heading1), size: size.si })] }),
  new Paragraph({ children: [new TextRun({ text: `{{${name}}}`, font: font(reportFonts.body), size: 24 })] }),
];
const blank = () => new Paragraph({ spacing: exactLine, children: [] });

/** 「— 1 —」 at the outer corner: right on odd pages, left on even ones, one character in. */
const pageNumber = (side: 'odd' | 'even') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(reportFonts.pageNumber), size: size.si })],
      }),
    ],
  });

const footers = { default: pageNumber('odd'), even: pageNumber('even') };

const grid = { type: DocumentGridType.LINES_AND_CHARS, linePitch: reportPage.linePitch, charSpace: reportPage.charSpace };

/** The annexes: each on landscape A4, its label top left in 黑体, its title centered, then its table. */
const annexes: [label: string, name: string][] = [
  ['附件1', '重点人群汇总表'],
  ['附件2', '问题台账'],
  ['附件3', '入户责任分工表'],
  ['附件4', '疑似问题清单'],
];

function annexSection([label, name]: (typeof annexes)[number]): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: reportPage.width, height: reportPage.height, orientation: PageOrientation.LANDSCAPE },
        margin: { top: reportPage.margin.left, bottom: reportPage.margin.right, left: reportPage.margin.top, right: reportPage.margin.bottom },
      },
    },
    footers,
    children: [
      new Paragraph({ children: [new TextRun({ text: label, font: font(reportFonts.heading1), size: size.san })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240 }, children: [new TextRun({ text: `{{${name}标题}}`, font: font(reportFonts.title), size: size.er })] }),
      new Paragraph({ children: [new TextRun({ text: `{{${name}}}`, size: 21 })] }),
    ],
  };
}

function mainSection(): ISectionOptions {
  return {
    properties: { page: { size: { width: reportPage.width, height: reportPage.height }, margin: reportPage.margin }, grid },
    footers,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exactLine,
        // Broken by hand where a 2号 line is full (20 characters), as titles of 公文 are.
        children: ['{{乡镇}}{{年度}}年度', '防止返贫动态监测帮扶工作情况报告暨', '第二轮集中排查工作总结报告'].map((text, i) => new TextRun({ text, break: i ? 1 : 0, font: font(reportFonts.title), size: size.er })),
      }),
      blank(),
      body('根据《关于规范做好全县脱贫人口收入和{{年度}}年巩固脱贫成果信息动态管理暨第二轮集中排查工作的通知》要求，我乡扎实开展巩固拓展脱贫攻坚成果信息动态管理暨第二轮集中排查工作，现将有关情况报告如下。'),
      heading1('一、基本情况'),
      body('全乡共有行政村{{行政村数}}个、村民小组{{村民小组数}}个，农户{{总户数}}户{{总人数}}人。其中脱贫户{{脱贫户数}}户{{脱贫人数}}人，一般农户{{一般农户户数}}户{{一般农户人数}}人。'),
      body(
        '现有防止返贫监测户{{监测户数}}户{{监测人数}}人，其中脱贫不稳定户{{脱贫不稳定户户数}}户{{脱贫不稳定户人数}}人、边缘易致贫户{{边缘易致贫户户数}}户{{边缘易致贫户人数}}人、突发严重困难户{{突发严重困难户户数}}户{{突发严重困难户人数}}人；风险未消除{{风险未消除监测户数}}户{{风险未消除监测人数}}人。',
      ),
      ...table(1, '分村统计表'),
      heading1('二、工作开展情况'),
      heading2('（一）动员部署'),
      toWrite('召开专题会议、确定信息采集人员、开展业务培训等情况'),
      heading2('（二）入户排查'),
      body('全乡划分排查片区{{排查片区数}}个，落实排查责任人{{排查责任人数}}名。已入户排查{{已入户排查户数}}户，覆盖率{{入户排查覆盖率}}；户主与信息采集员双签字{{双签字户数}}户。'),
      toWrite('“户户到、人人见”、电话访谈等入户方式和做法'),
      heading2('（三）重点人群排查'),
      body(
        '经数据比对和入户核实，全乡共有重点人群{{重点人群户数}}户{{重点人群人数}}人（一户可属多类）。其中受灾户{{受灾户户数}}户，收入不增反降或增速较慢{{收入不增反降或增速较慢户数}}户，人均纯收入低于10000元{{人均纯收入低于10000元户数}}户，务工不稳定或返乡{{务工不稳定或返乡户数}}户，新识别或新申请低保{{新识别或新申请低保户数}}户，因病因残因学刚性支出较大{{因病因残因学刚性支出较大户数}}户，产业失败或意外事故{{产业失败或意外事故户数}}户。',
      ),
      ...table(2, '重点人群统计表'),
      heading2('（四）部门数据比对和线索核实'),
      toWrite('部门预警信息、“一键报贫”线索的核实处理情况'),
      heading1('三、排查结果'),
      heading2('（一）监测对象识别和风险消除'),
      body(
        '{{年度}}年新识别监测户{{新识别监测户数}}户{{新识别监测人数}}人；标注风险消除{{风险消除户数}}户{{风险消除人数}}人，其中帮扶消除{{帮扶消除户数}}户、自然消除{{自然消除户数}}户。入户排查结论为建议纳入监测的{{排查结论建议纳入监测户数}}户、建议风险消除的{{排查结论建议风险消除户数}}户、风险消除回退的{{排查结论风险消除回退户数}}户、风险再标注的{{排查结论风险再标注户数}}户。',
      ),
      ...table(3, '风险类型统计表'),
      heading2('（二）收入情况'),
      body(
        '{{年度}}年有收入信息的农户{{有收入信息户数}}户，人均纯收入{{人均纯收入}}，上年{{上年人均纯收入}}，增减幅{{人均纯收入增减幅}}。其中脱贫户人均纯收入{{脱贫户人均纯收入}}，监测户人均纯收入{{监测户人均纯收入}}。人均纯收入比上年减少的{{人均纯收入比上年减少户数}}户{{人均纯收入比上年减少人数}}人；监测范围{{监测范围}}，人均纯收入低于监测范围的{{低于监测范围户数}}户。',
      ),
      ...table(4, '分村收入统计表'),
      ...table(5, '人均纯收入分布表'),
      heading2('（三）“三保障”和饮水安全'),
      body(
        '入户排查发现存在吃穿困难的{{吃穿困难户数}}户，义务教育阶段适龄儿童少年失学辍学的{{义务教育失学辍学户数}}户，住房不安全的{{住房不安全户数}}户，饮水安全未解决的{{饮水未解决户数}}户；未参加基本医疗保险{{未参加基本医疗保险人数}}人。已落实帮扶措施的监测户{{已落实帮扶措施监测户数}}户，帮扶措施{{帮扶措施条数}}项。',
      ),
      toWrite('“三保障”和饮水安全问题的解决情况'),
      heading1('四、问题整改'),
      body('排查发现问题{{问题总数}}个，已整改销号{{已整改问题数}}个，整改率{{问题整改率}}，尚未整改{{未整改问题数}}个。'),
      ...table(6, '问题分类统计表'),
      toWrite('尚未整改问题的整改措施、时限和责任人'),
      heading1('五、信息采集与数据质量'),
      body(
        '家庭成员自然增加{{自然增加人数}}人（{{自然增加原因}}），自然减少{{自然减少人数}}人（{{自然减少原因}}）。数据核查现有错误{{疑似问题错误数}}条、提醒{{疑似问题提醒数}}条，已核实确认的提醒{{已确认提醒数}}条；问题台账中信息数据错误{{信息数据错误问题数}}个，已更正{{信息数据错误已更正数}}个。',
      ),
      toWrite('脱贫村和驻村工作队指标采集、系统录入进度和疑似问题数据清洗情况'),
      heading1('六、存在的问题'),
      toWrite('工作中存在的问题和困难'),
      heading1('七、下一步打算'),
      toWrite('下一步工作打算'),
      blank(),
      body('附件：1.第二轮排查重点人群汇总表'),
      new Paragraph({ spacing: exactLine, indent: { left: TWO_CHARS + 960 }, children: [new TextRun({ text: '2.第二轮排查问题台账', font: font(reportFonts.body), size: size.san })] }),
      new Paragraph({ spacing: exactLine, indent: { left: TWO_CHARS + 960 }, children: [new TextRun({ text: '3.第二轮排查入户责任分工表', font: font(reportFonts.body), size: size.san })] }),
      new Paragraph({ spacing: exactLine, indent: { left: TWO_CHARS + 960 }, children: [new TextRun({ text: '4.数据核查疑似问题清单', font: font(reportFonts.body), size: size.san })] }),
      blank(),
      blank(),
      new Paragraph({ spacing: exactLine, alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [new TextRun({ text: '{{乡镇}}人民政府', font: font(reportFonts.body), size: size.san })] }),
      new Paragraph({ spacing: exactLine, alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [new TextRun({ text: '{{成文日期}}', font: font(reportFonts.body), size: size.san })] }),
    ],
  };
}

/** The default template as .docx bytes. */
export async function defaultReportTemplate(): Promise<Buffer> {
  const document = new Document({
    creator: '防返贫排查台账',
    title: '防止返贫动态监测帮扶工作情况报告暨第二轮集中排查工作总结报告',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(reportFonts.body), size: size.san } } } },
    sections: [mainSection(), ...annexes.map(annexSection)],
  });
  return Packer.toBuffer(document);
}
