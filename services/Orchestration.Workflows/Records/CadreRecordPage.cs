using System.Net;
using System.Text;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Workflows.Records;

/// <summary>
/// The cadre's full-process record as a page to print (全程记实表): A4, the department's heading, Chinese column names, dates and
/// times in county time, each procedure's journal check stated. The browser's "print" gives the paper copy an inspection team asks for.
/// </summary>
public static class CadreRecordPage
{
    public static string Render(CadreRecordView record, string department, CountyClock clock, string tenantId)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>干部选拔任用全程记实表</title><style>")
            .Append("@page{size:A4;margin:18mm 15mm}body{font-family:'Noto Sans CJK SC','Source Han Sans SC',sans-serif;font-size:10.5pt;color:#111}")
            .Append("h1{font-size:16pt;text-align:center;margin:0 0 4mm}p.meta{text-align:center;margin:0 0 6mm}")
            .Append("table{width:100%;border-collapse:collapse}th,td{border:1px solid #444;padding:1.5mm 2mm;vertical-align:top}")
            .Append("th{background:#eee}tr{page-break-inside:avoid}.broken{color:#b00020;font-weight:bold}</style></head><body>");
        page.Append("<h1>").Append(E(department)).Append(" 干部选拔任用全程记实表</h1>")
            .Append("<p class=\"meta\">干部 ").Append(E(record.CadreName ?? "（档案未建）")).Append(" · 干部编号 ").Append(E(record.CadreId.ToString()))
            .Append(" · 打印时间 ")
            .Append(E(clock.Local(clock.UtcNow, tenantId).ToString("yyyy-MM-dd HH:mm"))).Append("（县时间）</p>");

        page.Append("<h2>程序与记实校验</h2><table><thead><tr><th>程序</th><th>名称</th><th>状态</th><th>记实校验</th></tr></thead><tbody>");
        foreach (var procedure in record.Procedures)
            page.Append("<tr><td>").Append(E(procedure.DefinitionId)).Append("</td><td>").Append(E(procedure.Name)).Append("</td><td>")
                .Append(E(procedure.Status)).Append("</td><td").Append(procedure.JournalValid ? ">完整" : " class=\"broken\">已被改动：" + E(procedure.JournalProblem))
                .Append("</td></tr>");
        page.Append("</tbody></table>");

        page.Append("<h2>逐项记实</h2><table><thead><tr><th>时间</th><th>环节</th><th>经办人</th><th>结果</th><th>依据</th><th>存档</th></tr></thead><tbody>");
        foreach (var entry in record.Entries)
            page.Append("<tr><td>").Append(E(entry.When(clock, tenantId))).Append("</td><td>")
                .Append(E(entry.Step)).Append("</td><td>").Append(E(entry.ActorShown)).Append("</td><td>").Append(E(entry.Outcome)).Append("</td><td>")
                .Append(E(RuleNames.Shown(entry.RuleId))).Append("</td><td>").Append(E(entry.Evidence)).Append("</td></tr>");
        page.Append("</tbody></table></body></html>");
        return page.ToString();
    }
}
