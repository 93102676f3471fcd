using System.Net;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.PreFiling;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// What one candidacy counts is its own: the committee's decision (V6), the integrity exam (V3) and the reports (C4) of the procedure
/// the appointment or the publicity belongs to, never those of an earlier procedure for the same cadre.
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class CandidacyScopeTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    Task<DecisionMeetingResponse> Decide(Guid cadreId, Guid procedureId, int votesFor, int votesAgainst) =>
        api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 8, votesFor, votesAgainst) with { ProcedureId = procedureId });

    Task<IntegrityExamResponse> Exam(Guid cadreId, Guid procedureId, decimal score = 90) =>
        api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, score, ProcedureId: procedureId));

    Task<HttpResponseMessage> Appoint(Guid cadreId, Guid procedureId) =>
        api.Post("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy, ProcedureId: procedureId));

    [Fact]
    public async Task V6_a_cadre_the_committee_rejected_2_to_6_is_not_appointed_and_one_approved_in_the_same_procedure_is()
    {
        var (rejected, approved) = (Guid.NewGuid(), Guid.NewGuid());
        var procedure = Guid.NewGuid();
        (await Decide(rejected, procedure, 2, 6)).Outcome.ShouldBe(DecisionOutcomes.Rejected);
        await Exam(rejected, procedure);
        (await Decide(approved, procedure, 6, 2)).Outcome.ShouldBe(DecisionOutcomes.Approved);
        await Exam(approved, procedure);

        await VettingApi.ShouldBeRefused(await Appoint(rejected, procedure), "cadreId", "V6");
        (await Appoint(approved, procedure)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task V6_an_approval_in_another_procedure_does_not_appoint_the_cadre_in_this_one()
    {
        var cadreId = Guid.NewGuid();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await Decide(cadreId, earlier, 7, 1);
        await Exam(cadreId, later);

        await VettingApi.ShouldBeRefused(await Appoint(cadreId, later), "cadreId", "V6");
    }

    [Fact]
    public async Task V3_an_exam_passed_in_an_earlier_procedure_does_not_count_for_this_one()
    {
        var cadreId = Guid.NewGuid();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await Exam(cadreId, earlier, score: 95);
        await Decide(cadreId, later, 7, 1);

        await VettingApi.ShouldBeRefused(await Appoint(cadreId, later), "cadreId", "V3");
        await Exam(cadreId, later, score: 60); // 60 passes: 「60分及以上」
        (await Appoint(cadreId, later)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task C4_a_report_confirmed_in_an_earlier_procedure_neither_fails_a_later_publicity_nor_bars_the_appointment()
    {
        var cadreId = Guid.NewGuid();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await Decide(cadreId, earlier, 7, 1);
        await Exam(cadreId, earlier);
        var first = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, ProcedureId: earlier));
        var old = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其违规经商"));
        old.ProcedureId.ShouldBe(earlier);
        old.WindowId.ShouldBe(first.Id);
        await api.Post<ReportResponse>($"reports/{old.Id}/verification", new VerifyReportRequest(ReportVerdict.Confirmed, "核查小组"), HttpStatusCode.OK);
        await VettingApi.ShouldBeRefused(await Appoint(cadreId, earlier), "cadreId", "C4");

        // Years later the cadre is a candidate again: the old report is not this procedure's.
        await Decide(cadreId, later, 7, 1);
        var second = await api.Post<PublicityResponse>("publicity",
            new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30), ProcedureId: later));
        var closed = await api.Post<PublicityClosed>($"publicity/{second.Id}/close", new { }, HttpStatusCode.OK);
        await Exam(cadreId, later);

        closed.Outcome.ShouldBe(Outcomes.Passed);
        (await Appoint(cadreId, later)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task C4_an_old_unverified_report_does_not_keep_a_later_publicity_pending_but_one_of_this_procedure_does()
    {
        var cadreId = Guid.NewGuid();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await Decide(cadreId, earlier, 7, 1);
        await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, ProcedureId: earlier));
        await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映问题，未核实")); // never verified

        await Decide(cadreId, later, 7, 1);
        var second = await api.Post<PublicityResponse>("publicity",
            new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30), ProcedureId: later));
        (await api.Post<PublicityClosed>($"publicity/{second.Id}/close", new { }, HttpStatusCode.OK)).Outcome.ShouldBe(Outcomes.Passed);

        var third = Guid.NewGuid();
        await Decide(cadreId, third, 7, 1);
        var window = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30), ProcedureId: third));
        await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "本次公示期间收到的反映", ProcedureId: third));
        (await api.Post<PublicityClosed>($"publicity/{window.Id}/close", new { }, HttpStatusCode.OK)).Outcome.ShouldBe(PublicityOutcomes.Pending);
    }

    [Fact]
    public async Task V7_a_sanction_on_the_file_needs_the_superior_s_approval_in_this_procedure_though_nobody_declared_it()
    {
        var cadreId = Guid.NewGuid();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await api.OpenFile(cadreId);
        await api.Post<CadreFileEntryResponse>($"cadre-files/{cadreId}/entries", new CadreFileEntryRequest(CadreFileCategory.Punishment, "党内警告处分", 2023));
        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.PastSanction], true, "州委组织部", ProcedureId: earlier));

        // 「受过党纪政纪处分」: the file says so; an approval given in an earlier procedure is not this one's.
        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings", VettingApi.Meeting(cadreId, 10, 8, 6, 2) with { ProcedureId = later }),
            "preFilingCases", "V7");
        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.PastSanction], true, "州委组织部", ProcedureId: later));

        (await Decide(cadreId, later, 6, 2)).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V7_a_cadre_whose_file_holds_no_sanction_is_decided_without_a_review()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await api.Post<CadreFileEntryResponse>($"cadre-files/{cadreId}/entries", new CadreFileEntryRequest(CadreFileCategory.Criticism, "通报批评", 2023));

        (await Decide(cadreId, Guid.NewGuid(), 6, 2)).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }
}

