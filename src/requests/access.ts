/** Who may do what with requests (the route × role matrix test checks it): see README.md, "Access". */
export const REQUEST_READERS = ['office', 'admin', 'leader', 'unit_staff', 'enterprise', 'supervisor'] as const;
/** The office's own powers: intake, routing, the time limits. */
export const REQUEST_OFFICE = ['office', 'admin'] as const;
/** Steps on one request: the office routes, the unit signs/returns/notes/answers (checked per request in the store). */
export const REQUEST_ACTORS = ['office', 'admin', 'unit_staff'] as const;
/** 政企沟通 and 回访: staff read meetings, key firms, visits and coverage (unit staff their units'). */
export const COMMUNICATION_READERS = ['office', 'admin', 'leader', 'unit_staff'] as const;
/** Visits are recorded by the office or by staff of the unit in charge of the firm (checked per firm in the store). */
export const VISIT_RECORDERS = ['office', 'admin', 'unit_staff'] as const;
/** 诉求办理统计 and 诉求办理通报: the office and leaders (the public page shows district figures to anyone). */
export const FIGURE_READERS = ['office', 'admin', 'leader'] as const;
