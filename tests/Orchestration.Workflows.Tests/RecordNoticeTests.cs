using Orchestration.ServiceDefaults.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Records;
using Shouldly;
using UglyToad.PdfPig;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// The cadre's full-process record on paper and the notices printed from it: the PDF's text is the record's (the Chinese name and
/// every step, searchable because the font is embedded with its Unicode map); the round-1 disclosure form shows only to the
/// roles that read it in vetting; the notices' Liquid templates are versioned per county and their windows fall on the official
/// calendar (C5).
/// </summary>
public sealed class RecordNoticeTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    const string Name = "张晓明";
    const string Post = "县财政局副局长";
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 9, 10, 2, 0, 0, TimeSpan.Zero));
    RuntimeHost host = null!;

    static readonly (string Command, string Step, string Service, string? Rule)[] Facts =
    [
        ("Nominate", "Nominate 初始提名", "nomination", "N3"),
        ("FileDisclosure", "File personal-matters disclosure (round 1) 考察对象有关事项第一次公开", "vetting", "V4"),
        ("Deliberate", "Deliberate with the four heads 酝酿", "vetting", "V5"),
        ("HoldDecisionMeeting", "Hold decision meeting 常委会讨论决定", "vetting", "V6"),
        ("OpenPublicity", "Open pre-appointment publicity 任前公示", "vetting", "V8"),
        ("AppointCadre", "Appoint cadre 任职", "vetting", "V9"),
    ];

    public async Task InitializeAsync()
    {
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);
        var motion = Activity("motion", "Elsa.SetVariable").With("variable", new() { ["id"] = "Marker", ["name"] = "Marker" }).With("value", Literal("x"));
        motion["name"] = "动议通过 Motion approved";
        await host.Publish(Flowchart("record-appointment", [motion, Activity("wait", "Elsa.Event", ("eventName", "go")), Activity("end", "Elsa.End")],
            [("motion", "Done", "wait"), ("wait", "Done", "end")], ("Marker", "String", "")));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    HttpClient Client(params string[] roles) => host.CreateClientFor(Tenant, roles);

    /// <summary>A cadre with a file, an appointment procedure under way and the services' facts recorded, as the services send them.</summary>
    async Task<(Guid Cadre, Guid Procedure)> CadreWithRecordAsync()
    {
        var cadre = Guid.NewGuid();
        var procedure = await host.Start("record-appointment", new() { ["cadreId"] = cadre.ToString(), ["post"] = Post, ["publicityWorkingDays"] = 5 });
        var bus = host.Service<IBus>();
        await bus.Publish(new CadreFileOpened(Guid.Empty, Tenant, cadre, Name, new DateOnly(1982, 3, 4), Sex.Male, null, new DateOnly(2004, 7, 1)));
        var at = clock.GetUtcNow();
        foreach (var (fact, i) in Facts.Select((f, i) => (f, i)))
            await bus.Publish(new CadreRecordEntry(procedure.Id, Tenant, cadre, fact.Service, fact.Step, fact.Command, "clerk-li", Outcomes.Passed, fact.Rule,
                $"{fact.Service}/{fact.Command}/{Guid.NewGuid()}", at.AddMinutes(i + 1)));
        await Eventually.Get(async () =>
        {
            var record = (await Client(Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre}/record"))!;
            return record["cadreName"]?.GetValue<string>() == Name && record["entries"]!.AsArray().Count(e => e!["source"]!.GetValue<string>() == "service") == Facts.Length
                ? record : null;
        }, "the cadre's name and the services' facts in the record");
        return (cadre, procedure.Id);
    }

    static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    [Fact]
    public async Task C1_the_record_s_PDF_holds_the_cadre_s_Chinese_name_and_every_step_as_text_in_an_embedded_font()
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var response = await Client(Roles.OrganizationDepartment).GetAsync($"/api/workflows/cadres/{cadre}/record.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = TextOf(pdf);
        text.ShouldContain(Name);
        text.ShouldContain("干部选拔任用全程记实表");
        foreach (var fact in Facts) text.ShouldContain(fact.Step.Replace(" ", ""), customMessage: fact.Command);
        text.ShouldContain("动议通过"); // the procedure's own step
        text.ShouldContain("完整"); // its journal verifies
        foreach (var rule in Facts.Select(f => f.Rule!)) text.ShouldContain(RuleNames.Shown(rule).Replace(" ", ""), customMessage: rule); // "V7任前报备审核"
        var raw = Encoding.Latin1.GetString(pdf);
        raw.ShouldContain("/FontFile2"); // the TrueType font is in the file, not expected on the reader's machine
        raw.ShouldContain("/ToUnicode"); // and maps its glyphs back to text
        var page = await Client(Roles.OrganizationDepartment).GetStringAsync($"/api/workflows/cadres/{cadre}/record.html");
        page.ShouldContain($"干部 {Name}");
        foreach (var rule in Facts.Select(f => f.Rule!)) page.ShouldContain($"<td>{RuleNames.Shown(rule)}</td>", customMessage: rule);
    }

    [Fact]
    public async Task A_server_whose_record_font_is_missing_does_not_start_and_names_the_setting()
    {
        await using var without = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false)
        {
            Settings = { [RecordFont.Setting] = "/no/such/font.ttc" },
        };

        var failure = Should.Throw<Exception>(() => _ = without.Server);

        var messages = new StringBuilder();
        for (Exception? e = failure; e is not null; e = e.InnerException) messages.Append(e.Message).Append(" | ");
        messages.ToString().ShouldContain("Records:PdfFont");
        messages.ToString().ShouldContain("/no/such/font.ttc");
    }

    [Fact]
    public void A_face_taken_out_of_a_TrueType_collection_is_a_font_file_of_its_own()
    {
        var collection = File.ReadAllBytes(RecordFont.DebianFonts.First(File.Exists));

        var face = RecordFont.FaceOf(collection, 0);

        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(collection).ShouldBe(0x74746366u); // 'ttcf'
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(face).ShouldBe(0x00010000u); // a TrueType font's own header
        face.Length.ShouldBeLessThan(collection.Length);
        Should.Throw<InvalidOperationException>(() => RecordFont.FaceOf(collection, 99));
    }

    [Fact]
    public async Task C1_another_county_prints_nothing_of_the_cadre()
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var pdf = await host.CreateClientFor("county-north", Roles.OrganizationDepartment).GetByteArrayAsync($"/api/workflows/cadres/{cadre}/record.pdf");

        var text = TextOf(pdf);
        text.ShouldNotContain(Name);
        text.ShouldNotContain("初始提名");
    }

    [Fact]
    public async Task V4_the_round_1_disclosure_form_s_place_shows_to_the_department_and_not_to_the_committee_secretary()
    {
        var (cadre, _) = await CadreWithRecordAsync();

        static JsonObject Disclosure(JsonObject record) =>
            record["entries"]!.AsArray().Single(e => e!["step"]!.GetValue<string>().Contains("第一次公开"))!.AsObject();
        var department = (await Client(Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre}/record"))!;
        var secretary = (await Client(Roles.CommitteeSecretary).GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre}/record"))!;

        var kept = Disclosure(department)["evidence"]!.GetValue<string>();
        kept.ShouldStartWith("vetting/FileDisclosure/");
        Disclosure(secretary)["evidence"]!.GetValue<string>().ShouldBe(CadreRecordItem.Withheld);
        Disclosure(secretary)["outcome"]!.GetValue<string>().ShouldBe(Outcomes.Passed); // the step and its outcome stay in the record
        (await Client(Roles.CommitteeSecretary).GetStringAsync($"/api/workflows/cadres/{cadre}/record.html")).ShouldNotContain(kept);
        TextOf(await Client(Roles.CommitteeSecretary).GetByteArrayAsync($"/api/workflows/cadres/{cadre}/record.pdf")).ShouldNotContain(kept);
        (await Client(Roles.Administrator).GetStringAsync($"/api/workflows/cadres/{cadre}/record.html")).ShouldContain(kept);
        // The other facts keep their evidence for the secretary; roles that read no record are refused.
        Facts.Where(f => f.Command != "FileDisclosure").ShouldAllBe(f =>
            secretary["entries"]!.AsArray().Single(e => e!["step"]!.GetValue<string>() == f.Step)!["evidence"]!.GetValue<string>().StartsWith(f.Service + "/"));
        foreach (var role in new[] { Roles.CommitteeMember, Roles.Auditor, Roles.Township, Roles.Operator })
            (await Client(role).GetAsync($"/api/workflows/cadres/{cadre}/record.pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
    }

    [Fact]
    public async Task The_notices_and_forms_the_seeds_name_are_shipped_as_version_0()
    {
        var templates = (await Client(Roles.OrganizationDepartment).GetFromJsonAsync<JsonArray>("/api/workflows/notices/templates"))!;

        templates.Select(t => t!["title"]!.GetValue<string>()).ShouldBe(
        [
            "考察预告", "考察对象有关事项第一次公开公告", "拟提拔人选有关事项第二次公开公告", "任前公示", "任职通知", "嘎查村“两委”班子工作实绩考评结果公示",
            "推荐干部登记表", "考察对象有关事项公开表", "考察对象廉洁自律有关规定执行情况自我评价表",
        ]);
        templates.ShouldAllBe(t => t!["version"]!.GetValue<int>() == 0 && t["shipped"]!.GetValue<bool>());
        var publicity = (await Client(Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>("/api/workflows/notices/templates/publicity-notice"))!;
        publicity["current"]!["body"]!.GetValue<string>().ShouldContain("{{ publicity.ends_on }}");
        (await Client(Roles.OrganizationDepartment).GetAsync("/api/workflows/notices/templates/no-such-notice")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_s_edit_is_a_new_version_of_the_county_s_template_and_the_earlier_ones_are_kept()
    {
        var admin = Client(Roles.Administrator);
        var key = "appointment-notice";

        var first = await admin.PutAsJsonAsync($"/api/workflows/notices/templates/{key}", new { body = "<h1>任职通知</h1><p>{{ cadre.name }} 任 {{ post }}</p>" });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await admin.PutAsJsonAsync($"/api/workflows/notices/templates/{key}",
            new { body = "<h1>任职决定</h1><p>{{ cadre.name }}同志任{{ post }}。</p>{% for s in steps %}<li>{{ s.rule }} {{ s.ruleName }}</li>{% endfor %}", title = "任职决定" });
        var saved = (await second.Content.ReadFromJsonAsync<JsonObject>())!;

        saved["current"]!["version"]!.GetValue<int>().ShouldBe(2);
        saved["current"]!["title"]!.GetValue<string>().ShouldBe("任职决定");
        saved["current"]!["savedBy"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        saved["history"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()).ShouldBe([2, 1, 0]);
        saved["history"]!.AsArray()[1]!["title"]!.GetValue<string>().ShouldBe("任职通知"); // the title it had
        var (cadre, _) = await CadreWithRecordAsync();
        var page = await Client(Roles.OrganizationDepartment).GetStringAsync($"/api/workflows/cadres/{cadre}/notices/{key}");
        page.ShouldContain($"{Name}同志任{Post}。");
        page.ShouldContain("<title>任职决定</title>");
        page.ShouldContain("<li>N3 提名主体</li>"); // each step's rule with its Chinese name
        page.ShouldContain("<li>V8 任前公示</li>");
        // Another county keeps the shipped template; the department reads templates but does not change them.
        (await host.CreateClientFor("county-north", Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/notices/templates/{key}"))!
            ["current"]!["version"]!.GetValue<int>().ShouldBe(0);
        (await Client(Roles.OrganizationDepartment).PutAsJsonAsync($"/api/workflows/notices/templates/{key}", new { body = "<p>改</p>" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Client(Roles.Operator).GetAsync("/api/workflows/notices/templates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{{ cadre.name ", "body")]
    [InlineData("{% for x in steps %}no end", "body")]
    [InlineData("", "body")]
    public async Task A_template_that_does_not_parse_is_refused_naming_the_field_and_nothing_is_kept(string body, string field)
    {
        var admin = Client(Roles.Administrator);

        var response = await admin.PutAsJsonAsync("/api/workflows/notices/templates/inspection-notice", new { body });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        (await admin.GetFromJsonAsync<JsonObject>("/api/workflows/notices/templates/inspection-notice"))!["current"]!["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("2026-09-14", "2026年9月14日", "2026年9月18日")] // a week before Mid-Autumn: five plain working days
    [InlineData("2026-09-21", "2026年9月21日", "2026年9月28日")] // Mid-Autumn (25-27 Sep) is not counted
    [InlineData("2026-09-28", "2026年9月28日", "2026年10月9日")] // nor is National Day (1-7 Oct)
    public async Task C5_V8_the_publicity_notice_s_window_is_five_working_days_of_the_official_calendar(string opensOn, string opens, string ends)
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var page = await Client(Roles.OrganizationDepartment).GetStringAsync($"/api/workflows/cadres/{cadre}/notices/publicity-notice?opensOn={opensOn}");

        page.ShouldContain($"公示时间：{opens} 至 {ends}（5个工作日");
        page.ShouldContain(Name);
        page.ShouldContain(Post); // from the procedure's input
        page.ShouldContain("12380"); // the reporting channels (C4)
        page.ShouldContain("拟任职干部原单位");
    }

    [Fact]
    public async Task C5_P2_the_village_evaluation_is_publicized_for_seven_calendar_days_through_a_holiday()
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var page = await Client(Roles.OrganizationDepartment)
            .GetStringAsync($"/api/workflows/cadres/{cadre}/notices/village-evaluation-publicity?opensOn=2026-09-28&village=%E5%B7%B4%E5%BD%A6%E5%98%8E%E6%9F%A5&grade=%E4%BC%98%E7%A7%80");

        page.ShouldContain("公示时间：2026年9月28日 至 2026年10月4日（7天）");
        page.ShouldContain("巴彦嘎查");
        page.ShouldContain("优秀");
    }

    [Fact]
    public async Task V1_V4_the_inspection_notice_names_the_six_public_items_and_the_forms_print_with_their_fields()
    {
        var (cadre, procedure) = await CadreWithRecordAsync();
        var department = Client(Roles.OrganizationDepartment);

        var inspection = await department.GetStringAsync($"/api/workflows/cadres/{cadre}/notices/inspection-notice?procedureId={procedure}&opensOn=2026-09-14");
        foreach (var item in new[] { "考察时间", "考察内容", "考察程序", "考察标准", "职数", "有关要求" }) inspection.ShouldContain(item);
        inspection.ShouldContain("2026年9月14日 至 2026年9月18日");
        var form = await department.GetStringAsync($"/api/workflows/cadres/{cadre}/notices/form-disclosure");
        foreach (var category in Records.Notices.NoticeRenderer.DisclosureCategories) form.ShouldContain(category);
        var registration = await department.GetStringAsync($"/api/workflows/cadres/{cadre}/notices/form-nominator-registration");
        registration.ShouldContain("clerk-li"); // the nominator, from the record (N3)
        var round1 = await department.GetStringAsync($"/api/workflows/cadres/{cadre}/notices/disclosure-round1?rank=principal&opensOn=2026-09-21");
        round1.ShouldContain("所在单位、居住地、分管工作领域");
        round1.ShouldContain("2026年9月21日 至 2026年9月28日");
        var pdf = await department.GetByteArrayAsync($"/api/workflows/cadres/{cadre}/notices/publicity-notice/pdf?opensOn=2026-09-21");
        var text = TextOf(pdf);
        text.ShouldContain("任前公示");
        text.ShouldContain(Name);
        text.ShouldContain("2026年9月28日");
        (await department.GetAsync($"/api/workflows/cadres/{cadre}/notices/publicity-notice?opensOn=28-09-2026")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await department.GetAsync($"/api/workflows/cadres/{cadre}/notices/publicity-notice?procedureId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task C1_a_fact_outside_any_procedure_shows_its_own_county_day_and_the_person_who_acted_beside_who_entered_it()
    {
        var cadre = Guid.NewGuid();
        var talk = Guid.NewGuid();
        await host.Service<IBus>().Publish(new CadreRecordEntry(Guid.Empty, Tenant, cadre, "disposition", "Admonishment talk 诫勉谈话", "RecordAdmonishmentTalk",
            "苏木镇党委书记 巴特尔", "Held", "D4", $"disposition/AdmonishmentTalk/{talk}", clock.GetUtcNow(), new DateOnly(2026, 9, 8), "clerk-li"));

        var entry = await Eventually.Get(async () =>
            (await Client(Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre}/record"))!["entries"]!.AsArray()
            .Select(e => e!.AsObject()).SingleOrDefault(), "the talk in the record");
        (entry["source"]!.GetValue<string>(), entry["actor"]!.GetValue<string>(), entry["recordedBy"]!.GetValue<string>(), entry["on"]!.GetValue<string>(),
                entry["ruleId"]!.GetValue<string>(), entry["evidence"]!.GetValue<string>())
            .ShouldBe(("service", "苏木镇党委书记 巴特尔", "clerk-li", "2026-09-08", "D4", $"disposition/AdmonishmentTalk/{talk}"));
        var page = await Client(Roles.OrganizationDepartment).GetStringAsync($"/api/workflows/cadres/{cadre}/record.html");
        page.ShouldContain("<td>2026-09-08</td>");
        page.ShouldContain("苏木镇党委书记 巴特尔（录入：clerk-li）");
        var text = TextOf(await Client(Roles.OrganizationDepartment).GetByteArrayAsync($"/api/workflows/cadres/{cadre}/record.pdf"));
        text.ShouldContain("2026-09-08");
        text.ShouldContain("诫勉谈话");
    }

    /// <summary>The cell borders the PDF strokes, on every page.</summary>
    static int Borders(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.Paths.Count(path => path.IsStroked));
    }

    [Theory]
    [InlineData("form-disclosure", "考察对象有关事项公开表", 24, new[] { "姓名", "拟任职务", "1.本人的婚姻变化情况", "2.本人持有因私出国（境）证件的情况",
        "5.配偶、子女从业情况", "9.配偶、共同生活的子女注册个体工商户", "本人承诺", "以上填报内容真实、完整" })]
    [InlineData("form-self-evaluation", "考察对象廉洁自律有关规定执行情况自我评价表", 10, new[] { "姓名", "遵守政治纪律和政治规矩情况", "执行中央八项规定精神情况",
        "廉洁自律有关规定执行情况", "本人承诺" })]
    [InlineData("form-nominator-registration", "推荐干部登记表", 14, new[] { "被推荐人", "拟推荐职务", "推荐人", "clerk-li", "推荐人与被推荐人关系", "推荐理由",
        "推荐人承诺" })]
    public async Task V4_N3_a_form_prints_as_a_table_with_borders_its_rows_in_order_and_its_Chinese_text_searchable(string form, string title, int cells,
        string[] rowsInOrder)
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var pdf = await Client(Roles.OrganizationDepartment).GetByteArrayAsync($"/api/workflows/cadres/{cadre}/notices/{form}/pdf");

        var text = TextOf(pdf);
        text.ShouldContain(title);
        text.ShouldContain(Name);
        var at = 0;
        foreach (var row in rowsInOrder)
        {
            var found = text.IndexOf(row, at, StringComparison.Ordinal);
            found.ShouldBeGreaterThanOrEqualTo(0, $"{row} after the rows before it in: {text}");
            at = found + row.Length;
        }
        Borders(pdf).ShouldBeGreaterThanOrEqualTo(cells, "each cell of the form is drawn with its border");
    }

    [Fact]
    public async Task Values_reach_a_notice_HTML_encoded()
    {
        var (cadre, _) = await CadreWithRecordAsync();

        var page = await Client(Roles.OrganizationDepartment).GetStringAsync($"/api/workflows/cadres/{cadre}/notices/village-evaluation-publicity?village=%3Cscript%3Ex%3C%2Fscript%3E");

        page.ShouldNotContain("<script>x</script>");
        page.ShouldContain("&lt;script&gt;");
    }
}
