using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
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

        var verification = await api.Post<AgesAndHistoryVerificationResponse>($"cadre-files/{cadreId}/verifications", new AgesAndHistoryRequest(
            new DateOnly(1984, 3, 12), file.PartyJoinedOn, new DateOnly(2009, 7, 1), file.Education, [.. file.CareerHistory]));

        verification.Passed.ShouldBeFalse();
        verification.MismatchedFields.ShouldBe(["birthDate", "workStartedOn"]);
    }

    [Fact]
    public async Task V2_submitted_ages_and_history_matching_the_file_pass()
    {
        var cadreId = Guid.NewGuid();
        var file = await api.OpenFile(cadreId);

        var verification = await api.Post<AgesAndHistoryVerificationResponse>($"cadre-files/{cadreId}/verifications", new AgesAndHistoryRequest(
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

        var again = await api.Post("cadre-files", new OpenCadreFileRequest(cadreId, "王某", Sex.Male, new DateOnly(1985, 3, 12), null, new DateOnly(2008, 7, 1),
            "本科", ["2008-"]));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Count<CadreFile>()).ShouldBe(1);
    }

    [Fact]
    public async Task C3_a_file_whose_work_starts_before_birth_is_bad_input()
    {
        var response = await api.Post("cadre-files", new OpenCadreFileRequest(Guid.NewGuid(), "王某", Sex.Male, new DateOnly(1985, 3, 12), null,
            new DateOnly(1980, 1, 1), "本科", ["1980-"]));

        await VettingApi.ShouldBeRefused(response, "workStartedOn", "C3");
        (await api.Count<CadreFile>()).ShouldBe(0);
    }

    [Fact]
    public async Task C3_a_file_without_the_cadres_sex_is_bad_input_naming_the_field_and_nothing_is_stored_or_announced()
    {
        var cadreId = Guid.NewGuid();
        var response = await api.Client().PostAsJsonAsync("/api/vetting/cadre-files", new
        {
            cadreId, name = "王某", birthDate = "1974-03-20", workStartedOn = "1995-07-01", education = "大学本科", careerHistory = new[] { "1995.07-" },
        });

        await VettingApi.ShouldBeRefused(response, "sex", "C3");
        (await api.Count<CadreFile>()).ShouldBe(0);
        (await api.Db(db => db.Set<OutboxMessage>().CountAsync(m => m.Body.Contains(cadreId.ToString())))).ShouldBe(0);
    }

    [Fact]
    public async Task C3_opening_a_file_keeps_the_sex_and_announces_the_file_once_outside_any_procedure()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(CadreFileOpened));
        var cadreId = Guid.NewGuid();

        var file = await api.Post<CadreFileResponse>("cadre-files", new OpenCadreFileRequest(cadreId, "李某", Sex.Female, new DateOnly(1977, 8, 31), null,
            new DateOnly(1998, 7, 1), "大学本科", ["1998.07-2010.05 某局科员", "2010.05- 某局副局长"]));
        (await api.Post("cadre-files", new OpenCadreFileRequest(cadreId, "李某", Sex.Female, new DateOnly(1977, 8, 31), null,
            new DateOnly(1998, 7, 1), "大学本科", ["1998.07-"]))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var opened = await probe.WaitFor<CadreFileOpened>(e => e.CadreId == cadreId);
        opened.ProcedureId.ShouldBe(Guid.Empty);
        opened.TenantId.ShouldBe(api.Tenant);
        opened.BirthDate.ShouldBe(new DateOnly(1977, 8, 31));
        opened.Sex.ShouldBe(Sex.Female);
        file.Sex.ShouldBe(Sex.Female);
        (await api.Get<CadreFileView>($"cadre-files/{cadreId}")).File.Sex.ShouldBe(Sex.Female);
        (await api.Db(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(CadreFileOpened)) && m.Body.Contains(cadreId.ToString()))))
            .ShouldBe(1);
    }

    [Fact]
    public async Task C3_the_file_shows_entries_exams_and_verifications_together()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await api.Post<CadreFileEntryResponse>($"cadre-files/{cadreId}/entries", new CadreFileEntryRequest(CadreFileCategory.AnnualAssessment, "优秀", 2025));
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 88));

        var view = await api.Get<CadreFileView>($"cadre-files/{cadreId}");

        view.Entries.Single().Summary.ShouldBe("优秀");
        view.IntegrityExams.Single().Score.ShouldBe(88);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    public async Task V3_an_exam_is_passed_at_the_pass_mark_and_failed_one_point_below(decimal score, bool passed)
    {
        var exam = await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(Guid.NewGuid(), score));

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
