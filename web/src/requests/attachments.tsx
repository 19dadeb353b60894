import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, List, Typography, Upload, type UploadFile } from 'antd';
import { $api } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../../src/requests/core/index.js';

const ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');
export const ATTACHMENT_HINT = `pdf、jpg、png、docx、xlsx，最多 ${MAX_ATTACHMENTS} 个，单个不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，合计不超过 10 MB`;

/** Picks files for a filing (kept in the form; sent with it; the server checks their content). */
export function AttachmentPicker({ value, onChange }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void }) {
  return (
    <Upload
      accept={ACCEPT}
      multiple
      maxCount={MAX_ATTACHMENTS}
      fileList={value ?? []}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange?.(fileList)}
    >
      <Button icon={<UploadOutlined />}>选择附件</Button>
    </Upload>
  );
}

/** The picked files as the API takes them (name and base64 content). */
export async function toUploads(files: UploadFile[] | undefined): Promise<{ fileName: string; contentBase64: string }[] | undefined> {
  const picked = (files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
  if (picked.length === 0) return undefined;
  return Promise.all(
    picked.map(
      (file) =>
        new Promise<{ fileName: string; contentBase64: string }>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve({ fileName: file.name, contentBase64: String(reader.result).replace(/^data:[^,]*,/, '') });
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(file);
        }),
    ),
  );
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A request's attachments with download links (the server checks the reader may see the request). */
export function RequestAttachments({ requestId }: { requestId: number }) {
  const q = $api.useQuery('get', '/api/requests/{requestId}/attachments', { params: { path: { requestId } } });
  return (
    <QueryState query={q}>
      {(files) =>
        files.length === 0 ? null : (
          <List
            size="small"
            header={<Typography.Text strong>附件</Typography.Text>}
            dataSource={files}
            data-testid="attachments"
            renderItem={(a) => (
              <List.Item>
                <a href={`/api/requests/${requestId}/attachments/${a.id}`} download={a.fileName} style={{ overflowWrap: 'anywhere' }}>
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <Typography.Text type="secondary">{size(a.size)}</Typography.Text>
              </List.Item>
            )}
          />
        )
      }
    </QueryState>
  );
}
