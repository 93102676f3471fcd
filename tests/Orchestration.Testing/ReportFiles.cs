using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Xunit;

namespace Orchestration.Testing;

/// <summary>A statistic as its three answers give it: the JSON table, and the xlsx and CSV exports read back with a spreadsheet library.</summary>
public sealed record ReportAnswers(JsonObject Json, List<IDictionary<string, object?>> Xlsx, List<IDictionary<string, object?>> Csv, byte[] CsvBytes)
{
    /// <summary>The JSON rows' sum of one column.</summary>
    public decimal JsonSum(string key) => Json["rows"]!.AsArray().Sum(r => r![key] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : 0m);

    /// <summary>The value of the export's total row (合计) in the column headed <paramref name="header"/>.</summary>
    public static decimal TotalOf(List<IDictionary<string, object?>> sheet, string header) =>
        ReportFiles.Number(sheet.Single(r => ReportFiles.Text(r.Values.First()) == "合计")[header]);

    /// <summary>The export's sum of one column over the rows above the total row.</summary>
    public static decimal SumOf(List<IDictionary<string, object?>> sheet, string header) =>
        sheet.Where(r => ReportFiles.Text(r.Values.First()) != "合计").Sum(r => ReportFiles.Number(r[header]));
}

/// <summary>Reads a statistic's exports back the way a department's spreadsheet would.</summary>
public static class ReportFiles
{
    public static List<IDictionary<string, object?>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return [.. stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
    }

    public static List<IDictionary<string, object?>> ReadCsv(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return [.. stream.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>()];
    }

    public static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    public static decimal Number(object? value) => value switch
    {
        null => 0m,
        string s when s.Length == 0 => 0m,
        string s => decimal.Parse(s, CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Fetches the statistic at <paramref name="path"/> as JSON, xlsx and CSV, checking each answer's media type and the CSV's byte-order mark.</summary>
    public static async Task<ReportAnswers> FetchAsync(HttpClient client, string path)
    {
        var join = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var json = await client.GetFromJsonAsync<JsonObject>(path) ?? throw new InvalidOperationException($"{path} answered no JSON");

        using var xlsx = await client.GetAsync($"{path}{join}format=xlsx");
        Assert.True(xlsx.IsSuccessStatusCode, await xlsx.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith($"-{json["asOf"]}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        using var csv = await client.GetAsync($"{path}{join}format=csv");
        Assert.True(csv.IsSuccessStatusCode, await csv.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.True(csvBytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "the CSV starts with the UTF-8 byte-order mark, so Excel reads the Chinese");

        return new ReportAnswers(json, ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync()), ReadCsv(csvBytes), csvBytes);
    }
}
