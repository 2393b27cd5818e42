// The 户编号 as a QR code, printed on every page of a household's forms: a USB scanner reads it and types the 户编号
// and Enter into 查找 like a keyboard, which opens the household. The code says the 户编号 and nothing else (no name,
// no ID number): a lost page gives away no more than its printed text. `qrcode` draws it as a PNG in plain Node
// (pngjs, no canvas), in the desktop app, `serve`, the worker thread and the CLI alike.
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';
import type { WordImage } from '../docx/template';

/** Printed size: 18 mm holds a 16-digit 户编号 (version 1, 21×21 modules) at 0.7 mm a module, plenty for any scanner. */
const SIZE_MM = 18;

export async function hhNoQrCode(hhNo: string): Promise<WordImage> {
  // Error correction M (15 %): a fold or a pen mark across the code still reads.
  // rendererOpts go to pngjs: no per-row filter search (a QR code's rows compress well as they are; a village's
  // 500 codes are drawn in a fraction of the time).
  const rendererOpts = { filterType: 0 } as QRCodeToBufferOptions['rendererOpts'];
  const png = await QRCode.toBuffer(hhNo, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8, rendererOpts });
  return { png, widthMm: SIZE_MM, heightMm: SIZE_MM, description: '户编号二维码' };
}
