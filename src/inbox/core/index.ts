export { DEFAULT_PAGE_SIZE, isNoticeKind, MAX_PAGE_SIZE, NOTICE_KIND_LIST, NOTICE_KINDS, noticeKindLabel, shortText, type NoticeKind } from './kinds.js';
