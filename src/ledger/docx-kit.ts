/** The Word helper moved to src/files (shared with the requests' 诉求办理通报); the ledger's files keep importing it from here. */
import { docxKit } from '../files/index.js';

export const {
  FANGSONG,
  HEITI,
  XBS,
  SAN_HAO,
  SI_HAO,
  XIAO_SI,
  ER_HAO,
  RED,
  ISSUING_OFFICE,
  mm,
  run,
  body,
  heading,
  centred,
  right,
  cell,
  table,
  formTable,
  chineseDate,
  packDocument,
} = docxKit;
