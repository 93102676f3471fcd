using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.CadreFiles;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

public sealed class CadreFileRulesTests
{
    static readonly CadreFile File = new()
    {
        TenantId = "t", Name = "王某", RecordedBy = "x", BirthDate = new(1985, 3, 12), PartyJoinedOn = new(2006, 6, 1), WorkStartedOn = new(2008, 7, 1),
        Education = "大学本科 法学学士", CareerHistory = ["2008.07-2013.05 某镇党政办科员", "2013.05-2020.12 某镇副镇长"],
    };

    static VerifyAgesAndHistory Submitted(DateOnly? birth = null, DateOnly? party = null, string[]? history = null) =>
        new(Guid.Empty, "t", Guid.NewGuid(), birth ?? File.BirthDate, party ?? File.PartyJoinedOn, File.WorkStartedOn, " 大学本科  法学学士 ",
            history ?? [.. File.CareerHistory]);

    [Fact]
    public void V2_values_that_match_the_file_pass_even_with_extra_white_space() =>
        AgesAndHistoryCheck.Compare(Submitted(), File).ShouldBeEmpty();

    [Fact]
    public void V2_each_differing_field_is_reported_with_both_values()
    {
        var mismatches = AgesAndHistoryCheck.Compare(Submitted(birth: new DateOnly(1986, 3, 12), party: new DateOnly(2006, 7, 1)), File);

        mismatches.Select(m => m.Field).ShouldBe(["birthDate", "partyJoinedOn"]);
        mismatches[0].ShouldBe(new FieldMismatch("birthDate", "1986-03-12", "1985-03-12"));
    }

    [Fact]
    public void V2_a_career_line_left_out_is_a_mismatch_of_that_line() =>
        AgesAndHistoryCheck.Compare(Submitted(history: [File.CareerHistory[0]]), File).Single().Field.ShouldBe("careerHistory[1]");
}
