/**
 * Results of a 双随机 check and their publication (一公开), pure rules.
 *
 * Result categories: the categories under which 抽查检查结果 appear on the 国家企业信用信息公示系统 (抽查检查信息),
 * as reported by local bureaus (e.g. 黄山市工商局 2015: 正常经营, 公示信息隐瞒真实情况、弄虚作假, 未按规定公示即时信息,
 * 通过住所(经营场所)无法取得联系, 不予配合、情节严重, 注销等其它情况; 四川省工商局 2015: 责令整改期限内改正 …) and as
 * named in issue 15. UNVERIFIED: we did not retrieve one national text listing them all; the list is the platform's
 * and its labels follow the 公示系统 wording.
 *
 * Publication deadline: 《企业信息公示暂行条例》(国务院令第654号, 2024年修订) 第六条第二款: “前款规定的企业信息应当
 * 自产生之日起20个工作日内予以公示。” (第六条第一款(五) 其他依法应当公示的信息; 第七条 sets the same duty for the other
 * government departments). SAMR on 双随机 results (马正其, 新华网 2018-06-08): “双随机抽查检查结果要在抽查检查结束之日起
 * 20个工作日之内及时公布”. Counting: the day the result is produced is not counted (民法典 第二百零一条); the 20th
 * working day on the State Council's holiday arrangement (调休 workdays count) is the last day.
 */

export type ResultOutcome = 'normal' | 'problem' | 'not_inspected';

export interface ResultCategory {
  code: string;
  label: string;
  /** normal: nothing wrong; problem: a problem found; not_inspected: the check could not be done. */
  outcome: ResultOutcome;
  /** The result needs a follow-up (责令改正 deadline, 移交 another department, 经营异常名录). */
  followUp: boolean;
}

export const RESULT_CATEGORIES: readonly ResultCategory[] = [
  { code: 'no_problem', label: '未发现问题', outcome: 'normal', followUp: false },
  { code: 'corrected', label: '发现问题已责令改正', outcome: 'problem', followUp: true },
  { code: 'pending', label: '发现问题待后续处理', outcome: 'problem', followUp: true },
  { code: 'not_disclosed', label: '未按规定公示应当公示的信息', outcome: 'problem', followUp: true },
  { code: 'false_disclosure', label: '公示信息隐瞒真实情况、弄虚作假', outcome: 'problem', followUp: true },
  { code: 'unreachable', label: '通过登记的住所（经营场所）无法联系', outcome: 'problem', followUp: true },
  { code: 'no_activity', label: '未发现开展本次抽查涉及的经营活动', outcome: 'normal', followUp: false },
  { code: 'refused', label: '不配合检查情节严重', outcome: 'problem', followUp: true },
  { code: 'not_found', label: '查无下落', outcome: 'not_inspected', followUp: true },
  { code: 'closed', label: '已注销、已被吊销营业执照或已迁出', outcome: 'not_inspected', followUp: false },
];

export type ResultCode = (typeof RESULT_CATEGORIES)[number]['code'];
export const RESULT_CODES = RESULT_CATEGORIES.map((c) => c.code);

/** The category of a code, or undefined. */
export function resultCategory(code: string): ResultCategory | undefined {
  return RESULT_CATEGORIES.find((c) => c.code === code);
}

/** Working days within which a result is made public (企业信息公示暂行条例 第六条第二款). */
export const PUBLICATION_WORKING_DAYS = 20;
export const PUBLICATION_BASIS = '《企业信息公示暂行条例》第六条第二款：自产生之日起20个工作日内予以公示';

/** The calendar operations the deadline needs (the calendar's WorkingCalendar has them). */
export interface WorkingDays {
  addWorkingDays(date: string, n: number): string;
  workingDaysBetween(a: string, b: string): number;
}

/** Last day to publish a result produced on `producedOn`: the 20th working day after it. */
export function publicationDue(cal: WorkingDays, producedOn: string): string {
  return cal.addWorkingDays(producedOn, PUBLICATION_WORKING_DAYS);
}

export interface PublicationState {
  due: string;
  published: boolean;
  /** Unpublished past the due date, or published after it. */
  overdue: boolean;
  /** Unpublished: working days from `today` to the due date (negative when past it); published: null. */
  workingDaysLeft: number | null;
}

/**
 * Where a result stands against its publication deadline on `today` (China date). Published on the due
 * day itself is on time (the last day ends at 24:00, 民法典 第二百零三条第二款).
 */
export function publicationState(cal: WorkingDays, r: { producedOn: string; publishedOn: string | null }, today: string): PublicationState {
  const due = publicationDue(cal, r.producedOn);
  if (r.publishedOn !== null) return { due, published: true, overdue: r.publishedOn > due, workingDaysLeft: null };
  return { due, published: false, overdue: today > due, workingDaysLeft: cal.workingDaysBetween(today, due) };
}
