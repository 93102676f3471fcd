using System.Globalization;

namespace Orchestration.ServiceDefaults.Reports;

/// <summary>A column of a statistic: the key its rows use in JSON and the Chinese header the exports and the page show.</summary>
/// <param name="Key">The key the rows use for this column in JSON.</param>
/// <param name="Header">The Chinese header the exports and the page show.</param>
public sealed record ReportColumn(string Key, string Header);

/// <summary>
/// One statistic as a table: its Chinese title, columns and rows, as the JSON answer, the xlsx and CSV exports and the page's table
/// show it. Values are numbers, text or county dates (<see cref="DateOnly"/>, written <c>yyyy-MM-dd</c>); the columns named in
/// <see cref="Totals"/> are summed in a last row of the exports and the page, so the paper and the screen add up the same.
/// </summary>
public sealed class ReportTable
{
    /// <summary>The statistic's Chinese title.</summary>
    public required string Title { get; init; }

    /// <summary>What the figures count and under which rule (e.g. "A2: 一级单位每年审计不少于35%").</summary>
    public string? Note { get; init; }

    /// <summary>The county date the figures were taken on.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The columns, in the order the exports and the page show them.</summary>
    public required IReadOnlyList<ReportColumn> Columns { get; init; }

    /// <summary>One object per row, keyed by the columns' keys: numbers, text or county dates (yyyy-MM-dd).</summary>
    public List<Dictionary<string, object?>> Rows { get; init; } = [];

    /// <summary>Keys of the numeric columns whose sums the exports and the page show in a total row (合计).</summary>
    public IReadOnlyList<string> Totals { get; init; } = [];

    /// <summary>Adds a row from its values, in the order of <see cref="Columns"/>.</summary>
    public ReportTable Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
            throw new ArgumentException($"A row of '{Title}' has {Columns.Count} values, not {values.Length}.", nameof(values));
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++) row[Columns[i].Key] = values[i];
        Rows.Add(row);
        return this;
    }

    /// <summary>The sum of a numeric column over the rows.</summary>
    public decimal Sum(string key) => Rows.Sum(r => r.GetValueOrDefault(key) switch
    {
        int i => i,
        long l => l,
        decimal d => d,
        double f => (decimal)f,
        _ => 0m,
    });

    /// <summary>A value as the exports and the page write it: county dates as <c>yyyy-MM-dd</c>, yes/no in Chinese.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool yes => yes ? "是" : "否",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        double f => f.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The total row's cells: the label in the first column, the sums of <see cref="Totals"/>, nothing elsewhere.</summary>
    public IReadOnlyList<object?> TotalRow() =>
        [.. Columns.Select((c, i) => Totals.Contains(c.Key) ? Sum(c.Key) : i == 0 ? "合计" : (object?)null)];
}
