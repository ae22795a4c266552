/**
 * Sends an XLSX workbook as a download (the console's exports: survey results, bookings). The
 * response is written directly because the body is binary; the route then returns nothing.
 *
 * @example
 * return sendXlsx(ctx, 'dat-cho-2026-12', Buffer.from(await workbook.xlsx.writeBuffer()));
 */
import type { ConsoleContext } from './context.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendXlsx(ctx: Pick<ConsoleContext, 'res'>, name: string, buffer: Buffer): undefined {
  ctx.res.writeHead(200, {
    'content-type': XLSX_TYPE,
    'content-disposition': `attachment; filename="${name}.xlsx"`, 'content-length': String(buffer.length), 'cache-control': 'no-store',
  });
  ctx.res.end(buffer);
  return undefined;
}
