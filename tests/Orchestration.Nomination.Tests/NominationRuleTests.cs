// Property names: the service defaults switch FluentValidation to camelCase for the whole process once a host starts, so
// rule tests compare field names without regard to case.
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Nominations;
using Orchestration.ServiceDefaults.Time;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

public sealed class NominationRuleTests
{
    readonly NominateValidator validator = new();
    static readonly DateOnly FailedOn = new(2026, 3, 10);

    static Nominate Nomination(NominatorKind kind = NominatorKind.IndividualLeader, NomineeRelationship? relationship = NomineeRelationship.Unrelated,
        string nominator = "leader-1") =>
        new(Guid.NewGuid(), "county", Guid.NewGuid(), kind, nominator, relationship, "推荐理由", "乡镇党委副书记");

    [Theory]
    [InlineData(NomineeRelationship.Spouse)]
    [InlineData(NomineeRelationship.Child)]
    [InlineData(NomineeRelationship.DirectRelative)]
    [InlineData(NomineeRelationship.OwnOfficeStaff)]
    public void N3_a_leader_may_not_nominate_a_spouse_child_direct_relative_or_own_office_staff(NomineeRelationship relationship)
    {
        var failure = validator.Validate(Nomination(relationship: relationship)).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(Nominate.DeclaredRelationship), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N3");
    }

