using System.Text;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;

namespace Orchestration.ServiceDefaults.Reports;

/// <summary>
/// A statistic as the department takes it away: an Excel workbook (xlsx, through MiniExcel) or a CSV file in UTF-8 with a byte-order
/// mark, so that Excel opens the Chinese headers as Chinese. Both have the Chinese column headers, the rows as the JSON answer has
/// them, county dates as <c>yyyy-MM-dd</c>, and the total row (合计) of the page.
/// </summary>
public static class ReportExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The table's rows with Chinese headers and the total row last, each value as a number or text.</summary>
    static IEnumerable<IDictionary<string, object?>> Sheet(ReportTable table)
    {
        foreach (var row in table.Rows)
            yield return table.Columns.ToDictionary(c => c.Header, c => Cell(row.GetValueOrDefault(c.Key)));
        if (table.Totals.Count > 0 && table.Rows.Count > 0)
        {
            var total = table.TotalRow();
            yield return table.Columns.Select((c, i) => (c.Header, Value: Cell(total[i]))).ToDictionary(x => x.Header, x => x.Value);
        }
    }

    /// <summary>Numbers stay numbers (Excel sums them); everything else is written as the page writes it.</summary>
    static object? Cell(object? value) => value switch
    {
        null => null,
        int or long or decimal or double => value,
        _ => ReportTable.Text(value),
    };

    public static byte[] ToXlsx(ReportTable table)
    {
        using var stream = new MemoryStream();
        var sheet = Sheet(table).ToList();
        if (sheet.Count == 0) sheet.Add(table.Columns.ToDictionary(c => c.Header, _ => (object?)null)); // the headers alone
        stream.SaveAs(sheet, printHeader: true, sheetName: SheetName(table.Title), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>RFC 4180 CSV, UTF-8 with a byte-order mark, CRLF line ends.</summary>
    public static byte[] ToCsv(ReportTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Quote(c.Header))).Append("\r\n");
        foreach (var row in Sheet(table))
            text.AppendJoin(',', table.Columns.Select(c => Quote(ReportTable.Text(row[c.Header])))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>Excel's limits on a sheet name: 31 characters, none of <c>[]:*?/\</c>.</summary>
    static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => "[]:*?/\\".IndexOf(c) < 0)]);
        return name.Length > 31 ? name[..31] : name.Length == 0 ? "Sheet1" : name;
    }

    /// <summary>
    /// The statistic in the format the caller asked for: JSON without <paramref name="format"/> (or <c>json</c>), an xlsx or CSV
    /// download named <paramref name="fileName"/> and the county date the figures were taken on for <c>xlsx</c> or <c>csv</c>; any
    /// other format is refused with a 400.
    /// </summary>
    public static IResult Respond(ReportTable table, string? format, string fileName) => format?.ToLowerInvariant() switch
    {
        null or "" or "json" => Results.Ok(table),
        "xlsx" => Results.File(ToXlsx(table), XlsxContentType, $"{fileName}-{ReportTable.Text(table.AsOf)}.xlsx"),
        "csv" => Results.File(ToCsv(table), CsvContentType, $"{fileName}-{ReportTable.Text(table.AsOf)}.csv"),
        _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is json, xlsx or csv."] }),
    };
}
