import type { ReactNode } from 'react';
import { Upload } from 'antd';
import { api } from '../api.js';

/**
 * A file upload to one route (multipart field `file`, CSRF token sent by `api`): the typed answer goes
 * to `onUploaded`, a refusal (with its Chinese message, request id and row problems) to `onFailed`.
 *
 * @example
 *   <UploadButton<ApiResponse<'/api/enterprises/import', 'post'>> url="/api/enterprises/import" accept=".csv,.xlsx"
 *     onUploaded={(r) => message.success(`新增 ${r.created}`)} onFailed={(e) => setProblems(problemsOf(e))}>
 *     <Button>导入</Button>
 *   </UploadButton>
 */
export function UploadButton<T>({
  url,
  accept,
  onUploaded,
  onFailed,
  children,
}: {
  url: string;
  accept?: string;
  onUploaded: (answer: T, file: File) => void | Promise<void>;
  onFailed: (error: unknown, file: File) => void;
  children: ReactNode;
}) {
  return (
    <Upload
      accept={accept}
      showUploadList={false}
      customRequest={async ({ file }) => {
        if (!(file instanceof File)) return;
        const fd = new FormData();
        fd.append('file', file);
        let answer: T;
        try {
          answer = await api<T>(url, { method: 'POST', body: fd });
        } catch (e) {
          onFailed(e, file);
          return;
        }
        await onUploaded(answer, file);
      }}
    >
      {children}
    </Upload>
  );
}
