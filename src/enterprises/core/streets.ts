/**
 * The 街道 of the district (渝中区: 11 街道, per the district government's 行政区划 page), offered when
 * an enterprise's street is entered. Another district replaces this list.
 */
export const DISTRICT_STREETS = [
  '解放碑街道',
  '七星岗街道',
  '两路口街道',
  '上清寺街道',
  '菜园坝街道',
  '南纪门街道',
  '大溪沟街道',
  '朝天门街道',
  '大坪街道',
  '化龙桥街道',
  '石油路街道',
] as const;
