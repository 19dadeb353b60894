/**
 * Traditional → simplified characters for recognition only: many reposts of plans of the genre are in
 * traditional script (issue 13). The mapping is one character for one character, so positions in the
 * recognised string are positions in the original and phrases are cut from the text as written.
 * It covers the characters of the words the target and deadline extractors look for (operators, units,
 * verbs of completion, fillers), not the whole script: a character not listed stays as it is.
 */
const PAIRS =
  '個个壓压縮缩減减簡简內内於于過过時时間间環环節节辦办結结證证萬万億亿費费單单達达實实現现蓋盖項项戶户將将從从為为與与應应須须確确爭争進进務务數数質质場场條条臺台筆笔幾几兩两後后開开關关發发處处無无動动態态鐘钟點点號号範范圍围規规劃划級级網网線线審审執执體体備备極极續续長长堅坚導导檢检測测門门頭头營营業业機机構构產产報报稅税費费讓让級级勵励運运轉转統统驗验錄录險险貸贷擔担總总額额規规則则區区縣县縮缩細细準准護护類类較较響响應应們们戶户並并議议許许這这樣样達达屆届際际續续電电氣气熱热庫库協协調调處处當当選选擇择證证補补貼贴獎奖辦办畫画權权歲岁來来錢钱積积層层幫帮優优標标續续廣广還还衛卫醫医藥药療疗職职稱称轄辖鎮镇鄉乡園园區区對对舉举畝亩噸吨啟启復复畢毕監监約约納纳給给見见資资領领頻频饋馈駐驻決决別别佔占';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i], PAIRS[i + 1]);

/** The text with the traditional characters the extractors read mapped to simplified ones (same length). */
export function simplifiedForRecognition(s: string): string {
  let out = '';
  for (const c of s) out += MAP.get(c) ?? c;
  return out;
}
