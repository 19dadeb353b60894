/**
 * Who may call each route of 渝中融's applications part (the route × role matrix, checked by
 * `applications-matrix.test.ts`; the first part's matrix leaves these routes to it). "Allowed": neither 401 nor 403
 * (nor a 5xx); refused: exactly 403 (401 for a visitor). `bank1` is the bank (head office) whose 渝中支行 the
 * application is addressed to, `bank2` another bank; `firmA` applied, `firmB` is another firm; `desk` is unit staff of
 * 区金融办, `otherUnit` staff of another unit.
 */
export type MatrixWho = 'visitor' | 'office' | 'admin' | 'leader' | 'desk' | 'otherUnit' | 'firmA' | 'firmB' | 'bank1' | 'bank2' | 'supervisor';
export const MATRIX_WHO: MatrixWho[] = ['visitor', 'office', 'admin', 'leader', 'desk', 'otherUnit', 'firmA', 'firmB', 'bank1', 'bank2', 'supervisor'];
const DESK: MatrixWho[] = ['office', 'admin', 'desk'];
const READERS: MatrixWho[] = ['office', 'admin', 'desk', 'leader'];

export const APPLICATION_MATRIX: Record<string, MatrixWho[]> = {
  // The options are no secret to anyone who may hold an application (unit staff pass the role check).
  'GET /api/finance/applications/meta': ['office', 'admin', 'leader', 'desk', 'otherUnit', 'firmA', 'firmB', 'bank1', 'bank2'],
  // Lists are scoped: each sees its own; other units' staff and supervisors none.
  'GET /api/finance/applications': [...READERS, 'firmA', 'firmB', 'bank1', 'bank2'],
  'POST /api/finance/applications': ['firmA'],
  // One application: the firm, the bank it is addressed to, the desk and leaders — not another bank (bank2).
  'GET /api/finance/applications/{applicationId}': [...READERS, 'firmA', 'bank1'],
  // The firm's data: only the addressed bank, only under an active consent (see the consent test).
  'GET /api/finance/applications/{applicationId}/enterprise-data': ['bank1'],
  'POST /api/finance/applications/{applicationId}/accept': ['bank1'],
  'POST /api/finance/applications/{applicationId}/decline': ['bank1'],
  'POST /api/finance/applications/{applicationId}/approve': ['bank1'],
  'POST /api/finance/applications/{applicationId}/disburse': ['bank1'],
  'POST /api/finance/applications/{applicationId}/withdraw': ['firmA'],
  'GET /api/finance/consents': ['firmA', 'firmB'],
  'POST /api/finance/consents/{consentId}/withdraw': ['firmA'],
  'GET /api/finance/application-limits': READERS,
  'PUT /api/finance/application-limits': DESK,
  'GET /api/finance/events': READERS,
  'POST /api/finance/events': DESK,
  'GET /api/finance/events/{eventId}': READERS,
  'PUT /api/finance/events/{eventId}': DESK,
  'GET /api/finance/figures': READERS,
  'GET /api/finance/figures.xlsx': READERS,
  'GET /api/finance/public/figures': MATRIX_WHO,
};
