using System.Globalization;
using System.Text;
using Microsoft.VisualBasic.FileIO;
using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Payroll;
using Orchestration.VillagePay.Retirement;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

public sealed class PayrollTests
{
    static readonly VillagePayOptions Seed = new();

    static Village Village(string name, string principal, decimal basePay) =>
        new() { Id = Guid.NewGuid(), TenantId = "county", Name = name, Township = "Xin township", PrincipalName = principal, BasePay = basePay };

    static YearlyGrade Grade(Village village, PrincipalGrade grade, decimal performancePay) =>
        new() { TenantId = "county", VillageId = village.Id, Year = 2026, Grade = grade, BasePay = village.BasePay, PerformancePay = performancePay };

    /// <summary>Parses CSV with the framework's own RFC 4180 reader, independent of the writer.</summary>
    internal static List<string[]> Parse(byte[] csv)
    {
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), "Excel needs the BOM to read UTF-8");
        using var parser = new TextFieldParser(new MemoryStream(csv), Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        return rows;
    }

    [Fact]
    public void P1_to_P4_a_line_adds_base_performance_and_institution_pay_and_a_former_principal_gets_the_subsidy()
    {
        var selected = Village("Bayan", "Batu", 9_000m);
        var ordinary = Village("Tala", "Sarna", 7_000m);
        var vacant = Village("Chagan", "x", 8_000m);
        vacant.PrincipalName = null;
        var grades = new[] { Grade(selected, PrincipalGrade.Excellent, 4_000m), Grade(ordinary, PrincipalGrade.Incompetent, 0m) }.ToDictionary(g => g.VillageId);
        var award = new InstitutionPayAward { TenantId = "county", VillageId = selected.Id, PrincipalName = "Batu", Year = 2026, CertificateNumber = "2026-001" };
        var formers = new[]
        {
            new FormerPrincipal { TenantId = "county", Name = "Old Bao", Village = "Tala", Township = "Xin township", LeftOn = new DateOnly(2025, 6, 30), YearlySubsidy = 3_600m, GrantedBy = "x" },
            new FormerPrincipal { TenantId = "county", Name = "Just left", Village = "Bayan", Township = "Xin township", LeftOn = new DateOnly(2026, 1, 10), YearlySubsidy = 3_600m, GrantedBy = "x" },
        };

        var lines = PayrollCalculator.Lines(2026, [selected, ordinary, vacant], grades, [award], formers, Seed);

        lines.Select(l => l.Name).ShouldBe(["Batu", "Sarna", "Old Bao"]);
        lines[0].Total.ShouldBe(9_000m + 4_000m + Seed.InstitutionPay);
        lines[1].Total.ShouldBe(7_000m);
        lines[2].Kind.ShouldBe(PayeeKind.FormerPrincipal);
        lines[2].Total.ShouldBe(3_600m);
        lines.Select(l => l.Number).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void P4_a_start_up_subsidy_is_paid_in_the_year_it_is_granted_only_on_its_own_line_when_there_is_no_living_subsidy()
    {
        StartUpGrant Grant(string name, DateOnly on) => new()
        {
            TenantId = "county", Name = name, Village = "Tala", Township = "Xin township", Business = "合作社", RegistrationReference = "1", Amount = 6_000m,
            GrantedOn = on, GrantedBy = "x",
        };
        var living = new FormerPrincipal { TenantId = "county", Name = "Old Bao", Village = "Tala", Township = "Xin township", LeftOn = new DateOnly(2020, 6, 30), YearlySubsidy = 3_600m, GrantedBy = "x" };

        var lines = PayrollCalculator.Lines(2026, [], new Dictionary<Guid, YearlyGrade>(), [], [living], Seed,
            [Grant("Old Bao", new DateOnly(2026, 1, 1)), Grant("Young Su", new DateOnly(2026, 12, 31)), Grant("Last year", new DateOnly(2025, 12, 31))]);

        lines.Select(l => (l.Name, l.RetirementSubsidy, l.StartUpSubsidy, l.Total)).ShouldBe([("Old Bao", 3_600m, 6_000m, 9_600m), ("Young Su", 0m, 6_000m, 6_000m)]);
        lines.ShouldAllBe(l => l.Kind == PayeeKind.FormerPrincipal);
    }

    [Fact]
    public void P3_an_award_ended_during_its_year_is_not_paid_and_one_not_renewed_is_paid_to_its_end()
    {
        var endedEarly = new InstitutionPayAward { TenantId = "c", PrincipalName = "a", CertificateNumber = "1", Year = 2026, EndedOn = new DateOnly(2026, 5, 1) };
        var notRenewed = new InstitutionPayAward { TenantId = "c", PrincipalName = "a", CertificateNumber = "2", Year = 2026, EndedOn = new DateOnly(2026, 12, 31) };

        endedEarly.PaysFor(2026).ShouldBeFalse();
        notRenewed.PaysFor(2026).ShouldBeTrue();
        notRenewed.PaysFor(2027).ShouldBeFalse();
    }

    static PayrollRun Payroll(params PayrollLine[] lines)
    {
        for (var i = 0; i < lines.Length; i++) lines[i].Number = i + 1;
        return new PayrollRun { TenantId = "county", Year = 2026, IssuedBy = "x", Lines = [.. lines], Total = lines.Sum(l => l.Total) };
    }

    static PayrollLine Line(string name, string village, decimal basePay, decimal performance) =>
        new() { Name = name, Village = village, Township = "新镇", BasePay = basePay, PerformancePay = performance, Total = basePay + performance };

    [Fact]
    public void The_csv_parses_back_with_commas_quotes_and_line_breaks_in_Chinese_names()
    {
        var payroll = Payroll(
            Line("巴图,其木格", "巴彦\"塔拉\"嘎查", 9_000m, 4_000m),
            Line("萨仁", "查干\r\n诺尔", 7_000m, 0m),
            Line(" 乌力吉 ", "宝力高", 8_000m, 2_000m));

        var rows = Parse(PayrollCsv.Write(payroll));

        rows.Count.ShouldBe(5);
        rows[0].ShouldBe(PayrollCsv.Header);
        rows[1].ShouldBe(["1", "巴图,其木格", "两委正职", "巴彦\"塔拉\"嘎查", "新镇", "9000.00", "4000.00", "0.00", "0.00", "0.00", "13000.00"]);
        rows[2][3].ShouldBe("查干\r\n诺尔");
        rows[3][1].ShouldBe(" 乌力吉 ");
        rows[4].ShouldBe(["", PayrollCsv.TotalsLabel, "", "", "", "24000.00", "6000.00", "0.00", "0.00", "0.00", "30000.00"]);
    }

    [Fact]
    public void The_csv_writes_decimals_with_a_dot_and_two_places_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var rows = Parse(PayrollCsv.Write(Payroll(Line("萨仁", "查干", 7_000.5m, 1_234.567m))));

            rows[1][5].ShouldBe("7000.50");
            rows[1][6].ShouldBe("1234.57");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_csv_does_not_let_a_name_run_as_an_Excel_formula()
    {
        var rows = Parse(PayrollCsv.Write(Payroll(Line("=HYPERLINK(\"http://x\")", "@村", 7_000m, 0m))));

        rows[1][1].ShouldBe("'=HYPERLINK(\"http://x\")");
        rows[1][3].ShouldBe("'@村");
    }

    [Fact]
    public void The_csv_ends_its_lines_with_CRLF()
    {
        var text = Encoding.UTF8.GetString(PayrollCsv.Write(Payroll(Line("萨仁", "查干", 7_000m, 0m))));

        text.Split("\r\n").Length.ShouldBe(4); // header, one line, totals, and the empty tail after the last CRLF
        text.Replace("\r\n", "").ShouldNotContain('\n');
    }
}
