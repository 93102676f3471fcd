using Orchestration.Vetting.IntegrityExams;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class IntegrityExamRulesTests
{
    [Fact]
    public void V3_the_default_pass_mark_is_sixty() => new VettingOptions().IntegrityExamPassMark.ShouldBe(60m);

    [Theory]
    [InlineData(59, false)]
    [InlineData(59.5, false)]
    [InlineData(60, true)]
    [InlineData(100, true)]
    public void V3_a_score_passes_at_the_pass_mark_and_fails_below(decimal score, bool passes) =>
        IntegrityExamRules.Passes(score, 60m).ShouldBe(passes);

    [Fact]
    public void V3_a_configured_pass_mark_of_seventy_fails_sixty_nine() =>
        IntegrityExamRules.Passes(69m, 70m).ShouldBeFalse();

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void V3_a_score_outside_zero_to_hundred_is_refused(decimal score) =>
        IntegrityExamRules.CheckScore(score).ShouldNotBeNull().RuleId.ShouldBe("V3");
}
