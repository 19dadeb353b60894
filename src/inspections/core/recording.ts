/**
 * Recording a result (检查结果录入), pure rules: what a result must carry for its category, the 责令改正 deadline in
 * working days, the 免罚清单 citation, evidence limits.
 *
 * - 责令改正: 《行政处罚法》(2021) 第二十八条第一款 “行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为”;
 *   the period is set by the department (no national default); we count it in working days on the State Council
 *   calendar, like the publication deadline (./results.ts).
 * - 移交: 国发〔2019〕5号 二(五) “发现违法违规行为的，依法加强后续监管……需要其他部门处理的，及时移送” (handover
 *   to the department competent for what was found).
 * - 免罚清单: 《行政处罚法》第三十三条 (./exemption.ts); a citation only makes sense where a problem was found.
 * - Evidence (执法全过程记录, measure 34): 国办发〔2018〕118号 (行政执法公示、执法全过程记录、重大执法决定法制审核);
 *   files of the types the platform accepts elsewhere, checked by content.
 */
import { type ResultCategory, type WorkingDays, resultCategory } from './results.js';

export const RESULT_LIMITS = { notes: 2000, transferNote: 500, maxRectifyDays: 250 } as const;
/** Evidence: at most 5 files of 10 MB each, pdf / images / office documents (checked by content). */
export const EVIDENCE_EXTENSIONS = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface ResultInput {
  category: string;
  notes: string;
  /** 责令改正: working days given to correct (null: none). */
  rectifyDays: number | null;
  /** 移交: the department the case is handed over to (null: none). */
  transferUnitId: number | null;
  transferNote: string | null;
  /** A 免罚清单 entry the result cites (null: none). */
  exemptionId: number | null;
}

export interface ResultProblem {
  field: string;
  message: string;
}

/** Problems of a result (Chinese, naming the field), given its category. */
export function resultProblems(r: ResultInput, o: { ownUnitId: number }): ResultProblem[] {
  const p: ResultProblem[] = [];
  const c: ResultCategory | undefined = resultCategory(r.category);
  if (!c) return [{ field: 'category', message: '未知的检查结果类别' }];
  if ([...r.notes].length > RESULT_LIMITS.notes) p.push({ field: 'notes', message: `检查情况说明不能超过 ${RESULT_LIMITS.notes} 字` });
  if (c.outcome === 'problem' && !r.notes.trim()) p.push({ field: 'notes', message: '发现问题的，请填写检查情况说明（问题与依据）' });
  if (r.rectifyDays !== null) {
    if (c.outcome !== 'problem') p.push({ field: 'rectifyDays', message: '未发现问题的，不能责令改正' });
    else if (!Number.isInteger(r.rectifyDays) || r.rectifyDays < 1 || r.rectifyDays > RESULT_LIMITS.maxRectifyDays)
      p.push({ field: 'rectifyDays', message: `改正期限应为 1 至 ${RESULT_LIMITS.maxRectifyDays} 个工作日` });
  }
  if (c.code === 'corrected' && r.rectifyDays === null) p.push({ field: 'rectifyDays', message: '“发现问题已责令改正”须填写改正期限（工作日）' });
  if (r.transferUnitId !== null && r.transferUnitId === o.ownUnitId) p.push({ field: 'transferUnitId', message: '不能移交本部门' });
  if (r.transferUnitId === null && r.transferNote?.trim()) p.push({ field: 'transferUnitId', message: '填写了移交说明，请选择移交部门' });
  if (r.transferNote && [...r.transferNote].length > RESULT_LIMITS.transferNote)
    p.push({ field: 'transferNote', message: `移交说明不能超过 ${RESULT_LIMITS.transferNote} 字` });
  if (r.exemptionId !== null && c.outcome !== 'problem') p.push({ field: 'exemptionId', message: '未发现问题的，无需援引免罚清单' });
  return p;
}

/** The last day to correct: `days` working days after the day the result was produced (that day not counted). */
export function rectifyDue(cal: WorkingDays, producedOn: string, days: number | null): string | null {
  return days === null ? null : cal.addWorkingDays(producedOn, days);
}
