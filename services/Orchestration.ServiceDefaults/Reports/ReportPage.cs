using System.Net;
using System.Text;

namespace Orchestration.ServiceDefaults.Reports;

/// <summary>One section of a statistics page: a chart, the table it draws and the address of its exports.</summary>
/// <param name="Chart">The chart's inline SVG (<see cref="SvgChart"/>).</param>
/// <param name="ExportPath">The statistic's JSON address; the page links it with <c>format=xlsx</c> and <c>format=csv</c>.</param>
public sealed record ReportSection(ReportTable Table, string Chart, string ExportPath);

/// <summary>
/// A service's statistics as one page (统计图表): the department's heading, each statistic as a chart over its table with the total
/// row, links to its Excel and CSV exports, and links to the other services' pages. Server-rendered HTML with inline SVG: it needs
/// no script and prints as it shows. Signed in like the Studio (the session cookie carries the same token and roles).
/// </summary>
public static class ReportPage
{
    static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The statistics pages of the services, as the pages link each other.</summary>
    public static readonly IReadOnlyList<(string Title, string Path)> Pages =
    [
        ("办理中的程序与逾期事项", "/api/workflows/statistics.html"),
        ("组织处理（能上能下）", "/api/disposition/statistics.html"),
        ("经济责任审计覆盖", "/api/audit/statistics.html"),
        ("考察公示与试用期", "/api/vetting/statistics.html"),
        ("嘎查村干部选聘", "/api/village-pay/statistics.html"),
    ];

    public static string Render(string department, string title, DateOnly asOf, IEnumerable<ReportSection> sections)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;font-size:14px;color:#111;margin:24px}")
            .Append("header h1{font-size:20px;text-align:center;margin:0 0 4px}header p{text-align:center;margin:0 0 12px;color:#444}")
            .Append("nav{text-align:center;margin-bottom:16px}nav a{margin:0 8px}section{margin:24px 0;page-break-inside:avoid}")
            .Append("h2{font-size:16px;border-left:4px solid #c0392b;padding-left:8px}p.note{color:#555;margin:4px 0 8px}")
            .Append("table{border-collapse:collapse;margin-top:8px}th,td{border:1px solid #999;padding:3px 8px}th{background:#f0f0f0}")
            .Append("tr.total td{font-weight:bold;background:#fafafa}td.n{text-align:right}.exports a{margin-right:12px}")
            .Append("@media print{nav,.exports{display:none}}</style></head><body>");
        page.Append("<header><h1>").Append(E(department)).Append(' ').Append(E(title)).Append("</h1><p>统计日期 ")
            .Append(E(ReportTable.Text(asOf))).Append("（县时间）</p></header><nav>");
        foreach (var (name, path) in Pages) page.Append("<a href=\"").Append(E(path)).Append("\">").Append(E(name)).Append("</a>");
        page.Append("</nav>");

        foreach (var (table, chart, exportPath) in sections)
        {
            page.Append("<section><h2>").Append(E(table.Title)).Append("</h2>");
            if (table.Note is { } note) page.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            page.Append("<figure>").Append(chart).Append("</figure>");
            var join = exportPath.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            page.Append("<p class=\"exports\"><a class=\"xlsx\" href=\"").Append(E($"{exportPath}{join}format=xlsx")).Append("\">导出Excel</a>")
                .Append("<a class=\"csv\" href=\"").Append(E($"{exportPath}{join}format=csv")).Append("\">导出CSV</a></p>");
            page.Append("<table><thead><tr>");
            foreach (var column in table.Columns) page.Append("<th>").Append(E(column.Header)).Append("</th>");
            page.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows) Row(page, table.Columns.Select(c => row.GetValueOrDefault(c.Key)).ToList(), "");
            if (table.Rows.Count == 0) page.Append("<tr><td colspan=\"").Append(table.Columns.Count).Append("\">暂无数据</td></tr>");
            if (table.Totals.Count > 0 && table.Rows.Count > 0) Row(page, table.TotalRow(), " class=\"total\"");
            page.Append("</tbody></table></section>");
        }
        return page.Append("</body></html>").ToString();
    }

    static void Row(StringBuilder page, IReadOnlyList<object?> cells, string attributes)
    {
        page.Append("<tr").Append(attributes).Append('>');
        foreach (var cell in cells)
            page.Append(cell is int or long or decimal or double ? "<td class=\"n\">" : "<td>").Append(E(ReportTable.Text(cell))).Append("</td>");
        page.Append("</tr>");
    }

    /// <summary>The department's name for the heading: <c>Records:Departments:{tenant}</c>, else <c>Records:Department</c>, else 县委组织部.</summary>
    public static string Department(Microsoft.Extensions.Configuration.IConfiguration configuration, string tenantId) =>
        configuration[$"Records:Departments:{tenantId}"] ?? configuration["Records:Department"] ?? "县委组织部";

    /// <summary>The page as an HTTP answer.</summary>
    public static Microsoft.AspNetCore.Http.IResult Html(string html) =>
        Microsoft.AspNetCore.Http.Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
}
