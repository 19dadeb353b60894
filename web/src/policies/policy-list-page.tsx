import { keepPreviousData } from '@tanstack/react-query';
import { Button, Card, Checkbox, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { STAFF_ROLES } from '../../../src/auth/roles.js';
import { POLICY_EDITORS } from '../../../src/policies/core/access.js';
import { $api } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import { Marked } from './explanation.js';
import { STATUS_LABEL } from './model.js';

/** 一网速查: Chinese full-text search with filters. */
export function PolicyListPage() {
  const { user } = useSession();
  const nav = useNavigate();
  const [q, setQ] = useState('');
  const [issuer, setIssuer] = useState<string>();
  const [topic, setTopic] = useState<string>();
  const [valid, setValid] = useState(true);
  const [page, setPage] = useState(1);
  const staff = hasRole(user, STAFF_ROLES);
  const query = { limit: 20, offset: (page - 1) * 20, q: q || undefined, issuer, topic, valid: valid || undefined, all: staff || undefined };
  const hits = $api.useQuery('get', '/api/policies/', { params: { query } }, { placeholderData: keepPreviousData });
  const facets = $api.useQuery('get', '/api/policies/facets');
  return (
    <Card
      title="惠企政策库"
      extra={
        hasRole(user, POLICY_EDITORS) && (
          <Button type="primary" onClick={() => nav('/policies/new')}>
            新建政策
          </Button>
        )
      }
    >
      {/* A wrapping row whose fields shrink to the screen (antd Space keeps each item at its own width). */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索标题、正文、解读，如：专精特新 奖励"
          allowClear
          enterButton
          style={{ flex: '1 1 240px', maxWidth: 380 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="policy-search"
        />
        <Select
          allowClear
          placeholder="发文单位"
          style={{ flex: '1 1 160px', maxWidth: 220 }}
          value={issuer}
          onChange={(v) => {
            setIssuer(v);
            setPage(1);
          }}
          options={(facets.data?.issuers ?? []).map((i) => ({ value: i, label: i }))}
        />
        <Select
          allowClear
          placeholder="主题"
          style={{ flex: '1 1 120px', maxWidth: 160 }}
          value={topic}
          onChange={(v) => {
            setTopic(v);
            setPage(1);
          }}
          options={(facets.data?.topics ?? []).map((i) => ({ value: i, label: i }))}
        />
        <Checkbox
          checked={valid}
          onChange={(e) => {
            setValid(e.target.checked);
            setPage(1);
          }}
        >
          仅看有效政策
        </Checkbox>
      </div>
      <QueryError query={facets} />
      <QueryState query={hits}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">
              共 {data.total} 条（检索用时 {data.tookMs} 毫秒）
            </Typography.Paragraph>
            <List
              loading={hits.isFetching}
              dataSource={data.items}
              pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false }}
              renderItem={(h) => (
                <List.Item data-testid="policy-hit">
                  {/* One column: the title and facts above the excerpt (side by side, the title shrank to one character a line). */}
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Link to={`/policies/${h.id}`}>
                            <Marked segments={h.titleMarked} />
                          </Link>
                          {h.status !== 'published' && <Tag color={STATUS_LABEL[h.status].color}>{STATUS_LABEL[h.status].label}</Tag>}
                          {h.isDemo && <Tag>演示</Tag>}
                          {h.topics.map((t) => (
                            <Tag key={t} color="blue">
                              {t}
                            </Tag>
                          ))}
                        </Space>
                      }
                      description={
                        <>
                          {h.docNumber && `${h.docNumber} · `}
                          {h.issuer}
                          {h.publishedOn && ` · ${h.publishedOn} 发布`}
                          {h.validTo && ` · 有效期至 ${h.validTo}`}
                        </>
                      }
                    />
                    <Typography.Paragraph style={{ marginBottom: 0 }}>
                      <Marked segments={h.snippet} />
                    </Typography.Paragraph>
                  </div>
                </List.Item>
              )}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
