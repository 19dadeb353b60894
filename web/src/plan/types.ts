export interface Unit {
  id: number;
  name: string;
}
export interface Target {
  id: number;
  seq: number;
  text: string;
  metric: string;
  op: string;
  value: number;
  unit: string;
}
export interface Deadline {
  id: number;
  seq: number;
  text: string;
  date: string;
}
export interface Measure {
  id: number;
  number: number;
  title: string;
  text: string;
  relatedDepartments: boolean;
  sectionNumber: number;
  subsectionNumber: number;
  leadUnits: Unit[];
  responsibleUnits: Unit[];
  targets: Target[];
  deadlines: Deadline[];
}
export interface PlanRow {
  id: number;
  doc_number: string;
  title: string;
  issuer: string | null;
  issued_on: string | null;
  year: number;
  current_revision: number;
}
export interface Outline {
  plan: PlanRow;
  sections: Array<{ number: number; title: string; subsections: Array<{ number: number; title: string; text: string; measures: Measure[] }> }>;
}
export const OP_SIGNS: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };
export const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
