import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

/**
 * A day as the server speaks it ('YYYY-MM-DD', or undefined/null for none), picked with antd's DatePicker in
 * Chinese (dayjs zh-cn, set in main.tsx): the one date input of the web (no native `type="date"`). A form control.
 */
export function DateInput({
  value,
  onChange,
  onPicked,
  size,
  style,
  allowClear = true,
  placeholder = '选择日期',
  id,
  testId,
  disabled,
}: {
  value?: string | null;
  onChange?: (day: string | undefined) => void;
  /** Called with the new day (null when cleared) once a day is picked or cleared, e.g. to save at once. */
  onPicked?: (day: string | null) => void;
  size?: 'small' | 'middle' | 'large';
  style?: CSSProperties;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const d = value ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      id={id}
      data-testid={testId}
      size={size}
      style={style}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      format="YYYY-MM-DD"
      value={d?.isValid() ? d : null}
      onChange={(x) => {
        const day = x ? x.format('YYYY-MM-DD') : undefined;
        onChange?.(day);
        onPicked?.(day ?? null);
      }}
    />
  );
}
