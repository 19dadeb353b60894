import { Button, Checkbox, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api } from '../api.js';
import { useSession } from '../auth/session.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { REQUEST_CATEGORIES, REQUEST_CHANNELS, REQUEST_STAGES, STAGE_INFO } from '../../../src/requests/core/index.js';
import { DueText, StageTag, type RequestSummary } from './common.js';
import { RequestForm } from './request-form.js';
import { Import12345Button } from './import-section.js';

/**
 * 诉求工作台 (staff): the office sees every request (filters, 登记 of phone calls and visits, 派单 on a request's
 * page); unit staff see the requests routed to their units (签收, 答复); leaders read all.
 */
export function RequestWorkbenchPage() {
  const { user } = useSession();
  const list = useListParams();
  const [intake, setIntake] = useState(false);
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  const isUnit = user?.role === 'unit_staff';
  const units = $api.useQuery('get', '/api/plan/units', {}, { enabled: !!user && !isUnit });
  const query = {
    stage: REQUEST_STAGES.find((x) => x === list.get('stage')),
    category: REQUEST_CATEGORIES.find((x) => x === list.get('category')),
    channel: REQUEST_CHANNELS.find((x) => x === list.get('channel')),
    unitId: list.num('unitId'),
    overdue: list.get('overdue') === 'yes' ? true : undefined,
    escalated: list.get('escalated') === 'yes' ? true : undefined,
    q: list.get('q'),
    page: list.page,
    pageSize: 20,
  };
  const requests = $api.useQuery('get', '/api/requests/', { params: { query } }, { enabled: !!user, placeholderData: keepPreviousData });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          诉求工作台{isUnit ? '（本单位）' : ''}
        </Typography.Title>
        {isOffice && (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setIntake(true)}>
              登记诉求（电话、来访等）
            </Button>
            <Import12345Button />
          </Space>
        )}
      </Space>
      <Space wrap className="list-filters">
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 130 }}
          value={query.stage}
          onChange={(v) => list.set({ stage: v })}
          options={REQUEST_STAGES.map((s) => ({
            value: s,
            label: `${STAGE_INFO[s].label}${STAGE_INFO[s].waitingFor ? `（${STAGE_INFO[s].waitingFor}）` : ''}`,
          }))}
          data-testid="filter-stage"
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 110 }}
          value={query.category}
          onChange={(v) => list.set({ category: v })}
          options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))}
        />
        <Select
          allowClear
          placeholder="渠道"
          style={{ width: 100 }}
          value={query.channel}
          onChange={(v) => list.set({ channel: v })}
          options={REQUEST_CHANNELS.map((c) => ({ value: c, label: c }))}
        />
        {!isUnit && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="承办单位"
            style={{ width: 180 }}
            value={query.unitId}
            onChange={(v) => list.set({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <Checkbox checked={!!query.overdue} onChange={(e) => list.set({ overdue: e.target.checked ? 'yes' : null })}>
          仅逾期
        </Checkbox>
        <Checkbox checked={!!query.escalated} onChange={(e) => list.set({ escalated: e.target.checked ? 'yes' : null })}>
          仅问题工单
        </Checkbox>
        <Input.Search
          key={query.q ?? ''}
          allowClear
          defaultValue={query.q}
          placeholder="诉求编号或标题"
          onSearch={(v) => list.set({ q: v.trim() })}
          style={{ width: 220, maxWidth: '100%' }}
        />
      </Space>
      <QueryState query={requests}>
        {(data) => (
          <Table<RequestSummary>
            size="small"
            rowKey="id"
            data-testid="request-table"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 件` }}
            onChange={(p) => list.set({ page: p.current && p.current > 1 ? p.current : null })}
            columns={[
              { title: '诉求编号', key: 'number', render: (_, r) => <Link to={`/requests/${r.id}`}>{r.number}</Link> },
              {
                title: '标题',
                key: 'subject',
                render: (_, r) => <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>{r.subject}</span>,
              },
              { title: '类别', dataIndex: 'category' },
              { title: '渠道', dataIndex: 'channel' },
              { title: '企业', key: 'firm', render: (_, r) => r.enterpriseName ?? r.contactName },
              { title: '承办单位', key: 'unit', render: (_, r) => r.unitName ?? '—' },
              { title: '状态', key: 'stage', render: (_, r) => <StageTag r={r} /> },
              { title: '期限', key: 'due', render: (_, r) => <DueText r={r} /> },
              { title: '受理日期', dataIndex: 'filedOn' },
            ]}
          />
        )}
      </QueryState>
      <Modal open={intake} title="登记诉求" footer={null} onCancel={() => setIntake(false)} destroyOnHidden>
        <RequestForm intake onDone={() => setIntake(false)} />
      </Modal>
    </Space>
  );
}
