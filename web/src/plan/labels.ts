/** Chinese numerals of section (一、) and subsection (（一）) headings. */
export const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Comparison signs of targets: the plan core's constant (pure module). */
export { OP_SIGNS } from '../../../src/plan/core/ops.js';
