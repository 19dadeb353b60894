import { SendOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { POLICY_PUBLISHERS } from '../../../src/policies/core/access.js';
import { client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { useBackgroundRun } from '../jobs/use-background-run.js';

/**
 * 全量匹配并推送 (office, admin): every firm against every rule in force, in the background with a bar of firms
 * matched; the messages go out only once every firm is matched, so a cancel pushes nothing.
 */
export function MatchPanel() {
  const { user } = useSession();
  const run = useBackgroundRun({
    unit: '家',
    note: '按批匹配企业：取消时已匹配的企业保留新结果，且不推送任何消息。',
    onFinished: () => void queryClient.invalidateQueries({ queryKey: ['get', '/api/policies/funnel'] }),
  });
  if (!hasRole(user, POLICY_PUBLISHERS)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Space wrap>
        <Button icon={<SendOutlined />} loading={run.starting} onClick={() => run.start(() => client.POST('/api/policies/match'))} data-testid="match-all">
          全量匹配并推送
        </Button>
        <Typography.Text type="secondary">按现行规则重新匹配企业库中的全部企业，并向符合条件的企业账号推送政策消息（同一规则版本不重复推送）。</Typography.Text>
      </Space>
      {run.progress}
    </Space>
  );
}
