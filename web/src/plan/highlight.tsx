import type { ReactNode } from 'react';
import { Tooltip } from 'antd';

export interface Mark {
  text: string;
  kind: 'target' | 'deadline';
  note: string;
}

/** Splits `text` at every occurrence of a marked phrase and wraps the phrase in <mark>. */
export function highlight(text: string, marks: Mark[]): ReactNode[] {
  const spans: Array<{ start: number; end: number; mark: Mark }> = [];
  for (const m of marks) {
    if (!m.text) continue;
    let from = 0;
    for (;;) {
      const i = text.indexOf(m.text, from);
      if (i < 0) break;
      if (!spans.some((s) => i < s.end && i + m.text.length > s.start)) {
        spans.push({ start: i, end: i + m.text.length, mark: m });
        break;
      }
      from = i + 1;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let pos = 0;
  spans.forEach((s, k) => {
    if (s.start > pos) out.push(text.slice(pos, s.start));
    out.push(
      <Tooltip key={k} title={s.mark.note}>
        <mark
          data-kind={s.mark.kind}
          style={{
            background: s.mark.kind === 'target' ? '#e6f4ff' : '#fff7e6',
            borderBottom: `2px solid ${s.mark.kind === 'target' ? '#1677ff' : '#fa8c16'}`,
            padding: '0 2px',
          }}
        >
          {text.slice(s.start, s.end)}
        </mark>
      </Tooltip>,
    );
    pos = s.end;
  });
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}
