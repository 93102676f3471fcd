using System.Text;
using Orchestration.ServiceDefaults.Reports;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>The statistics' exports and charts: what a spreadsheet reads back, what Excel needs to show Chinese, what the chart draws.</summary>
public sealed class ReportExportTests
{
    static ReportTable Sample() => new ReportTable
    {
        Title = "审计覆盖：一级/二级",
        AsOf = new DateOnly(2026, 1, 2),
        Columns = [new("tier", "等级"), new("units", "单位数"), new("share", "覆盖率（%）"), new("since", "起始日期"), new("met", "达标"), new("note", "说明")],
        Totals = ["units"],
    }
        .Add("一级", 20, 35.0m, new DateOnly(2026, 1, 1), true, "含本数, \"不少于\"")
        .Add("二级", 28, 17.9m, new DateOnly(2025, 12, 31), false, null);

    [Fact]
    public void The_xlsx_has_the_chinese_headers_the_rows_county_dates_and_the_total_row()
    {
        var sheet = ReportFiles.ReadXlsx(ReportExport.ToXlsx(Sample()));

        sheet.Count.ShouldBe(3);
        sheet[0].Keys.ShouldBe(["等级", "单位数", "覆盖率（%）", "起始日期", "达标", "说明"]);
        ReportFiles.Number(sheet[0]["单位数"]).ShouldBe(20);
        ReportFiles.Number(sheet[0]["覆盖率（%）"]).ShouldBe(35m);
        ReportFiles.Text(sheet[0]["起始日期"]).ShouldBe("2026-01-01");
        ReportFiles.Text(sheet[1]["达标"]).ShouldBe("否");
        ReportFiles.Text(sheet[2]["等级"]).ShouldBe("合计");
        ReportAnswers.TotalOf(sheet, "单位数").ShouldBe(48);
    }

    [Fact]
    public void The_csv_is_utf8_with_a_byte_order_mark_quotes_what_needs_it_and_reads_back_the_same()
    {
        var bytes = ReportExport.ToCsv(Sample());

        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith("等级,单位数,覆盖率（%）,起始日期,达标,说明\r\n一级,20,35,2026-01-01,是,\"含本数, \"\"不少于\"\"\"\r\n");
        var sheet = ReportFiles.ReadCsv(bytes);
        sheet.Count.ShouldBe(3);
        ReportFiles.Text(sheet[0]["说明"]).ShouldBe("含本数, \"不少于\"");
        ReportAnswers.TotalOf(sheet, "单位数").ShouldBe(48);
        ReportAnswers.SumOf(sheet, "单位数").ShouldBe(48);
    }

    [Fact]
    public void An_empty_statistic_exports_its_headers()
    {
        var empty = new ReportTable { Title = "空表", Columns = [new("a", "甲"), new("b", "乙")], Totals = ["b"] };
        Encoding.UTF8.GetString(ReportExport.ToCsv(empty)).ShouldBe("\uFEFF甲,乙\r\n");
        using var stream = new MemoryStream(ReportExport.ToXlsx(empty));
        MiniExcelLibs.MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX).ShouldBe(["甲", "乙"]);
    }

    [Fact]
    public void A_bar_chart_draws_one_bar_per_category_and_series_with_its_label_and_value()
    {
        var svg = SvgChart.Bars("各等级", ["一级", "二级", "三级"], [new("单位数", [20, 28, 19]), new("已审计", [7, 6, 1])]);

        System.Text.RegularExpressions.Regex.Count(svg, "<rect class=\"bar\"").ShouldBe(6);
        svg.ShouldContain("data-category=\"二级\" data-series=\"单位数\" data-value=\"28\"");
        svg.ShouldContain(">三级</text>");
        svg.ShouldContain(">已审计</text>", Case.Sensitive, "the legend names each series");
        svg.ShouldContain("<title>各等级</title>");
    }

    [Fact]
    public void A_chart_of_counts_has_whole_ticks_up_to_a_round_number_above_the_largest_count()
    {
        string Ticks(decimal largest) => string.Join(',', System.Text.RegularExpressions.Regex.Matches(
            SvgChart.Bars("t", ["a"], [new("n", [largest])]), "class=\"tick\"[^>]*>([^<]*)<").Select(m => m.Groups[1].Value));

        Ticks(3).ShouldBe("0,1,2,3,4");
        Ticks(28).ShouldBe("0,10,20,30,40");
        Ticks(35m).ShouldBe("0,10,20,30,40");
        Ticks(206).ShouldBe("0,100,200,300,400");
        Ticks(0).ShouldBe("0,1,2,3,4");
    }

    [Fact]
    public void A_line_chart_draws_a_line_per_series_and_a_point_per_category_and_an_empty_chart_says_so()
    {
        var svg = SvgChart.Lines("逐年", ["2024年", "2025年", "2026年"], [new("审计结果", [1, 0, 2])]);
        System.Text.RegularExpressions.Regex.Count(svg, "<polyline class=\"line\"").ShouldBe(1);
        System.Text.RegularExpressions.Regex.Count(svg, "<circle class=\"point\"").ShouldBe(3);

        SvgChart.Bars("无数据", [], []).ShouldContain("暂无数据");
    }

    [Fact]
    public void The_page_has_the_department_s_heading_each_chart_its_table_with_the_total_and_the_export_links()
    {
        var table = Sample();
        var page = ReportPage.Render("某县委组织部", "审计统计", new DateOnly(2026, 1, 2),
            [new ReportSection(table, SvgChart.Bars("t", ["一级"], [new("n", [20])]), "/api/audit/statistics/coverage?year=2026")]);

        page.ShouldContain("<h1>某县委组织部 审计统计</h1>");
        page.ShouldContain("统计日期 2026-01-02（县时间）");
        page.ShouldContain("href=\"/api/audit/statistics/coverage?year=2026&amp;format=xlsx\"");
        page.ShouldContain("<tr class=\"total\"><td>合计</td><td class=\"n\">48</td>");
        foreach (var (_, path) in ReportPage.Pages) page.ShouldContain($"href=\"{path}\"");
    }
}
