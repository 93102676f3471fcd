using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Deliberations;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class DeliberationRulesTests
{
    static HeadOpinion[] Opinions(params DeliberationStance[] stances) =>
        [.. Enum.GetValues<DeliberationHead>().Select((head, i) => new HeadOpinion(head, i < stances.Length ? stances[i] : DeliberationStance.Agrees))];

    [Fact]
    public void V5_four_heads_agreeing_submit_the_candidate() =>
        DeliberationRules.Evaluate(Opinions(), divergingReservations: 2).Submitted.ShouldBeTrue();

    [Fact]
    public void V5_a_veto_by_one_of_the_four_heads_stops_the_candidate()
    {
        var verdict = DeliberationRules.Evaluate(Opinions(DeliberationStance.Agrees, DeliberationStance.Agrees, DeliberationStance.Agrees,
            DeliberationStance.Disagrees), divergingReservations: 2);

        verdict.Submitted.ShouldBeFalse();
        verdict.RuleId.ShouldBe("V5");
        verdict.Reason!.ShouldContain(nameof(DeliberationHead.DisciplineCommission));
    }

    [Fact]
    public void V5_one_head_with_reservations_is_not_wide_divergence() =>
        DeliberationRules.Evaluate(Opinions(DeliberationStance.HasReservations), divergingReservations: 2).Submitted.ShouldBeTrue();

    [Fact]
    public void V5_two_heads_with_reservations_is_wide_divergence() =>
        DeliberationRules.Evaluate(Opinions(DeliberationStance.HasReservations, DeliberationStance.HasReservations), divergingReservations: 2)
            .Submitted.ShouldBeFalse();

    [Fact]
    public void V5_a_head_not_heard_is_refused() =>
        DeliberationRules.CheckHeard(Opinions().Skip(1).ToArray()).ShouldNotBeNull().Field.ShouldBe("opinions");

    [Fact]
    public void V5_a_head_heard_twice_is_refused() =>
        DeliberationRules.CheckHeard([.. Opinions(), new HeadOpinion(DeliberationHead.Government, DeliberationStance.Agrees)]).ShouldNotBeNull();
}
