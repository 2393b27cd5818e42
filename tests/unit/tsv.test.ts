// The clipboard block of Excel/WPS, and what keyed vocabulary values stand for (src/shared/tsv.ts).
import { describe, expect, it } from 'vitest';
import { formatHtmlTable, formatTsv, isBlock, keyedValue, parseHtmlTable, parseTsv } from '../../src/shared/tsv';

describe('parseTsv', () => {
  it('reads rows of tab-separated cells, with Windows or Unix line ends, without the last line break', () => {
    expect(parseTsv('马海军\t男\r\n马小红\t女\r\n')).toEqual([['马海军', '男'], ['马小红', '女']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('一个值')).toEqual([['一个值']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('keeps empty cells, which clear their targets', () => {
    expect(parseTsv('a\t\tc\n\tb\t\n')).toEqual([['a', '', 'c'], ['', 'b', '']]);
    expect(parseTsv('\n')).toEqual([['']]);
  });

  it('unquotes cells Excel quoted for a line break, tab or quote', () => {
    expect(parseTsv('"第一行\n第二行"\tx\r\n"说""是"""\ty')).toEqual([['第一行\n第二行', 'x'], ['说"是"', 'y']]);
    // A quote that does not open a quoted cell is text.
    expect(parseTsv('"半个\tb')).toEqual([['"半个', 'b']]);
  });

  it('writes what it reads', () => {
    const rows = [['a\tb', '说"是"'], ['第一行\n第二行', '']];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
    expect(formatTsv([['健康'], ['残疾']])).toBe('健康\n残疾');
  });

  it('tells a block from one value copied with its line break', () => {
    expect(isBlock('马海军\r\n')).toBe(false);
    expect(isBlock('马海军')).toBe(false);
    expect(isBlock('a\tb')).toBe(true);
    expect(isBlock('a\nb')).toBe(true);
  });
});

/** What Excel 2016 puts on the clipboard as text/html for a copied block (trimmed of most of its style sheet). */
const excelHtml = `Version:1.0
StartHTML:0000000105
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style>
<!--table {mso-displayed-decimal-separator:"\.";}
td {padding-top:1px; mso-number-format:General;}
.xl65 {mso-number-format:"\@";}
-->
</style></head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=216 style='border-collapse:collapse;width:162pt'>
<!--StartFragment-->
 <col width=72 span=3 style='width:54pt'>
 <tr height=19 style='height:14.25pt'>
  <td height=19 class=xl65 width=72 style='height:14.25pt;width:54pt'>62102519780510001X</td>
  <td width=72 style='width:54pt'>马&nbsp;海军</td>
  <td align=right width=72 style='width:54pt'>12000</td>
 </tr>
 <tr height=38 style='height:28.5pt'>
  <td height=38 class=xl65 style='height:28.5pt'></td>
  <td class=xl66 width=72 style='width:54pt'>第一行<br style='mso-data-placement:same-cell;' />第二行</td>
  <td>A &amp; B &lt;说&gt;
  续</td>
 </tr>
<!--EndFragment-->
</table>
</body>
</html>`;

describe('parseHtmlTable', () => {
  it('reads the cells of the table Excel puts on the clipboard, as a browser shows them', () => {
    expect(parseHtmlTable(excelHtml)).toEqual([
      ['62102519780510001X', '马 海军', '12000'],
      ['', '第一行\n第二行', 'A & B <说> 续'],
    ]);
  });

  it('keeps the shape of a block with merged cells', () => {
    const html = '<table><tr><td colspan=2>合并</td><td rowspan="2">纵</td></tr><tr><td>a</td><td>b</td></tr></table>';
    expect(parseHtmlTable(html)).toEqual([['合并', '', '纵'], ['a', 'b', '']]);
  });

  it('is null for HTML without a table (a copied paragraph)', () => {
    expect(parseHtmlTable('<p>马海军</p>')).toBeNull();
  });

  it('reads back the table it writes, with ID numbers marked as text for Excel and WPS', () => {
    const rows = [['62102519780510001X', '12000'], ['说"是" & <否>', '第一行\n第二行']];
    const html = formatHtmlTable(rows, [true, false]);
    expect(html).toContain(`<td style='mso-number-format:"\\@"'>62102519780510001X</td><td>12000</td>`);
    expect(parseHtmlTable(html)).toEqual(rows);
  });
});

describe('keyedValue', () => {
  it('takes a value, its number or its 拼音 initials, and keeps what names nothing', () => {
    expect(keyedValue('sex', false, '2')).toBe('女');
    expect(keyedValue('relation', false, 'hz')).toBe('户主');
    expect(keyedValue('relation', false, '户主')).toBe('户主');
    expect(keyedValue('relation', false, ' 不知道 ')).toBe('不知道');
    // 男 and 女 both start with n: ambiguous initials name nothing.
    expect(keyedValue('sex', false, 'n')).toBe('n');
  });

  it('stores several values of a multi-valued vocabulary comma-separated', () => {
    expect(keyedValue('health', true, 'jk')).toBe('健康');
    expect(keyedValue('health', true, '1')).toBe('健康');
    expect(keyedValue('health', true, '2 cj')).toBe('长期慢性病,残疾');
    expect(keyedValue('health', true, '长期慢性病，4,4')).toBe('长期慢性病,残疾');
    expect(keyedValue('health', true, '')).toBe('');
  });
});
