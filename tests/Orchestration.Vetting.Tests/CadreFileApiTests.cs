using System.Net;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.IntegrityExams;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class CadreFileApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    [Fact]
    public async Task V2_submitted_ages_that_differ_from_the_file_fail_naming_each_field()
    {
        var cadreId = Guid.NewGuid();
        var file = await api.OpenFile(cadreId);

        var verification = await api.Post<AgesAndHistoryVerification>($"cadre-files/{cadreId}/verifications", new AgesAndHistoryRequest(
            new DateOnly(1984, 3, 12), file.PartyJoinedOn, new DateOnly(2009, 7, 1), file.Education, [.. file.CareerHistory]));

        verification.Passed.ShouldBeFalse();
        verification.MismatchedFields.ShouldBe(["birthDate", "workStartedOn"]);
    }

    [Fact]
    public async Task V2_submitted_ages_and_history_matching_the_file_pass()
    {
        var cadreId = Guid.NewGuid();
        var file = await api.OpenFile(cadreId);

        var verification = await api.Post<AgesAndHistoryVerification>($"cadre-files/{cadreId}/verifications", new AgesAndHistoryRequest(
            file.BirthDate, file.PartyJoinedOn, file.WorkStartedOn, file.Education, [.. file.CareerHistory]));

        verification.Passed.ShouldBeTrue();
        verification.MismatchedFields.ShouldBeEmpty();
    }

    [Fact]
    public async Task C3_verifying_a_cadre_without_a_file_is_refused_and_nothing_is_stored()
    {
        var response = await api.Post($"cadre-files/{Guid.NewGuid()}/verifications",
            new AgesAndHistoryRequest(new DateOnly(1985, 1, 1), null, new DateOnly(2008, 1, 1), "本科", ["2008-"]));

        await VettingApi.ShouldBeRefused(response, "cadreId", "C3");
        (await api.Count<AgesAndHistoryVerification>()).ShouldBe(0);
    }

    [Fact]
    public async Task C3_one_person_has_one_file()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);

        var again = await api.Post("cadre-files", new OpenCadreFileRequest(cadreId, "王某", new DateOnly(1985, 3, 12), null, new DateOnly(2008, 7, 1),
            "本科", ["2008-"]));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Count<CadreFile>()).ShouldBe(1);
    }

    [Fact]
    public async Task C3_a_file_whose_work_starts_before_birth_is_bad_input()
    {
        var response = await api.Post("cadre-files", new OpenCadreFileRequest(Guid.NewGuid(), "王某", new DateOnly(1985, 3, 12), null,
            new DateOnly(1980, 1, 1), "本科", ["1980-"]));

        await VettingApi.ShouldBeRefused(response, "workStartedOn", "C3");
        (await api.Count<CadreFile>()).ShouldBe(0);
    }

    [Fact]
    public async Task C3_the_file_shows_entries_exams_and_verifications_together()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await api.Post<CadreFileEntry>($"cadre-files/{cadreId}/entries", new CadreFileEntryRequest(CadreFileCategory.AnnualAssessment, "优秀", 2025));
        await api.Post<IntegrityExam>("integrity-exams", new IntegrityExamRequest(cadreId, 88));

        var view = await api.Get<CadreFileView>($"cadre-files/{cadreId}");

        view.Entries.Single().Summary.ShouldBe("优秀");
        view.IntegrityExams.Single().Score.ShouldBe(88);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    public async Task V3_an_exam_is_passed_at_the_pass_mark_and_failed_one_point_below(decimal score, bool passed)
    {
        var exam = await api.Post<IntegrityExam>("integrity-exams", new IntegrityExamRequest(Guid.NewGuid(), score));

        exam.Passed.ShouldBe(passed);
        exam.PassMark.ShouldBe(60);
    }

    [Fact]
    public async Task V3_a_score_above_hundred_is_bad_input_and_nothing_is_stored()
    {
        await VettingApi.ShouldBeRefused(await api.Post("integrity-exams", new IntegrityExamRequest(Guid.NewGuid(), 101)), "score", "V3");
        (await api.Count<IntegrityExam>()).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_read_the_file()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);

        (await api.Client(VettingApi.NewTenant()).GetAsync($"/api/vetting/cadre-files/{cadreId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
