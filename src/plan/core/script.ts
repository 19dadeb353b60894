/**
 * Traditional-script tolerance for the recognisers (many reposts of plans are in traditional characters).
 * opencc-js is not installed, so this is a small table of the characters the recognisers need: labels
 * (牽頭單位, 責任單位, 配合部門), notice and metadata words (關於印發, 辦公廳, 號), organisation suffixes
 * (區, 縣, 廳, 會, 處, 隊) and deadline words (長期堅持, 持續推進). Text is never converted: the parser keeps the
 * original characters and only its patterns accept both forms (`tolerant`), and unit names are looked up
 * in the directory under both forms (`toSimplified`).
 */

/** Pairs simplified → traditional, one pair per two characters. */
const PAIRS =
  '牵牽头頭单單门門责責参參与與协協办辦号號关關于於发發实實区區县縣厅廳会會员員为為职職负負总總体體组組织織导導领領' +
  '项項务務处處业業济濟监監环環优優营營规規划劃资資农農运運输輸卫衛银銀国國际際贸貿产產权權专專数數据據开開电電时時' +
  '间間进進网網络絡户戶点點们們这這个個长長坚堅续續节節见見应應级級乡鄉镇鎮园園团團馆館联聯队隊检檢审審税稅财財场場' +
  '则則纪紀录錄条條达達书書证證准準护護构構机機议議设設计計统統结結题題台臺报報当當标標东東广廣阳陽华華兴興庆慶' +
  '苏蘇宁寧陕陝云雲贵貴赣贛鲁魯晋晉琼瓊沪滬辽遼闽閩属屬学學医醫疗療险險众眾动動装裝强強缔締筹籌协協诉訴讼訟' +
  '办辦对對将將从從后後并並无無准準备備类類让讓线線减減缩縮压壓录錄险險障障围圍绿綠礼禮岁歲币幣储儲汇匯帐賬' +
  '项項简簡称稱级級质質层層传傳积積极極扩擴难難态態惠惠创創财財贷貸额額费費规規门門问問闻聞页頁县縣镇鎮';

const S2T = new Map<string, string>();
const T2S = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const s = PAIRS[i];
  const t = PAIRS[i + 1];
  if (s === t) continue;
  if (!S2T.has(s)) S2T.set(s, t);
  if (!T2S.has(t)) T2S.set(t, s);
}

/** Traditional characters of the table → simplified (others unchanged; same length). */
export function toSimplified(s: string): string {
  let out = '';
  for (const c of s) out += T2S.get(c) ?? c;
  return out;
}

/** True when the text holds any traditional character of the table. */
export function hasTraditional(s: string): boolean {
  for (const c of s) if (T2S.has(c)) return true;
  return false;
}

/**
 * A regex source whose simplified characters also match their traditional forms: outside a character
 * class `区` becomes `[区區]`, inside one `区` becomes `区區`. Escapes are left alone.
 */
export function tolerant(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    const t = S2T.get(c);
    if (t) out += inClass ? c + t : `[${c}${t}]`;
    else out += c;
  }
  return out;
}

/** `new RegExp(tolerant(source), flags)`. */
export function re(source: string, flags?: string): RegExp {
  return new RegExp(tolerant(source), flags);
}
