using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Studio;

/// <summary>
/// Our own pages around the Studio's custom elements (the package's index.html names an element that does not exist).
/// Each page sets the absolute <c>remote-endpoint</c> from its own origin (a relative one breaks every call) and links the
/// screens through the elements' callbacks, set only once the element is defined.
/// </summary>
internal static class HostPages
{
    /// <summary>The smallest scale the designer opens a flowchart at: a 13 px label is still about 10 px.</summary>
    public const double ReadableScale = 0.75;

    public static async Task<IResult> Screen(HttpContext http, StudioBundle bundle, Screen screen, string? id)
    {
        var user = await SignIn.CurrentUserAsync(http);
        if (user is null)
            return IdentityProviderSignIn.Configured(http.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>())
                ? IdentityProviderSignIn.Challenge(http.Request.Path + http.Request.QueryString)
                : Results.Redirect($"{StudioEndpoints.Path}/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        if (!bundle.Installed)
            return Results.Content(Layout("Elsa Studio is not installed", user, screen, $"""
                <p class="notice">The Studio bundle was not found at <code>{WebUtility.HtmlEncode(bundle.Directory)}</code>.
                Build with Node.js installed (the build runs <code>npm pack @elsa-workflows/elsa-studio-wasm</code>) or set
                <code>Studio:BundlePath</code>. The API at <code>/elsa/api</code> works without it.</p>
                """, head: "", scripts: ""), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);

        var (title, element) = screen switch
        {
            Studio.Screen.Definitions => ("Workflow definitions", "<elsa-workflow-definition-list></elsa-workflow-definition-list>"),
            Studio.Screen.Editor => ($"Workflow {id}", $"""<elsa-workflow-definition-editor definition-id="{WebUtility.HtmlEncode(id)}"></elsa-workflow-definition-editor>"""),
            Studio.Screen.Instances => ("Workflow instances", "<elsa-workflow-instance-list></elsa-workflow-instance-list>"),
            _ => ($"Instance {id}", $"""<elsa-workflow-instance-viewer instance-id="{WebUtility.HtmlEncode(id)}"></elsa-workflow-instance-viewer>"""),
        };

        // Shown on the designer only; the shell shows and hides it as the person moves between screens.
        var readOnly = !user.IsInRole(Roles.Administrator)
            ? $"<div class=\"calendar-notice\" id=\"read-only-designer\"{(screen == Studio.Screen.Editor ? "" : " hidden")}>Read-only 只读: as "
              + WebUtility.HtmlEncode(string.Join(", ", user.FindAll(ClaimNames.Role).Select(r => r.Value)))
              + " you may look at this procedure but not change or publish it; only an administrator (管理员) designs procedures.</div>"
            : "";
        return Results.Content(Layout(title, user, screen, CalendarNotice(http, user) + readOnly + $"""
            <elsa-backend-provider id="backend"></elsa-backend-provider>
            <div class="screen">{element}</div>
            <div id="blazor-error-ui">An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">×</a></div>
            """, head: $"""
            <base href="{StudioEndpoints.Path}/" />
            <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet" />
            <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet" />
            <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet" />
            <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet" />
            <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet" />
            <link rel="modulepreload" href="_content/Elsa.Studio.Workflows.Designer/designer.entry.js" />
            <link rel="modulepreload" href="_content/Elsa.Studio.DomInterop/dom.entry.js" />
            """, scripts: $$"""
            <script>
            (() => {
              // Before Blazor starts: the culture the Studio runs in (Elsa reads BlazorCulture), the person's own choice first.
              const chosen = new URLSearchParams(location.search).get('culture');
              if (chosen === 'zh-CN' || chosen === 'en-US') localStorage.setItem('studioCulture', chosen);
              localStorage.setItem('BlazorCulture', localStorage.getItem('studioCulture') || '{{bundle.Culture}}');
              // The bundle logs each API call at Information whatever its settings say: below Studio:BrowserLogLevel stays out of the console.
              const quiet = {{JsonSerializer.Serialize(bundle.QuietPrefixes)}};
              if (quiet.length > 0)
                for (const method of ['log', 'info', 'debug']) {
                  const write = console[method].bind(console);
                  console[method] = (first, ...rest) => {
                    if (typeof first === 'string' && quiet.some(prefix => first.startsWith(prefix))) return;
                    write(first, ...rest);
                  };
                }
              // Every element shares one backend, which must be absolute.
              const endpoint = location.origin + '/elsa/api';
              for (const el of document.querySelectorAll('[id=backend], elsa-workflow-definition-list, elsa-workflow-definition-editor, elsa-workflow-instance-list, elsa-workflow-instance-viewer'))
                el.setAttribute('remote-endpoint', endpoint);
            })();
            </script>
            <script src="_content/BlazorMonaco/jsInterop.js"></script>
            <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
            <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
            <script src="_content/MudBlazor/MudBlazor.min.js"></script>
            <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
            <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
            <script src="_framework/blazor.webassembly.js" autostart="false"></script>
            <script>
            // The Studio's .NET reads its local zone from TZ (else the browser's): set to the county's, every time it shows is county time.
            Blazor.start({ configureRuntime: runtime => runtime.withEnvironmentVariable('TZ', {{JsonSerializer.Serialize(CountyZone(http, user))}}) });
            (() => {
              // One shell: the Studio starts once, and moving between its four screens swaps the screen's element and the address
              // (history.pushState) instead of loading the page again. Every address is also a page of its own, so it works on reload.
              const screens = [
                [/^\/studio\/definitions\/([^/]+)\/?$/, 'editor', 'elsa-workflow-definition-editor', 'definition-id', id => 'Workflow ' + id],
                [/^\/studio\/instances\/([^/]+)\/?$/, 'viewer', 'elsa-workflow-instance-viewer', 'instance-id', id => 'Instance ' + id],
                [/^\/studio\/instances\/?$/, 'instances', 'elsa-workflow-instance-list', null, () => 'Workflow instances'],
                [/^\/studio\/?$/, 'definitions', 'elsa-workflow-definition-list', null, () => 'Workflow definitions'],
              ];
              const find = (path) => {
                for (const [pattern, name, tag, attribute, title] of screens) {
                  const match = pattern.exec(path);
                  if (!match) continue;
                  const id = match[1] && decodeURIComponent(match[1]);
                  return { name, tag, attribute, id, title: title(id) };
                }
                return null;
              };
              const go = (path) => {
                if (!find(path)) { location.href = path; return; }
                history.pushState(null, '', path);
                show(path);
              };
              // Callbacks are element properties and are lost if set before the element is defined.
              const wire = async (el) => {
                await customElements.whenDefined(el.localName);
                el.editWorkflowDefinition = id => go('/studio/definitions/' + encodeURIComponent(id));
                el.viewWorkflowInstance = id => go('/studio/instances/' + encodeURIComponent(id));
                el.workflowDefinitionExecuted = id => go('/studio/instances/' + encodeURIComponent(id));
              };
              const mark = (screen) => {
                document.title = screen.title + ' · Cadre procedures';
                for (const tab of document.querySelectorAll('header.bar nav a')) {
                  const target = find(new URL(tab.href).pathname);
                  tab.classList.toggle('active', target !== null && (target.name === screen.name
                    || (target.name === 'definitions' && screen.name === 'editor') || (target.name === 'instances' && screen.name === 'viewer')));
                }
                for (const choice of document.querySelectorAll('header.bar .culture a'))
                  choice.href = location.pathname + '?culture=' + new URL(choice.href).searchParams.get('culture');
                const readOnly = document.getElementById('read-only-designer');
                if (readOnly) readOnly.hidden = screen.name !== 'editor';
              };
              // A removed element keeps its Blazor component for a second (in case it is moved), and two Studio screens at once
              // collide over MudBlazor's popover outlet: the old one is disposed before the new one is added.
              const dispose = async (el) => {
                el.remove();
                if (!el._addRootComponentPromise) return;
                clearTimeout(el._disposalTimeoutHandle);
                el._isDisposed = true;
                await (await el._addRootComponentPromise).dispose();
              };
              let switching = Promise.resolve();
              const show = (path) => switching = switching.then(async () => {
                const screen = find(path);
                const holder = document.querySelector('.screen');
                for (const old of [...holder.children]) await dispose(old);
                const el = document.createElement(screen.tag);
                el.setAttribute('remote-endpoint', location.origin + '/elsa/api');
                if (screen.attribute) el.setAttribute(screen.attribute, screen.id);
                holder.append(el);
                mark(screen);
                await wire(el);
              }).catch(() => location.reload());
              window.addEventListener('popstate', () => { if (find(location.pathname)) show(location.pathname); else location.reload(); });
              document.addEventListener('click', (e) => {
                const tab = e.target.closest && e.target.closest('header.bar nav a');
                if (!tab || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || !find(new URL(tab.href).pathname)) return;
                e.preventDefault();
                go(new URL(tab.href).pathname);
              });
              const first = document.querySelector('.screen > *');
              if (first) wire(first);
            })();
            </script>
            <script type="module">
            // The designer opens a flowchart centred at the scale it has, which leaves most of a wide stage off the canvas and the
            // canvas nearly empty. It opens it instead whole: at the largest scale up to 100% that shows every activity in the part
            // of the canvas its pane shows, never below the readable scale; a flowchart too big for that opens at its start, top
            // left. Only a load is fitted: the toolbar's own buttons and the person's zoom stay theirs.
            import { graphBindings } from './_content/Elsa.Studio.Workflows.Designer/designer.entry.js';
            const readable = {{ReadableScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, padding = 20;
            const shown = (element) => {
              const r = element.getBoundingClientRect();
              let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
              for (let e = element.parentElement; e; e = e.parentElement) {
                if (getComputedStyle(e).overflow === 'visible') continue;
                const p = e.getBoundingClientRect();
                [left, top, right, bottom] = [Math.max(left, p.left), Math.max(top, p.top), Math.min(right, p.right), Math.min(bottom, p.bottom)];
              }
              return { left: left - r.left, top: top - r.top, width: right - left, height: bottom - top };
            };
            // Outcome names are written right of a node's ports, outside its box.
            const labels = 100;
            const fit = (graph) => {
              const area = graph.getContentArea();
              const view = shown(graph.container);
              const [width, height] = [view.width - 2 * padding, view.height - 2 * padding];
              if (!area.width || !area.height || width <= 0 || height <= 0) return false;
              const wide = area.width + labels;
              const scale = Math.max(readable, Math.min(1, width / wide, height / area.height));
              graph.zoomTo(scale);
              const [dx, dy] = [Math.max(0, (width - wide * scale) / 2), Math.max(0, (height - area.height * scale) / 2)];
              graph.translate(view.left + padding + dx - area.x * scale, view.top + padding + dy - area.y * scale);
              return true;
            };
            // The designer measures each activity after it draws it and resizes it then, and its panes take their widths over the
            // first moments: on a busy machine either can come seconds after the load. Until the person does anything (moves the
            // pointer, presses, turns the wheel, types), for at most twenty seconds, each resize of an activity or of the canvas fits
            // the flowchart again; the canvas never moves under a pointer on its way to a click. The browser's own pointer events
            // after a layout change carry no movement, and do not count.
            const settle = 20000;
            // When the person last acted: one set of listeners for the page, read by every canvas.
            let acted = 0;
            const act = () => { acted = performance.now(); };
            document.addEventListener('pointermove', (e) => { if (e.movementX || e.movementY) act(); }, true);
            for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, act, true);
            document.addEventListener('wheel', act, { capture: true, passive: true });
            const adopt = (graph) => {
              const { fromJSON, centerContent } = graph;
              let loaded = false, opened = 0, frame = 0;
              const settling = () => performance.now() < opened + settle && acted < opened;
              // The panes are watched only while the opening fit lasts, so a canvas left behind is not kept by its observer.
              const panes = new ResizeObserver(() => refit());
              const refit = () => {
                if (!settling()) { panes.disconnect(); return; }
                if (!frame) frame = requestAnimationFrame(() => { frame = 0; if (settling()) fit(graph); });
              };
              graph.on('node:change:size', refit);
              graph.fromJSON = function (...args) { loaded = true; return fromJSON.apply(this, args); };
              graph.centerContent = function (...args) {
                if (loaded) {
                  loaded = false;
                  if (fit(this)) {
                    opened = performance.now();
                    for (let e = this.container; e && e !== document.body; e = e.parentElement) panes.observe(e);
                    return this;
                  }
                }
                return centerContent.apply(this, args);
              };
            };
            // The designer keeps each canvas's graph in this table from the moment it creates it, before it loads a flowchart.
            const kept = (binding) => { if (binding && binding.graph) adopt(binding.graph); return binding; };
            Object.setPrototypeOf(graphBindings, new Proxy(Object.getPrototypeOf(graphBindings), {
              set(_, key, binding, table) {
                let value = kept(binding);
                return Reflect.defineProperty(table, key, { get: () => value, set: next => { value = kept(next); },
                  enumerable: true, configurable: true });
              },
            }));
            Object.values(graphBindings).forEach(kept);
            </script>
            """, path: http.Request.Path), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The IANA id of the zone of the person's county (<see cref="CountyClock.Zone"/>, China Standard Time unless the tenant has its
    /// own), which the Studio's runtime takes as its local zone: a browser set to UTC or elsewhere still shows the county's clock.
    /// </summary>
    static string CountyZone(HttpContext http, ClaimsPrincipal user)
    {
        var zone = http.RequestServices.GetService<CountyClock>()?.Zone(user.FindFirst(ClaimNames.Tenant)?.Value)
                   ?? CountyClock.FindZone(CountyClock.DefaultTimeZoneId);
        return zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : CountyClock.DefaultTimeZoneId;
    }

    /// <summary>
    /// C5: says when a year the procedures count working days in is provisional (statutory holidays only, no 调休 yet): this year
    /// always, the next from 1 November. Nothing is shown while both are official.
    /// </summary>
    static string CalendarNotice(HttpContext http, ClaimsPrincipal user)
    {
        var calendar = http.RequestServices.GetService<IWorkingDayCalendar>();
        var clock = http.RequestServices.GetService<CountyClock>();
        if (calendar is null || clock is null) return "";
        var today = clock.Today(user.FindFirst(ClaimNames.Tenant)?.Value);
        var years = new[] { today.Year, today.Year + 1 }.Select(calendar.Year)
            .Where(y => y.Status == CalendarYearStatus.Provisional && (y.Year == today.Year || today.Month >= 11)).ToList();
        if (years.Count == 0) return "";
        var list = string.Join("、", years.Select(y => y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"""
            <div class="calendar-notice" role="status" data-provisional="{list}">Calendar {list} is provisional 日历暂定: working days count the
            statutory holidays only until the State Council's holiday notice is loaded (<a href="/api/workflows/calendar">calendar</a>).</div>
            """;
    }

    public static string Layout(string title, ClaimsPrincipal? user, Screen? screen, string body, string head, string scripts, string? path = null)
    {
        string Tab(Screen target, string href, string label) =>
            $"""<a href="{href}" class="{(screen == target || (target == Studio.Screen.Definitions && screen == Studio.Screen.Editor) || (target == Studio.Screen.Instances && screen == Studio.Screen.Viewer) ? "active" : "")}">{label}</a>""";
        var who = user is null ? "" : $"""
            <span class="who">{WebUtility.HtmlEncode(user.DisplayName() ?? user.ActorId())} · {WebUtility.HtmlEncode(user.TenantId())} ·
            {WebUtility.HtmlEncode(string.Join(", ", user.FindAll(ClaimNames.Role).Select(r => r.Value)))}</span>
            <form method="post" action="{StudioEndpoints.Path}/logout"><button type="submit">Sign out 退出</button></form>
            """;
        var here = WebUtility.HtmlEncode(path ?? ""); // the Studio's pages set a <base>: the switch names the page it is on
        var nav = user is null ? "" : $"""
            <nav>{Tab(Studio.Screen.Definitions, "/studio/", "Definitions 流程定义")}{Tab(Studio.Screen.Instances, "/studio/instances", "Instances 流程实例")}{Tab(Studio.Screen.Alterations, "/studio/alterations", "Migrate 实例迁移")}</nav>
            <span class="culture" title="The Studio's language 界面语言"><a href="{here}?culture=zh-CN" lang="zh-CN">中文</a>|<a href="{here}?culture=en-US" lang="en">English</a></span>
            """;
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{{WebUtility.HtmlEncode(title)}} · Cadre procedures</title>
            {{head}}
            <style>
              html, body { height: 100%; margin: 0; font-family: system-ui, "Noto Sans CJK SC", sans-serif; }
              body { display: flex; flex-direction: column; }
              header.bar { display: flex; gap: 1.5rem; align-items: center; padding: .4rem 1rem; background: #8b1a1a; color: #fff; }
              header.bar a { color: #fff; text-decoration: none; padding: .2rem .5rem; border-radius: 4px; white-space: nowrap; }
              header.bar strong { white-space: nowrap; }
              header.bar a.active { background: rgba(255,255,255,.2); }
              header.bar .who { margin-left: auto; font-size: .85rem; opacity: .9; }
              header.bar form { margin: 0; }
              .screen { flex: 1; min-height: 0; }
              .screen > * { display: block; height: 100%; }
              main { max-width: 40rem; margin: 2rem auto; }
              .notice { padding: 1rem; background: #fff4e5; border: 1px solid #f0c36d; }
              .calendar-notice { padding: .3rem 1rem; background: #fff4e5; border-bottom: 1px solid #f0c36d; font-size: .85rem; }
            </style>
            </head>
            <body>
            <header class="bar"><strong>Cadre procedures 干部工作流程</strong>{{nav}}{{who}}</header>
            {{body}}
            {{scripts}}
            </body>
            </html>
            """;
    }
}