    [Theory]
    [InlineData(NomineeRelationship.Unrelated)]
    [InlineData(NomineeRelationship.Colleague)]
    [InlineData(NomineeRelationship.Subordinate)]
    [InlineData(NomineeRelationship.CollateralRelative)]
    public void N3_a_leader_may_nominate_someone_not_so_related(NomineeRelationship relationship)
    {
        validator.Validate(Nomination(relationship: relationship)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N3_an_individual_leader_without_the_registration_form_is_refused()
    {
        var failure = validator.Validate(Nomination(relationship: null)).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(Nominate.DeclaredRelationship), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("N3");
    }

    [Theory]
    [InlineData(NominatorKind.PartyOrganization)]
    [InlineData(NominatorKind.LeadershipTeam)]
    [InlineData(NominatorKind.ElectionParticipant)]
    public void N3_collective_nominators_and_election_participants_need_no_registration_form(NominatorKind kind)
    {
        validator.Validate(Nomination(kind, relationship: null)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void N3_a_forbidden_relationship_is_refused_whoever_nominates()
    {
        validator.Validate(Nomination(NominatorKind.PartyOrganization, NomineeRelationship.Spouse)).Errors.ShouldHaveSingleItem().ErrorCode.ShouldBe("N3");
    }

    [Fact]
    public void N3_only_the_four_nominator_kinds_are_accepted()
    {
        validator.Validate(Nomination((NominatorKind)4)).Errors.ShouldContain(e => e.ErrorCode == "N3" && string.Equals(e.PropertyName, nameof(Nominate.NominatorKind), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void C2_a_nomination_without_a_named_nominator_is_refused()
    {
        var failure = validator.Validate(Nomination(nominator: "")).Errors.ShouldHaveSingleItem();

        failure.PropertyName.ShouldBe(nameof(Nominate.NominatorId), StringCompareShould.IgnoreCase);
        failure.ErrorCode.ShouldBe("C2");
    }

    // N6: "经考察不符合提拔条件或在讨论决定中未获通过的，一年内不得再次推荐" (seed 002).

    [Fact]
    public void N6_a_cadre_364_days_after_failing_cannot_be_nominated()
    {
        var refusal = CoolOff.Check(FailedOn, FailedOn.AddDays(364), years: 1).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N6");
        refusal.Field.ShouldBe("cadreId");
    }

    [Fact]
    public void N6_a_cadre_can_be_nominated_again_from_the_anniversary_of_the_failure()
    {
        CoolOff.Check(FailedOn, new DateOnly(2027, 3, 9), years: 1).ShouldNotBeNull();
        CoolOff.Check(FailedOn, new DateOnly(2027, 3, 10), years: 1).ShouldBeNull();
    }

    [Fact]
    public void N6_the_cool_off_runs_to_the_anniversary_across_a_leap_day()
    {
        var beforeLeapDay = new DateOnly(2027, 6, 1);

        CoolOff.Check(beforeLeapDay, beforeLeapDay.AddDays(365), years: 1).ShouldNotBeNull(); // 2028 has 29 February
        CoolOff.Check(beforeLeapDay, beforeLeapDay.AddDays(366), years: 1).ShouldBeNull();
    }

    [Theory]
    [InlineData("2027-02-28", "2028-02-28")]
    [InlineData("2027-03-01", "2028-03-01")] // 1 March before a leap year: a year of 366 days
    [InlineData("2028-02-29", "2029-02-28")] // a leap day's anniversary is the last day of February
    [InlineData("2028-03-01", "2029-03-01")]
    public void N6_the_cool_off_ends_on_the_anniversary_of_the_county_date(string failedOn, string endsOn) =>
        CoolOff.EndsOn(DateOnly.Parse(failedOn), 1).ShouldBe(DateOnly.Parse(endsOn));

    [Fact]
    public void N6_a_failure_at_1630_UTC_on_28_February_2027_is_of_1_March_in_the_county_and_cools_off_until_1_March_2028()
    {
        var county = new CountyClock(new FakeTimeProvider());
        var failedOn = county.DateOf(new DateTimeOffset(2027, 2, 28, 16, 30, 0, TimeSpan.Zero));

        failedOn.ShouldBe(new DateOnly(2027, 3, 1));
        CoolOff.Check(failedOn, county.DateOf(new DateTimeOffset(2028, 2, 29, 15, 59, 0, TimeSpan.Zero)), 1).ShouldNotBeNull().RuleId.ShouldBe("N6");
        CoolOff.Check(failedOn, county.DateOf(new DateTimeOffset(2028, 2, 29, 16, 1, 0, TimeSpan.Zero)), 1).ShouldBeNull();
    }

    [Fact]
    public void N6_a_cadre_who_never_failed_is_not_cooling_off()
    {
        CoolOff.Check(null, FailedOn, years: 1).ShouldBeNull();
    }

    [Fact]
    public void N6_the_cool_off_is_a_setting()
    {
        CoolOff.Check(FailedOn, FailedOn.AddDays(366), years: 2).ShouldNotBeNull();
        CoolOff.Check(FailedOn, FailedOn.AddDays(366), years: 0).ShouldBeNull();
    }

    [Fact]
    public void N4_a_nominee_from_the_reserve_pool_needs_no_reason()
    {
        ReserveSource.Check(inReservePool: true, outsidePoolReason: null).ShouldBeNull();
    }

    [Fact]
    public void N4_a_nominee_from_outside_the_reserve_pool_without_a_reason_is_refused()
    {
        var refusal = ReserveSource.Check(inReservePool: false, outsidePoolReason: " ").ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N4");
        refusal.Field.ShouldBe("outsidePoolReason");
    }

    [Fact]
    public void N4_a_nominee_from_outside_the_reserve_pool_with_a_stated_reason_is_accepted()
    {
        ReserveSource.Check(inReservePool: false, outsidePoolReason: "急需专业人才，后备库中无合适人选").ShouldBeNull();
    }

    [Theory]
    [InlineData(DisqualifierKind.IntegrityProblem)]
    [InlineData(DisqualifierKind.PoorReputation)]
    public void N8_a_cadre_with_a_standing_disqualifier_is_not_nominated(DisqualifierKind kind)
    {
        var refusal = Disqualification.Check(kind).ShouldNotBeNull();

        refusal.RuleId.ShouldBe("N8");
        refusal.Field.ShouldBe("cadreId");
    }

    [Fact]
    public void N8_a_cadre_without_a_standing_disqualifier_may_be_nominated()
    {
        Disqualification.Check(null).ShouldBeNull();
    }
}
