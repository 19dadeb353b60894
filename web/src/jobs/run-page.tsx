import { Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { RunProgress } from './run-progress.js';

/** 后台任务结果 (/jobs/runs/:runId): one run's progress while it runs, then its result, for as long as the run is kept. */
export function RunPage() {
  const runId = Number(useParams().runId);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        后台任务结果
      </Typography.Title>
      {Number.isInteger(runId) && runId > 0 ? <RunProgress runId={runId} /> : <Typography.Text type="danger">运行编号有误</Typography.Text>}
    </Space>
  );
}
