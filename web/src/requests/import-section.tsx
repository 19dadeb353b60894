import { ImportOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { type ApiAccepted, queryClient } from '../api.js';
import { RunProgress } from '../jobs/run-progress.js';
import { problemsOf, type Problem } from '../shared/problems.js';
import { errorText } from '../shared/query-state.js';
import { UploadButton } from '../shared/upload-button.js';
import { IMPORT_12345_COLUMNS } from '../../../src/requests/core/index.js';

type Started = ApiAccepted<'/api/requests/import'>;

/**
 * The office imports work orders transferred from the 12345 platform: the columns, the upload, the problems by row
 * (the file is checked at once); a checked file is written in the background, followed here to its result.
 */
export function Import12345Button() {
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<{ text: string; list: Problem[] }>();
  const [runId, setRunId] = useState<number | null>(null);
  return (
    <>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)} data-testid="import-12345">
        导入 12345 转办工单
      </Button>
      <Modal open={open} title="导入 12345 平台转办工单" footer={null} onCancel={() => setOpen(false)} width={720} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            CSV（UTF-8 或 GB18030）或
            Excel（.xlsx）文件，第一行为表头。文件有任何问题则一件也不导入，并逐行列出问题；已导入过的工单编号自动跳过。导入的诉求渠道为“12345”，待营商办派单。
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            scroll={{ x: true }}
            dataSource={IMPORT_12345_COLUMNS}
            columns={[
              { title: '列名', dataIndex: 'header', render: (h: string, c) => (c.required ? <Typography.Text strong>{h}</Typography.Text> : `${h}（选填）`) },
              { title: '也可写作', key: 'aliases', render: (_, c) => c.aliases.join('、') },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
          <UploadButton<Started>
            url="/api/requests/import"
            accept=".csv,.xlsx"
            onUploaded={(r) => {
              setProblems(undefined);
              setRunId(r.runId);
            }}
            onFailed={(e) => {
              setRunId(null);
              setProblems({ text: errorText(e), list: problemsOf(e) });
            }}
          >
            <Button type="primary">选择文件并导入</Button>
          </UploadButton>
          {runId !== null && (
            <RunProgress runId={runId} unit="件" onFinished={() => void queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] })} />
          )}
          {problems && (
            <Alert
              type="error"
              showIcon
              message={problems.text}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-problems">
                  {problems.list.slice(0, 50).map((p) => (
                    <li key={`${p.row}-${p.field}-${p.message}`}>
                      {p.row !== undefined ? `第${p.row}行 ` : ''}
                      {p.field ? `${p.field}：` : ''}
                      {p.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      </Modal>
    </>
  );
}
