/**
 * The district's streets, for selects (enterprise form, calculator, rule builder). The same list as the
 * demo data's `DEMO_STREETS` (src/enterprises/demo.ts), which is not a pure module the web may import.
 */
export const STREETS = [
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
];
