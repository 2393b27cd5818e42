// The 公示 of newly identified 监测户 as Word: the layout 'publicity' (src/shared/layouts/publicity.ts, the same rows
// and columns as its .xlsx export, ID numbers masked) as a table under the notice's title and wording, with the
// days of the 公示 and the signature of the 村委会 or 乡镇 left for the village to write.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { basename } from 'node:path';
import type { PublicityRequest, PublicityResult } from '../../../shared/api';
import { PaichaError } from '../../../shared/errors';
import { findLayout } from '../../../shared/layouts';
import { peopleCounts } from '../../../shared/progress';
import type { Store } from '../../store';
import { fillTemplate, openTemplate } from '../docx/template';
import { chineseDate, DEFAULT_TEMPLATE_NAME, writeBytes } from '../docx/templateFile';
import { loadYear } from '../loadYear';
import { annex } from '../report/tables';

const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: 'Times New Roman' });
const line = (text: string, options: { size?: number; fontName?: string; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number } = {}) =>
  new Paragraph({ alignment: options.align, spacing: { before: options.before ?? 0, after: 60, line: 360 }, indent: options.align ? undefined : { firstLine: 560 }, children: [new TextRun({ text, size: options.size ?? 28, font: font(options.fontName ?? '仿宋_GB2312') })] });

/** The notice: title, wording, the list, the days and where to object, the signature. */
async function publicityTemplate(): Promise<Buffer> {
  const document = new Document({
    creator: '防返贫排查台账',
    title: '新识别防止返贫监测对象公示',
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } } },
        children: [
          line('{{公示标题}}', { size: 36, fontName: '方正小标宋简体', align: AlignmentType.CENTER }),
          line('经农户申请（或部门预警、入户排查发现）、村“两委”入户核实、村民主评议，拟将以下{{户数}}户{{人数}}人识别为防止返贫监测对象，现予公示。公示期为　　年　　月　　日至　　年　　月　　日。如有异议，请在公示期内向村委会或乡镇人民政府反映。', { before: 240 }),
          new Paragraph({ children: [new TextRun({ text: '{{公示名单}}', size: 21 })] }),
          line('监督电话：＿＿＿＿＿＿＿＿', { before: 240 }),
          line('{{公示单位}}', { align: AlignmentType.RIGHT, before: 480 }),
          line('{{日期}}', { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export async function writePublicity(store: Store, request: PublicityRequest & { path: string }): Promise<PublicityResult> {
  let villageId: number | undefined;
  if (request.village) {
    const [village] = store.rows('villages', { name: request.village });
    if (!village) throw new PaichaError('notFound', `没有名为「${request.village}」的行政村。`);
    villageId = village.id;
  }
  const data = loadYear(store, { year: request.year, villageId });
  const layout = findLayout('publicity')!;
  const list = annex(data, '公示名单', 'publicity');
  const counts = peopleCounts(data, layout.rows(data));
  const where = request.village ?? '';
  const filled = fillTemplate(openTemplate(await publicityTemplate(), DEFAULT_TEMPLATE_NAME), {
    公示标题: `${data.place.township}${where}${data.year}年新识别防止返贫监测对象公示`,
    户数: counts.households,
    人数: counts.people,
    公示名单: list.table,
    公示单位: request.village ? `${request.village}村民委员会` : `${data.place.township}人民政府`,
    日期: chineseDate(new Date()),
  });
  await writeBytes(request.path, filled.bytes);
  return { path: request.path, name: basename(request.path), year: data.year, households: counts.households, people: counts.people };
}
