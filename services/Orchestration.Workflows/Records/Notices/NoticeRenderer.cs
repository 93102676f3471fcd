using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.Configuration;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Workflows.Records.Notices;

/// <summary>What a notice is rendered for: the cadre's record, the procedure it belongs to, and the day its windows open.</summary>
/// <param name="Input">The procedure's input (post, working days, probation months), empty without a procedure.</param>
/// <param name="OpensOn">The county date the notice's window opens on (today unless asked for another).</param>
/// <param name="Parameters">The request's other query values, which a template reads as <c>params</c> (a village's name, a grade).</param>
public sealed record NoticeSubject(CadreRecordView Record, RecordedProcedure? Procedure, JsonObject Input, DateOnly OpensOn,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Renders a notice's Liquid template (Fluid, values HTML-encoded) over the record: the cadre, the post, the steps taken, and the
/// windows computed on the official calendar (C5) — publicity and disclosures in working days, the village evaluation's 7 calendar
/// days — with the places and the reporting channels (C4) the configuration names.
/// </summary>
public sealed class NoticeRenderer(IWorkingDayCalendar calendar, CountyClock clock, IConfiguration configuration)
{
    static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithMaxSteps(200_000).WithMaxRecursion(32)
        .WithMaxOutputSize(1_000_000).WithCultureInfo(CultureInfo.InvariantCulture).Build();

    /// <summary>Encodes markup in values and leaves Chinese text as it is (the page is UTF-8).</summary>
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The reporting channels when <c>Records:ReportingChannels</c> names none (seed 004: telephone, letter box, e-mail).</summary>
    public static readonly string[] DefaultChannels = ["举报电话：12380", "举报信箱：县委组织部干部监督室", "网络举报：12380 举报网站"];

    /// <summary>Where the pre-appointment publicity is posted when <c>Records:PublicityPlaces</c> names none (V8).</summary>
    public static readonly string[] DefaultPublicityPlaces = ["拟任职干部原单位", "拟任职单位", "县电视台、县政府网站"];

    /// <summary>The nine categories of the round-1 form (V4), in the form's order.</summary>
    public static readonly string[] DisclosureCategories =
    [
        "本人的婚姻变化情况", "本人持有因私出国（境）证件的情况", "本人因私出国（境）的情况", "配偶、子女移居国（境）外的情况",
        "配偶、子女从业情况，本人的工资及各类奖金、津贴、补贴", "本人、配偶、共同生活的子女的房产情况", "有价证券、股票、期货、基金、投资型保险等",
        "配偶、共同生活的子女投资非上市公司、企业的情况", "配偶、共同生活的子女注册个体工商户、个人独资企业或者合伙企业的情况",
    ];

    /// <summary>The county's date today.</summary>
    public DateOnly Today(string tenantId) => clock.Today(tenantId);

    /// <summary>The values a template sees; the README lists them.</summary>
    public Dictionary<string, object?> Model(NoticeSubject subject, string department, string tenantId)
    {
        static string Day(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        int Days(string input, string setting) =>
            subject.Input[input] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : configuration.GetValue<int?>(setting) is { } c && c > 0 ? c : 5;
        string[] List(string setting, string[] fallback) =>
            configuration.GetSection(setting).Get<string[]>() is { Length: > 0 } configured ? configured : fallback;

        var record = subject.Record;
        var opens = subject.OpensOn;
        var publicityDays = Days("publicityWorkingDays", "Records:PublicityWorkingDays");
        var disclosureDays = Days("disclosureWorkingDays", "Records:DisclosureWorkingDays");
        var inspectionDays = Days("inspectionWorkingDays", "Records:InspectionWorkingDays");
        var principal = subject.Parameters.GetValueOrDefault("rank") is "principal" or "正职";
        var steps = record.Entries.Select(e => new Dictionary<string, object?>
        {
            ["date"] = Day(clock.DateOf(e.At, tenantId)), ["time"] = clock.Local(e.At, tenantId).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["step"] = e.Step, ["actor"] = e.Actor, ["outcome"] = e.Outcome, ["rule"] = e.RuleId, ["ruleName"] = RuleNames.Chinese(e.RuleId), ["evidence"] = e.Evidence, ["service"] = e.Service,
        }).ToList();
        Dictionary<string, object?>? Fact(string command) => record.Entries.LastOrDefault(e => e.Command == command) is { } e
            ? new() { ["date"] = Day(clock.DateOf(e.At, tenantId)), ["actor"] = e.Actor, ["outcome"] = e.Outcome }
            : null;
        Dictionary<string, object?> Window(DateOnly start, DateOnly end, IEnumerable<string>? places = null) =>
            new() { ["opens_on"] = Day(start), ["ends_on"] = Day(end), ["places"] = places?.ToList() ?? [] };

        return new Dictionary<string, object?>
        {
            ["department"] = department,
            ["today"] = Day(clock.Today(tenantId)),
            ["cadre"] = new Dictionary<string, object?> { ["id"] = record.CadreId.ToString(), ["name"] = record.CadreName },
            ["post"] = subject.Parameters.GetValueOrDefault("post") ?? (subject.Input["post"] is JsonValue post && post.TryGetValue<string>(out var p) ? p : null),
            ["procedure"] = subject.Procedure is { } procedure
                ? new Dictionary<string, object?> { ["id"] = procedure.Id.ToString(), ["definition"] = procedure.DefinitionId, ["name"] = procedure.Name, ["status"] = procedure.Status }
                : null,
            ["input"] = Plain(subject.Input),
            ["params"] = subject.Parameters.ToDictionary(p => p.Key, p => (object?)p.Value),
            ["steps"] = steps,
            ["nomination"] = Fact(nameof(Contracts.Nomination.Nominate)),
            ["appointment"] = Fact(nameof(Contracts.Vetting.AppointCadre)) is { } appointed ? new Dictionary<string, object?>(appointed) { ["on"] = appointed["date"] } : null,
            ["probation"] = new Dictionary<string, object?> { ["months"] = subject.Input["probationMonths"] is JsonValue m && m.TryGetValue<int>(out var months) ? months : null },
            ["channels"] = List("Records:ReportingChannels", DefaultChannels).ToList(),
            ["inspection"] = new Dictionary<string, object?>(Window(opens, calendar.EndOfWindow(opens, inspectionDays))) { ["working_days"] = inspectionDays },
            ["publicity"] = new Dictionary<string, object?>(Window(opens, calendar.EndOfWindow(opens, publicityDays), List("Records:PublicityPlaces", DefaultPublicityPlaces)))
            {
                ["working_days"] = publicityDays,
            },
            ["disclosure"] = new Dictionary<string, object?>
            {
                ["working_days"] = disclosureDays,
                // V4: deputies' forms are posted at their unit and residence; principals' also in the field they supervise.
                ["round1"] = Window(opens, calendar.EndOfWindow(opens, disclosureDays), principal ? ["所在单位", "居住地", "分管工作领域"] : ["所在单位", "居住地"]),
                ["round2"] = Window(opens, calendar.EndOfWindow(opens, disclosureDays), ["县电视台", "县内网络媒体"]),
                ["categories"] = DisclosureCategories.ToList(),
            },
            // P2: a village evaluation is publicized for 7 calendar days, not working days (C5).
            ["village"] = Window(opens, opens.AddDays(6)),
        };
    }

    /// <summary>The template rendered over <paramref name="model"/>; values are HTML-encoded, the template's own markup is kept.</summary>
    public static string Render(string template, Dictionary<string, object?> model)
    {
        if (!NoticeTemplates.Parser.TryParse(template, out var parsed, out var error))
            throw new InvalidOperationException($"The kept template does not parse: {error}");
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model) context.SetValue(name, Fluid.Values.FluidValue.Create(value, Options));
        return parsed.Render(context, Encoder);
    }

    /// <summary>A rendered notice as a page to print on A4.</summary>
    public static string Page(string title, string body)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
            .Append("@page{size:A4;margin:25mm 20mm}body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC','WenQuanYi Micro Hei',serif;font-size:12pt;line-height:1.8;color:#111}")
            .Append("h1{font-size:18pt;text-align:center}h2{font-size:14pt}table{width:100%;border-collapse:collapse;margin:4mm 0}")
            .Append("th,td{border:1px solid #444;padding:1.5mm 2mm;vertical-align:top}th{background:#f2f2f2;text-align:left}td.tall{height:30mm}")
            .Append("p{text-indent:2em;margin:2mm 0}p.sign{text-align:right;text-indent:0;margin-top:10mm}</style></head><body><article>")
            .Append(body).Append("</article></body></html>");
        return page.ToString();
    }

    /// <summary>
    /// The rendered notice, block by block, for the PDF: headings, paragraphs and list items as text, and each table (the forms:
    /// 推荐干部登记表, 有关事项公开表, 自我评价表) as its rows of cells, with their spans, header cells and the tall cells left to fill in.
    /// </summary>
    public static IReadOnlyList<NoticeBlock> Blocks(string html)
    {
        var blocks = new List<NoticeBlock>();
        foreach (Match block in Regex.Matches(html, @"<(h[1-3]|p|li|table)\b[^>]*>(.*?)</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase))
        {
            var tag = block.Groups[1].Value.ToLowerInvariant();
            if (tag == "table")
            {
                var rows = Regex.Matches(block.Groups[2].Value, @"<tr\b[^>]*>(.*?)</tr>", RegexOptions.Singleline | RegexOptions.IgnoreCase)
                    .Select(row => (IReadOnlyList<NoticeCell>)[.. Regex.Matches(row.Groups[1].Value, @"<(th|td)\b([^>]*)>(.*?)</\1>",
                            RegexOptions.Singleline | RegexOptions.IgnoreCase)
                        .Select(cell => new NoticeCell(TextOf(cell.Groups[3].Value), cell.Groups[1].Value.Equals("th", StringComparison.OrdinalIgnoreCase),
                            Regex.Match(cell.Groups[2].Value, @"colspan\s*=\s*""?(\d+)", RegexOptions.IgnoreCase) is { Success: true } span
                                ? Math.Clamp(int.Parse(span.Groups[1].Value, CultureInfo.InvariantCulture), 1, 12) : 1,
                            Regex.IsMatch(cell.Groups[2].Value, @"class\s*=\s*""[^""]*\btall\b", RegexOptions.IgnoreCase)))])
                    .Where(row => row.Count > 0).ToList();
                if (rows.Count > 0) blocks.Add(new NoticeBlock(NoticeBlockKind.Table, "", rows));
                continue;
            }
            var text = TextOf(block.Groups[2].Value);
            if (text.Length > 0) blocks.Add(new NoticeBlock(tag.StartsWith('h') ? NoticeBlockKind.Heading : NoticeBlockKind.Text, text, []));
        }
        return blocks;
    }

    /// <summary>An element's text: line breaks kept, markup dropped, entities decoded.</summary>
    static string TextOf(string inner) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(inner, @"<br\s*/?>", "\n", RegexOptions.IgnoreCase), "<[^>]+>", "")).Trim();

    static Dictionary<string, object?> Plain(JsonObject json) => Expressions.LiquidExpressions.Plain(json);
}

/// <summary>What a block of a rendered notice is on paper.</summary>
public enum NoticeBlockKind
{
    /// <summary>A heading (h1–h3), centred when large.</summary>
    Heading,

    /// <summary>A paragraph or list item.</summary>
    Text,

    /// <summary>A table drawn with its borders, as the forms are.</summary>
    Table,
}

/// <summary>One block of a rendered notice: its text, or for a table its rows of cells.</summary>
public sealed record NoticeBlock(NoticeBlockKind Kind, string Text, IReadOnlyList<IReadOnlyList<NoticeCell>> Rows);

/// <summary>One cell of a form's table.</summary>
/// <param name="Header">A label cell (th), shaded.</param>
/// <param name="Span">How many of the table's columns it spans (colspan).</param>
/// <param name="Tall">A cell left to fill in by hand (class <c>tall</c>), drawn 30 mm high at least.</param>
public sealed record NoticeCell(string Text, bool Header, int Span, bool Tall);
