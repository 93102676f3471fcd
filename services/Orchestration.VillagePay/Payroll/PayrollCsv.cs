using System.Globalization;
using System.Text;

namespace Orchestration.VillagePay.Payroll;

/// <summary>
/// The payroll as a CSV file a finance office opens in Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese names),
/// a header row, one line per person, amounts with two decimals and a dot whatever the server's culture, a totals line, CRLF
/// line ends and RFC 4180 quoting.
/// </summary>
public static class PayrollCsv
{
    /// <summary>序号, 姓名, 类别, 嘎查村, 苏木镇, 基础工资, 绩效工资, 事业单位工资, 离任生活补贴, 离任创业补贴, 合计 (no., name, kind, village,
    /// township, base pay, performance pay, institution pay, retirement subsidy, start-up subsidy, total).</summary>
    public static readonly string[] Header = ["序号", "姓名", "类别", "嘎查村", "苏木镇", "基础工资", "绩效工资", "事业单位工资", "离任生活补贴", "离任创业补贴", "合计"];

    public const string TotalsLabel = "合计";

    public static byte[] Write(PayrollRun payroll)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var line in payroll.Lines.OrderBy(l => l.Number))
            Row(csv, [line.Number.ToString(CultureInfo.InvariantCulture), line.Name, Kind(line.Kind), line.Village, line.Township,
                Money(line.BasePay), Money(line.PerformancePay), Money(line.InstitutionPay), Money(line.RetirementSubsidy), Money(line.StartUpSubsidy), Money(line.Total)]);
        Row(csv, ["", TotalsLabel, "", "", "", Money(payroll.Lines.Sum(l => l.BasePay)), Money(payroll.Lines.Sum(l => l.PerformancePay)),
            Money(payroll.Lines.Sum(l => l.InstitutionPay)), Money(payroll.Lines.Sum(l => l.RetirementSubsidy)), Money(payroll.Lines.Sum(l => l.StartUpSubsidy)),
            Money(payroll.Total)]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    static string Kind(PayeeKind kind) => kind == PayeeKind.Principal ? "两委正职" : "离任正职";

    static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    static void Row(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Field(fields[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>
    /// RFC 4180: a field with a comma, a quote or a line break is quoted and its quotes doubled. A text starting with = + - @ or a
    /// tab would run as a formula in Excel, so it is prefixed with an apostrophe (OWASP's advice against CSV injection).
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
    }
}
