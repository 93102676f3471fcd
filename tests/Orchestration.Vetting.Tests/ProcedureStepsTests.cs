using System.Net;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Testing;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.PreFiling;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// The vetting answers the appointment procedure waits on, over the real RabbitMQ: whether the candidacy needs the superior's pre-filing
/// review before its decision meeting (V7), which procedure a reconsideration belongs to (V6), and how many reports still wait for their
/// verification when the publicity is closed (C4).
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class ProcedureStepsTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    /// <summary>Asks as the procedure does and waits for the answer to this ask (the probe keeps the earlier answers too).</summary>
    async Task<PreFilingChecked> Checked(BusProbe probe, Guid procedureId, Guid cadreId)
    {
        var earlier = probe.Received<PreFilingChecked>(c => c.ProcedureId == procedureId && c.CadreId == cadreId).Count;
        await probe.Publish(new CheckPreFiling(procedureId, api.Tenant, cadreId));
        await Eventually.True(() => Task.FromResult(probe.Received<PreFilingChecked>(c => c.ProcedureId == procedureId && c.CadreId == cadreId).Count > earlier),
            "the answer to the check");
        return probe.Received<PreFilingChecked>(c => c.ProcedureId == procedureId && c.CadreId == cadreId)[earlier];
    }

    [Fact]
    public async Task V7_a_candidacy_without_a_case_skips_the_superiors_review()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(PreFilingChecked));

        var answer = await Checked(probe, Guid.NewGuid(), cadreId);

        answer.Outcome.ShouldBe(PreFilingOutcomes.NotRequired);
        answer.Cases.ShouldBeEmpty();
        answer.RuleId.ShouldBeNull();
    }

    [Fact]
    public async Task V7_a_relative_of_the_nominator_found_in_the_procedure_waits_for_the_superior_until_approved()
    {
        var (procedureId, cadreId) = (Guid.NewGuid(), Guid.NewGuid());
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(PreFilingChecked));
        await probe.Publish(new NominationAccepted(procedureId, api.Tenant, cadreId, Guid.NewGuid(), true, Outcomes.Passed, null, null, "leader-zhao",
            "副局长", NomineeRelationship.CollateralRelative));
        await Eventually.True(async () => await api.Db(db => db.PreFilingCasesFound.AnyAsync(f => f.CadreId == cadreId)), "the case found");

        var required = await Checked(probe, procedureId, cadreId);
        required.Outcome.ShouldBe(PreFilingOutcomes.Required);
        required.RuleId.ShouldBe("V7");
        required.Unapproved.ShouldBe([PreFilingCase.RelativeOrStaffOfCountyLeader]);

        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.RelativeOrStaffOfCountyLeader], true, "州委组织部", ProcedureId: procedureId));
        var approved = await Checked(probe, procedureId, cadreId);
        approved.Outcome.ShouldBe(PreFilingOutcomes.Approved);
        approved.Cases.ShouldBe([PreFilingCase.RelativeOrStaffOfCountyLeader]);
        approved.Unapproved.ShouldBeEmpty();
    }

    [Fact]
    public async Task V7_a_sanction_on_the_file_is_a_case_and_a_refused_review_keeps_it_unapproved()
    {
        var (procedureId, cadreId) = (Guid.NewGuid(), Guid.NewGuid());
        await api.OpenFile(cadreId);
        await api.Post<CadreFileEntryResponse>($"cadre-files/{cadreId}/entries", new CadreFileEntryRequest(CadreFileCategory.Punishment, "党内警告处分", 2023));
        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.PastSanction], false, "州委组织部", ProcedureId: procedureId));
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(PreFilingChecked));

        (await Checked(probe, procedureId, cadreId)).Unapproved.ShouldBe([PreFilingCase.PastSanction]);

        var cases = await api.Get<PreFilingCasesResponse>($"pre-filings/cases?cadreId={cadreId}&procedureId={procedureId}");
        cases.Cases.ShouldBe([PreFilingCase.PastSanction]);
        cases.Unapproved.ShouldBe([PreFilingCase.PastSanction]);
        (await api.Get<PreFilingCasesResponse>($"pre-filings/cases?cadreId={cadreId}", VettingApi.NewTenant())).Cases.ShouldBeEmpty(); // another county
    }

    [Fact]
    public async Task V6_a_reconsideration_asked_without_the_procedure_answers_the_procedure_of_the_rejection_half_the_committee_allowing_it()
    {
        var (procedureId, cadreId) = (Guid.NewGuid(), Guid.NewGuid());
        var rejected = await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 4, 5) with { ProcedureId = procedureId });
        rejected.Outcome.ShouldBe(DecisionOutcomes.Rejected);
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(ReconsiderationDecided));

        var four = await api.Post<ReconsiderationResponse>($"decision-meetings/{rejected.Id}/reconsiderations",
            new ReconsiderDecisionRequest(10, VettingApi.Members(4)));
        (await probe.WaitFor<ReconsiderationDecided>(r => r.ReconsiderationId == four.Id)).Outcome.ShouldBe(Outcomes.Failed);
        var five = await api.Post<ReconsiderationResponse>($"decision-meetings/{rejected.Id}/reconsiderations",
            new ReconsiderDecisionRequest(10, VettingApi.Members(5)));

        five.ProcedureId.ShouldBe(procedureId);
        var allowed = await probe.WaitFor<ReconsiderationDecided>(r => r.ReconsiderationId == five.Id);
        allowed.ProcedureId.ShouldBe(procedureId);
        allowed.Outcome.ShouldBe(Outcomes.Passed);
        (await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 7, 2) with { ProcedureId = procedureId }))
            .Outcome.ShouldBe(DecisionOutcomes.Approved); // the committee votes again
    }

    [Fact]
    public async Task C4_closing_the_publicity_counts_the_reports_still_being_verified_and_closes_once_they_are()
    {
        var (procedureId, cadreId) = (Guid.NewGuid(), Guid.NewGuid());
        await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 7, 2) with { ProcedureId = procedureId });
        var window = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30), ProcedureId: procedureId));
        var first = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其住房超标", ProcedureId: procedureId));
        var second = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其配偶经商", ProcedureId: procedureId));

        var pending = await api.Post<PublicityClosed>($"publicity/{window.Id}/close", new { }, HttpStatusCode.OK);
        pending.Outcome.ShouldBe(PublicityOutcomes.Pending);
        pending.RuleId.ShouldBe("C4");
        pending.ReportsUnverified.ShouldBe(2);

        await api.Post<ReportResponse>($"reports/{first.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "核查小组"), HttpStatusCode.OK);
        (await api.Post<PublicityClosed>($"publicity/{window.Id}/close", new { }, HttpStatusCode.OK)).ReportsUnverified.ShouldBe(1);
        await api.Post<ReportResponse>($"reports/{second.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "核查小组"), HttpStatusCode.OK);
        var closed = await api.Post<PublicityClosed>($"publicity/{window.Id}/close", new { }, HttpStatusCode.OK);
        closed.Outcome.ShouldBe(Outcomes.Passed);
        closed.ReportsUnverified.ShouldBe(0);
    }
}
