// CSV and XLSX download links of an API path: the server's `format=csv|xlsx` answers with an
// attachment of the same rows the page shows. The workbook is in the page's language (the
// server's words for codes, src/server/downloads.cpp); the CSV keeps the API's ids.
import { apiUrl } from './api';
import type { Params } from './api';
import { h } from './dom';
import { lang, t } from './i18n';

/** "<label>: Ladda ned CSV · Ladda ned Excel (XLSX)"; links are tagged data-download=<name>-csv|xlsx. */
export function downloadLinks(path: string, params: Params, label: string, name: string): HTMLElement {
  const link = (format: 'csv' | 'xlsx', text: string) =>
    h('a', {
      href: apiUrl(path, format === 'xlsx' && lang() === 'en' ? { ...params, format, lang: 'en' } : { ...params, format }),
      download: '',
      'data-download': `${name}-${format}`,
    }, text);
  return h('p', { className: 'downloads' }, `${label}: `, link('csv', t('downloadCsv')), ' · ', link('xlsx', t('downloadXlsx')));
}
