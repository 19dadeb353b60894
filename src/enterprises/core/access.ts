/** Who may change the enterprise registry (the routes check these; the web shows the buttons). Pure: the web imports it. */
export const ENTERPRISE_EDITORS = ['office', 'unit_staff', 'admin'] as const;
/** Who may import firms from a file. */
export const ENTERPRISE_IMPORTERS = ['office', 'admin'] as const;
