using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Studio;

/// <summary>
/// Moving running instances to another version, for administrators beside the Studio's screens: choose the definition and the two
/// versions, map the activities and variables that changed, see in a dry run which instances can move and why the others cannot,
/// then apply and follow the plan's progress. The page calls <c>/elsa/api/alterations</c> with the session cookie.
/// </summary>
internal static class AlterationsPage
{
    public static async Task<IResult> Show(HttpContext http)
    {
        var user = await SignIn.CurrentUserAsync(http);
        if (user is null)
            return IdentityProviderSignIn.Configured(http.RequestServices.GetRequiredService<IConfiguration>())
                ? IdentityProviderSignIn.Challenge(http.Request.Path)
                : Results.Redirect($"{StudioEndpoints.Path}/login?returnUrl={Uri.EscapeDataString(http.Request.Path)}");
        var administrator = user.IsInRole(Roles.Administrator);
        var body = administrator ? Form : """
            <main><p class="notice" id="read-only">Only an administrator (管理员) moves running instances to another version: your role may look at
            instances but not change their version. Ask the county's administrator.</p></main>
            """;
        return Results.Content(HostPages.Layout("Migrate instances", user, Screen.Alterations, body, head: "", scripts: administrator ? Script : ""),
            "text/html; charset=utf-8");
    }

    const string Form = """
        <main class="alterations">
        <style>
          .alterations { max-width: 60rem; }
          .alterations label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
          .alterations input, .alterations textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .3rem; }
          .alterations .row { display: flex; gap: 1rem; } .alterations .row > div { flex: 1; }
          .alterations button { margin: .8rem .5rem 0 0; padding: .4rem 1rem; }
          .alterations table { border-collapse: collapse; width: 100%; margin-top: .6rem; font-size: .9rem; }
          .alterations td, .alterations th { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; }
          .alterations .error { color: #a00; white-space: pre-wrap; }
        </style>
        <h2>Migrate running instances 运行中实例迁移</h2>
        <p>Instances stay on the version they started on. When the procedure changes, move those still running to the new version:
        each waiting step keeps its id unless you map it to the step of the new version that takes over.</p>
        <div class="row">
          <div><label for="definition">Definition 流程</label><input id="definition" list="definitions" placeholder="cadre-appointment" /></div>
          <div><label for="from">From version 原版本</label><input id="from" type="number" min="1" value="1" /></div>
          <div><label for="to">To version 目标版本</label><input id="to" type="number" min="1" value="2" /></div>
        </div>
        <datalist id="definitions"></datalist>
        <label for="activity-map">Activity map 活动对应 (one per line: old id = new id)</label>
        <textarea id="activity-map" rows="3" placeholder="awaitAgesAndHistory = awaitAgesVerified"></textarea>
        <label for="variable-map">Variable map 变量对应 (one per line: old name = new name)</label>
        <textarea id="variable-map" rows="2"></textarea>
        <button id="dry-run" type="button">Dry run 试运行</button><button id="apply" type="button" disabled>Apply 执行迁移</button>
        <div id="outcome"></div>
        <h3>Plans 迁移计划</h3>
        <table id="plans"><thead><tr><th>Submitted 提交</th><th>By 操作人</th><th>Status 状态</th><th>Moved 已迁移</th><th>Could not move 未迁移</th><th>Total 合计</th></tr></thead><tbody></tbody></table>
        </main>
        """;

    const string Script = """
        <script>
        (() => {
          const api = location.origin + '/elsa/api/alterations';
          const $ = id => document.getElementById(id);
          const text = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
          const map = id => Object.fromEntries($(id).value.split('\n').map(l => l.split('=').map(p => p.trim())).filter(p => p.length === 2 && p[0] && p[1]));
          const plan = () => ({
            alterations: [{ type: 'Migrate', targetVersion: Number($('to').value), activityIdMap: map('activity-map'), variableMap: map('variable-map') }],
            filter: { definitionId: $('definition').value.trim(), version: Number($('from').value) },
          });
          async function call(path, body) {
            const response = await fetch(api + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
            const json = await response.json().catch(() => null);
            if (!response.ok) throw new Error(json?.errors ? Object.entries(json.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('\n') : (json?.detail ?? json?.title ?? response.statusText));
            return json;
          }
          async function plans() {
            const rows = await call('');
            $('plans').tBodies[0].innerHTML = rows.map(p => `<tr data-plan="${p.id}"><td>${new Date(p.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td><td>${text(p.createdBy)}</td><td class="status">${text(p.status)}</td><td class="completed">${p.completed}</td><td class="failed">${p.failed}</td><td>${p.total}</td></tr>`).join('');
            return rows;
          }
          $('dry-run').onclick = async () => {
            $('apply').disabled = true;
            try {
              const dry = await call('/dry-run', plan());
              $('outcome').innerHTML = `<p id="dry-run-result"><strong class="movable">${dry.workflowInstanceIds.length}</strong> can move 可迁移 ·
                <strong class="refused">${dry.refused.length}</strong> cannot 不能迁移</p>` + (dry.refused.length === 0 ? '' :
                `<table id="refused"><thead><tr><th>Instance 实例</th><th>Why not 原因</th></tr></thead><tbody>${dry.refused.slice(0, 200).map(r =>
                  `<tr><td><a href="/studio/instances/${r.workflowInstanceId}">${r.workflowInstanceId}</a></td><td>${text(r.reason)}</td></tr>`).join('')}</tbody></table>`);
              $('apply').disabled = dry.workflowInstanceIds.length === 0;
            } catch (e) { $('outcome').innerHTML = `<p class="error">${text(e.message)}</p>`; }
          };
          $('apply').onclick = async () => {
            $('apply').disabled = true;
            try {
              const submitted = await call('/submit', plan());
              $('outcome').innerHTML += `<p id="submitted">Plan ${submitted.planId} submitted for ${submitted.total} instances 已提交</p>`;
              const poll = async () => { const rows = await plans(); if (rows.find(p => p.id === submitted.planId)?.status !== 'Completed') setTimeout(poll, 1000); };
              await poll();
            } catch (e) { $('outcome').innerHTML += `<p class="error">${text(e.message)}</p>`; }
          };
          fetch(location.origin + '/elsa/api/workflow-definitions?versionOptions=Latest&pageSize=100').then(r => r.json()).then(list =>
            $('definitions').innerHTML = (list.items ?? []).map(d => `<option value="${text(d.definitionId)}">${text(d.name)}</option>`).join(''));
          plans();
        })();
        </script>
        """;
}
