import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import { createApiToken } from '../auth/index.js';
import { listInbox } from '../inbox/index.js';
import { requestImportJob } from './import-job.js';
import { actOnRequest, rateRequest } from './request-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const b64 = (b: Buffer) => b.toString('base64');
const ANON = { category: '咨询', subject: '个体户办证咨询', description: '想开一家小餐馆，需要办哪些证照？', contactName: '李四', contactPhone: '13912345678' };

describeStore('requests from every channel', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
  });
  const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object | string, status = 200) => {
    const r = await app.inject({ method, url, headers, payload });
    expect(r.statusCode, `${method} ${url}: ${r.body.slice(0, 300)}`).toBe(status);
    return r;
  };

  it('an anonymous visitor files with name and mobile, gets a number and a query code, and follows the request with them', async () => {
    const bad = await call('POST', '/api/requests/public', {}, { ...ANON, contactPhone: '023-63891234' }, 400);
    expect(bad.json().error.details).toEqual([{ field: 'contactPhone', message: '请填写正确的手机号码（11 位，以 13–19 开头）' }]);
    const filed = (await call('POST', '/api/requests/public', {}, { ...ANON, attachments: [{ fileName: '门面照片.png', contentBase64: b64(PNG) }] })).json();
    expect(filed.number).toMatch(/^渝中诉〔\d{4}〕\d{6}号$/);
    expect(filed.queryCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // Stored hashed, never as typed.
    const row = await ctx.db.selectFrom('request_item').selectAll().where('number', '=', filed.number).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: '网上', enterprise_id: null, filed_by: 'anonymous' });
    expect(row.query_code_hash).toMatch(/^scrypt\$/);
    expect(row.query_code_hash).not.toContain(filed.queryCode);
    // The office sees it with the filer's full contact; the filer follows it (code typed in lower case with spaces).
    const staffView = (await call('GET', `/api/requests/${row.id}`, f.headers.office)).json();
    expect(staffView).toMatchObject({ contactName: '李四', contactPhone: '13912345678', channel: '网上', enterpriseName: null });
    expect(staffView.timeline[0].actor).toBe('群众（免登录提交）');
    const code = `${filed.queryCode.slice(0, 4).toLowerCase()} ${filed.queryCode.slice(4)}`;
    let view = (await call('POST', '/api/requests/public/follow', {}, { number: filed.number, code })).json();
    expect(view).toMatchObject({ stage: '受理', waitingFor: '待营商办派单', contactName: '李*', contactPhone: '139****5678', unitName: null });
    expect(view.attachments).toEqual([{ id: expect.any(Number), fileName: '门面照片.png', mime: 'image/png', size: PNG.length }]);
    // Handled: the timeline names the unit, shows the answer, and no staff member or internal note.
    await actOnRequest(ctx.db, f.users.office, row.id, { action: 'route', unitId: f.water });
    await actOnRequest(ctx.db, f.users.unit, row.id, { action: 'sign' });
    await actOnRequest(ctx.db, f.users.unit, row.id, { action: 'note', note: '内部：已电话联系张科长' });
    await actOnRequest(ctx.db, f.users.unit, row.id, { action: 'answer', note: '需办理营业执照和食品经营许可证。' });
    const res = await call('POST', '/api/requests/public/follow', {}, { number: filed.number, code: filed.queryCode });
    view = res.json();
    expect(view).toMatchObject({ stage: '答复', unitName: '区城管局', answer: '需办理营业执照和食品经营许可证。' });
    expect(view.timeline.map((t: { label: string }) => t.label)).toEqual(['已受理', '已派单', '承办单位已签收', '办理中', '已答复']);
    expect(res.body).not.toContain('张科长');
    expect(res.body).not.toContain('rq-');
    // The filer downloads the attachment with the code; a wrong code, or another number, says the same.
    const file = await call('POST', `/api/requests/public/attachments/${view.attachments[0].id}`, {}, { number: filed.number, code: filed.queryCode });
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const wrong = await call('POST', '/api/requests/public/follow', {}, { number: filed.number, code: 'AAAAAAAA' }, 404);
    const other = await call('POST', '/api/requests/public/follow', {}, { number: '渝中诉〔2020〕999999号', code: filed.queryCode }, 404);
    expect(wrong.json().error.message).toBe(other.json().error.message);
    await call('POST', `/api/requests/public/attachments/${view.attachments[0].id}`, {}, { number: filed.number, code: 'AAAAAAAA' }, 404);
    // A request filed by an enterprise has no query code: nobody follows it by number alone.
    const firm = (await call('POST', '/api/requests', f.headers.firmA, SAMPLE)).json();
    await call('POST', '/api/requests/public/follow', {}, { number: firm.number, code: filed.queryCode }, 404);
  });

  it('refuses anonymous filings from another site and limits them per address', async () => {
    await call('POST', '/api/requests/public', { origin: 'https://evil.example' }, ANON, 403);
    await call('POST', '/api/requests/public', { 'sec-fetch-site': 'cross-site' }, ANON, 403);
    const fresh = await createTestApp(ctx);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await fresh.inject({ method: 'POST', url: '/api/requests/public', payload: ANON })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
    await fresh.close();
  });

  it('checks attachments by content, count and size; only those who see the request download them', async () => {
    const filed = (
      await call('POST', '/api/requests', f.headers.firmA, {
        ...SAMPLE,
        attachments: [
          { fileName: '申请表.pdf', contentBase64: b64(PDF) },
          { fileName: '现场.png', contentBase64: b64(PNG) },
        ],
      })
    ).json();
    const list = (await call('GET', `/api/requests/${filed.id}/attachments`, f.headers.firmA)).json();
    expect(list.map((a: { fileName: string; mime: string }) => [a.fileName, a.mime])).toEqual([
      ['申请表.pdf', 'application/pdf'],
      ['现场.png', 'image/png'],
    ]);
    const got = await call('GET', `/api/requests/${filed.id}/attachments/${list[0].id}`, f.headers.office);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    await call('GET', `/api/requests/${filed.id}/attachments/${list[0].id}`, f.headers.firmB, undefined, 403);
    await call('GET', `/api/requests/${filed.id}/attachments`, f.headers.unit, undefined, 403); // not routed to the unit yet
    await actOnRequest(ctx.db, f.users.office, filed.id, { action: 'route', unitId: f.water });
    await call('GET', `/api/requests/${filed.id}/attachments/${list[1].id}`, f.headers.unit);
    await call('GET', `/api/requests/${filed.id}/attachments/${list[1].id}`, f.headers.otherUnit, undefined, 403);
    // An attachment of another request is not reachable through this one.
    const other = (await call('POST', '/api/requests', f.headers.firmA, { ...SAMPLE, attachments: [{ fileName: 'b.pdf', contentBase64: b64(PDF) }] })).json();
    const otherFile = (await call('GET', `/api/requests/${other.id}/attachments`, f.headers.firmA)).json()[0];
    await call('GET', `/api/requests/${filed.id}/attachments/${otherFile.id}`, f.headers.firmA, undefined, 404);

    const before = Number(
      (
        await ctx.db
          .selectFrom('request_item')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const refused = async (attachments: object[], message: string) => {
      const r = await call('POST', '/api/requests', f.headers.firmA, { ...SAMPLE, attachments }, 400);
      expect(r.json().error.message).toContain(message);
    };
    await refused([{ fileName: '病毒.pdf', contentBase64: b64(Buffer.from('MZ\x90\x00 executable')) }], '附件“病毒.pdf”：文件内容与扩展名“.pdf”不符');
    await refused([{ fileName: '报表.docx', contentBase64: b64(Buffer.from('PK\x03\x04xl/workbook.xml')) }], '文件内容与扩展名“.docx”不符');
    await refused([{ fileName: 'run.exe', contentBase64: b64(Buffer.from('MZ')) }], '不支持的文件类型“.exe”');
    await refused([{ fileName: '大.pdf', contentBase64: b64(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])) }], '文件超过 5 MB');
    await refused([{ fileName: 'x.pdf', contentBase64: '不是base64' }], '不是有效的 base64');
    const six = Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.pdf`, contentBase64: b64(PDF) }));
    expect((await app.inject({ method: 'POST', url: '/api/requests', headers: f.headers.firmA, payload: { ...SAMPLE, attachments: six } })).statusCode).toBe(
      400,
    );
    const big = Array.from({ length: 3 }, (_, i) => ({ fileName: `${i}.pdf`, contentBase64: b64(Buffer.concat([PDF, Buffer.alloc(4 * 1024 * 1024)])) }));
    await refused(big, '附件合计超过 10 MB');
    const after = Number(
      (
        await ctx.db
          .selectFrom('request_item')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it('imports 12345 work orders all or nothing, with row and column errors in Chinese, idempotent by 工单编号', async () => {
    const head = '工单编号,受理时间,诉求类型,诉求标题,诉求内容,联系人,联系电话,统一社会信用代码,地址';
    const bad = [
      head,
      'GD2026001,2026/11/02 09:15,求助,厂房漏水,厂房屋顶漏水请求协调,王五,13700001111,,解放碑街道',
      'GD2026002,2026-13-01,表扬,,内容,赵六,12345,91500103MA5UR101A,',
      'GD2026001,2026-11-03,咨询,重复,重复的工单,孙七,13700002222,,',
    ].join('\n');
    const r = await call(
      'POST',
      '/api/requests/import',
      { ...f.headers.office, ...multipart('12345转办.csv', Buffer.from(bad)).headers },
      multipart('12345转办.csv', Buffer.from(bad)).payload,
      400,
    );
    const problems = r.json().error.details as { row: number; field: string; message: string }[];
    expect(problems.map((p) => `${p.row} ${p.field}`)).toEqual(['3 诉求标题', '3 受理日期', '3 诉求类别', '3 联系电话', '3 统一社会信用代码', '4 工单编号']);
    expect(problems[1]!.message).toBe('“2026-13-01”不是有效日期（如 2026-11-30）');
    expect(problems[2]!.message).toContain('未知的诉求类别“表扬”');
    expect(problems[5]!.message).toBe('工单编号“GD2026001”与第2行重复');
    expect(r.json().error.message).toBe('12345转办.csv：有 6 处问题，未导入任何工单');
    expect(await ctx.db.selectFrom('request_item').select('id').where('channel', '=', '12345').execute()).toEqual([]);
    const missing = multipart('缺列.csv', Buffer.from('工单编号,诉求内容,备注\nA1,内容,x'));
    const m = await call('POST', '/api/requests/import', { ...f.headers.office, ...missing.headers }, missing.payload, 400);
    expect((m.json().error.details as { message: string }[]).map((p) => p.message)).toEqual([
      expect.stringContaining('无法识别的列“备注”'),
      '缺少“受理日期”列',
      '缺少“诉求类别”列',
      '缺少“诉求标题”列',
      '缺少“联系人”列',
      '缺少“联系电话”列',
    ]);

    // A good file as .xlsx: the firm found by its credit code; 求助 → 求决, 投诉 → 投诉举报.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '受理日期', '诉求类别', '诉求标题', '诉求内容', '联系人', '联系电话', '统一社会信用代码']);
    const firmCode = (await ctx.db.selectFrom('enterprise').select('credit_code').where('id', '=', f.firmA).executeTakeFirstOrThrow()).credit_code;
    ws.addRow(['GD2026101', new Date(Date.UTC(2026, 10, 2)), '求助', '厂房漏水', '厂房屋顶漏水请求协调', '王五', '13700001111', firmCode]);
    ws.addRow(['GD2026102', '2026-11-03', '投诉', '窗口态度差', '办事窗口工作人员态度生硬', '赵六', '023-63891234', '']);
    const xlsx = multipart('转办.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    // A checked file is written in the background (import-job.test.ts: cancel and stop): 202 with its run, then its counts.
    const sys = await startTestJobs(ctx, [requestImportJob]);
    try {
      const imported = async (m: ReturnType<typeof multipart>) => {
        const res = await app.inject({ method: 'POST', url: '/api/requests/import', headers: { ...f.headers.office, ...m.headers }, payload: m.payload });
        const run = await finishedRun(app, sys, f.headers.office, res);
        expect(run.status, run.error ?? '').toBe('succeeded');
        return countsOf(run);
      };
      expect(await imported(xlsx)).toEqual({ 工单: 2, 新增: 2, '跳过（已导入过）': 0 });
      const rows = await ctx.db.selectFrom('request_item').selectAll().where('channel', '=', '12345').orderBy('id').execute();
      expect(rows.map((x) => [x.external_id, x.category, x.filed_on, x.enterprise_id, x.stage])).toEqual([
        ['GD2026101', '求决', '2026-11-02', f.firmA, '受理'],
        ['GD2026102', '投诉举报', '2026-11-03', null, '受理'],
      ]);
      expect((await listInbox(ctx.db, f.users.office.id, { kind: 'request.filed' })).items[0]!.title).toBe('12345 转办工单导入：2 件待派单');
      // Again: nothing new; a file with one more work order adds only that one.
      expect(await imported(xlsx)).toMatchObject({ 新增: 0, '跳过（已导入过）': 2 });
      ws.addRow(['GD2026103', '2026-11-04', '建议', '延长窗口时间', '建议午间不停办', '钱八', '13700003333', '']);
      const more = multipart('转办.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(await imported(more)).toEqual({ 工单: 3, 新增: 1, '跳过（已导入过）': 2 });
    } finally {
      await sys.stop();
    }
  });

  it('serves Open311 GeoReport v2: a client lists services, files, follows; a token reaches only its unit’s requests', async () => {
    const water = await createApiToken(ctx.db, { unitId: f.water, label: '城管系统', actor: 'test' });
    const finance = await createApiToken(ctx.db, { unitId: f.finance, label: '财政系统', actor: 'test' });
    const services = (await call('GET', '/open311/v2/services.json?jurisdiction_id=yuzhong', {})).json();
    expect(services.map((s: { service_code: string; service_name: string }) => `${s.service_code}=${s.service_name}`)).toEqual([
      'consult=咨询',
      'resolve=求决',
      'complaint=投诉举报',
      'suggest=建议',
    ]);
    // A typical client posts a form with api_key (attribute[…] fields ignored).
    const form = new URLSearchParams({
      api_key: water.token,
      jurisdiction_id: 'yuzhong',
      service_code: 'resolve',
      description: '占道施工围挡影响店铺经营\n围挡已超过工期两个月',
      first_name: '小明',
      last_name: '周',
      phone: '13600001234',
      email: 'zhou@example.com',
      lat: '29.5573',
      long: '106.5770',
      'attribute[x]': '1',
    }).toString();
    const posted = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const [{ service_request_id: id, service_notice }] = posted.json();
    expect(service_notice).toMatch(/^已受理，诉求编号 渝中诉〔\d{4}〕\d{6}号/);
    const stored = await ctx.db.selectFrom('request_item').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      channel: '接口',
      contact_name: '周小明',
      subject: '占道施工围挡影响店铺经营',
      source_unit_id: f.water,
      address: '29.5573,106.577',
    });
    // JSON with a Bearer token works too.
    const json = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { authorization: `Bearer ${finance.token}` },
      payload: { service_code: 'consult', description: '政府采购意向公开在哪里查？', last_name: '吴', first_name: '芳', phone: '023-63891234' },
    });
    expect(json.statusCode, json.body).toBe(200);
    const financeId = json.json()[0].service_request_id;

    const one = (await call('GET', `/open311/v2/requests/${id}.json?api_key=${water.token}`, {})).json();
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        service_code: 'resolve',
        service_name: '求决',
        agency_responsible: null,
        request_number: stored.number,
      }),
    ]);
    expect(one[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    // The other unit's token neither reads it nor lists it.
    const refused = await call('GET', `/open311/v2/requests/${id}.json`, { authorization: `Bearer ${finance.token}` }, undefined, 404);
    expect(refused.json()).toEqual([{ code: 404, description: expect.stringContaining('不是本单位提交或承办的诉求') }]);
    const financeList = (await call('GET', '/open311/v2/requests.json', { authorization: `Bearer ${finance.token}` })).json();
    expect(financeList.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([financeId]);
    // Routed to 区财政局: now its token reaches it; answered and rated 满意: closed.
    await actOnRequest(ctx.db, f.users.office, Number(id), { action: 'route', unitId: f.finance });
    const otherUnitUser = f.users.otherUnit;
    await actOnRequest(ctx.db, otherUnitUser, Number(id), { action: 'sign' });
    await actOnRequest(ctx.db, otherUnitUser, Number(id), { action: 'answer', note: '已责成施工单位限期撤除围挡。' });
    const answered = (
      await call('GET', `/open311/v2/requests.json?service_request_id=${id},${financeId}`, { authorization: `Bearer ${finance.token}` })
    ).json();
    expect(answered.map((r: { service_request_id: string; status: string }) => `${r.service_request_id}:${r.status}`)).toEqual(
      [`${financeId}:open`, `${id}:open`].sort().reverse(),
    );
    expect(answered.find((r: { service_request_id: string }) => r.service_request_id === id)).toMatchObject({
      agency_responsible: '区财政局',
      status_notes: '已责成施工单位限期撤除围挡。',
    });
    await ctx.db.updateTable('request_item').set({ enterprise_id: f.firmA }).where('id', '=', Number(id)).execute();
    await rateRequest(ctx.db, f.users.firmA, Number(id), { rating: '满意' });
    const closed = (await call('GET', `/open311/v2/requests.json?status=closed&api_key=${water.token}`, {})).json();
    expect(closed.map((r: { service_request_id: string; status: string }) => `${r.service_request_id}:${r.status}`)).toEqual([`${id}:closed`]);
    const open = (await call('GET', `/open311/v2/requests.json?status=open&api_key=${water.token}`, {})).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    expect(open.every((r: { status: string; agency_responsible: string }) => r.status === 'open' && r.agency_responsible === '区城管局')).toBe(true);
    // Errors in Open311's shape, in Chinese.
    expect((await call('GET', '/open311/v2/requests.json', {}, undefined, 403)).json()).toEqual([
      { code: 403, description: '缺少 api_key（单位 API 令牌，由营商办签发）' },
    ]);
    expect((await call('GET', '/open311/v2/requests.json?api_key=bzt_wrong', {}, undefined, 403)).json()[0].description).toBe('api_key 无效或已停用');
    const badCode = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${water.token}&service_code=pothole&description=x`,
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()[0].description).toContain('未知的 service_code“pothole”');
    const noCode = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${water.token}`,
    });
    expect(noCode.json()).toEqual([{ code: 400, description: '请求参数有误：缺少参数“service_code”' }]);
  });
});
