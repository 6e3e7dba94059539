import ExcelJS from 'exceljs';
import { DutyCountKeys } from '@yishi/duty';
import type { DutyTable } from '@yishi/protocol';
import { documentT, type DocumentLanguage } from './i18n.js';

/**
 * The duty records of an organisation's year as a workbook (ExcelJS: the secretariat sorts, filters
 * and sums it in its own spreadsheet): a title row, a header row, then one row per member, numbers
 * as numbers, the header kept in view when scrolling; the weights the scores used on a second sheet.
 */
export async function dutyWorkbook(table: DutyTable, orgName: string, lang: DocumentLanguage): Promise<Buffer> {
  const t = documentT(lang);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yishi';
  const sheet = workbook.addWorksheet(t('duty.sheet', { year: table.year }), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
  });
  const columns = [
    t('duty.name'),
    t('duty.sector'),
    ...DutyCountKeys.map((key) => t(`duty.counts.${key}`)),
    t('duty.score'),
  ];
  sheet.columns = columns.map((_, i) => ({ width: i === 1 ? 24 : i === 0 ? 14 : 12 }));

  const title = sheet.addRow([t('duty.title', { org: orgName, year: table.year })]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'bottom' };

  for (const member of table.members) {
    sheet.addRow([
      member.displayName,
      member.sector ?? t('duty.noSector'),
      ...DutyCountKeys.map((key) => member.counts[key]),
      member.score,
    ]);
  }
  sheet.getColumn(columns.length).numFmt = '0.0';
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };

  // The weights the scores were computed with, on a sheet of their own.
  const weights = workbook.addWorksheet(t('duty.weights'));
  weights.columns = [{ width: 24 }, { width: 10 }];
  for (const key of DutyCountKeys) weights.addRow([t(`duty.counts.${key}`), table.weights[key]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
