/**
 * 智能客服 (issue 17, measure 21): the only door other folders use. See README.md.
 *
 *   import { ask } from '../helpdesk/index.js';
 *   const r = await ask(db, '用水报装要多久'); // r.confident, r.answers[0].text, r.answers[0].source.link
 */
export { helpdeskRoutes, FAQ_EDITORS } from './routes.js';
export { ask, answer, type AskResult, type CalendarAnswer } from './ask.js';
export { helpdeskKnowledge, refreshHelpdesk, helpdeskStatus, PLATFORM_TTL_MS } from './knowledge-cache.js';
export {
  listFaq,
  getFaq,
  createFaq,
  updateFaq,
  deleteFaq,
  importFaqFile,
  exportFaqXlsx,
  listSynonyms,
  createSynonym,
  updateSynonym,
  deleteSynonym,
  seedSynonyms,
  helpdeskRevision,
  type FaqEntry,
  type SynonymEntry,
} from './faq-store.js';
export { seedHelpdeskDemo } from './demo.js';
export { registerHelpdeskCommands } from './cli.js';
export { demoKnowledge, evaluateKnowledge, likeBaseline, readLabelledSet } from './evaluate.js';
export { KNOWLEDGE_KINDS, KIND_LABELS, CONFIDENT_COVERAGE, type Answer, type Knowledge, type KnowledgeItem } from './core/index.js';
export { askAndLog, recordClick, recordRating, handOff, listMisses, faqFromMisses, type Asked, type HandOff } from './log-store.js';
export { groupMisses, termOverlap, MISS_SIMILARITY, type MissGroup } from './core/index.js';
export {
  liveChatStatus,
  getOfficeHours,
  setOfficeHours,
  startChat,
  chatQueue,
  acceptChat,
  staffReply,
  transferChat,
  staffClose,
  LIVE_STAFF,
  type ChatView,
  type ChatPoll,
} from './live-chat-store.js';
