using Orchestration.ServiceDefaults.Commands;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Vetting.Inspections;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>The rules take county dates; the county clock gives them on either side of 16:00 UTC, the county's midnight.</summary>
public sealed class CountyDateRulesTests
{
    static readonly CountyClock County = new(new FakeTimeProvider());

    static DateOnly CountyDateAt(int year, int month, int day, int hour, int minute) =>
        County.DateOf(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero));

    static Refusal? Announce(DateOnly today, DateOnly startsOn)
    {
        var cadre = Guid.NewGuid();
        return InspectionRules.CheckAnnouncement(today, startsOn, 1, [cadre, Guid.NewGuid()], cadre, "考察组长", false, 3);
    }

    [Fact]
    public void V1_an_inspection_announced_at_1559_UTC_the_day_before_is_announced_in_advance() =>
        Announce(CountyDateAt(2026, 11, 22, 15, 59), new DateOnly(2026, 11, 23)).ShouldBeNull();

    [Fact]
    public void V1_an_inspection_announced_at_1601_UTC_the_day_before_is_announced_on_its_first_day() =>
        Announce(CountyDateAt(2026, 11, 22, 16, 1), new DateOnly(2026, 11, 23)).ShouldNotBeNull().RuleId.ShouldBe("V1");

    [Fact]
    public void V8_the_publicity_is_pending_at_1559_UTC_of_its_last_day_and_closes_at_1601_UTC()
    {
        var endsOn = new DateOnly(2026, 11, 27);

        PublicityRules.Close(CountyDateAt(2026, 11, 27, 15, 59), endsOn, 0, 0).Outcome.ShouldBe(PublicityOutcomes.Pending);
        PublicityRules.Close(CountyDateAt(2026, 11, 27, 16, 1), endsOn, 0, 0).Outcome.ShouldBe(Outcomes.Passed);
    }

    [Fact]
    public void V9_a_probation_begun_at_1601_UTC_on_28_February_2027_ends_on_1_March_2028()
    {
        var appointedOn = CountyDateAt(2027, 2, 28, 16, 1);

        appointedOn.ShouldBe(new DateOnly(2027, 3, 1));
        ProbationRules.EndsOn(appointedOn, 12).ShouldBe(new DateOnly(2028, 3, 1));
        ProbationRules.IsDue(CountyDateAt(2028, 2, 29, 15, 59), new DateOnly(2028, 3, 1)).ShouldBeFalse();
        ProbationRules.IsDue(CountyDateAt(2028, 2, 29, 16, 1), new DateOnly(2028, 3, 1)).ShouldBeTrue();
    }
}
