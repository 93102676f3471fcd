using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Testing;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.PreFiling;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// V7 from N3 over the real RabbitMQ: 「县领导的配偶、子女、亲属及身边工作人员」 are reviewed by the superior before the vote. A relative N3
/// lets a leader nominate (a collateral relative) makes the candidacy of that procedure a pre-filing case, though nobody declares it at
/// the decision meeting.
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class PreFilingFoundTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    NominationAccepted Accepted(Guid procedureId, Guid cadreId, NomineeRelationship relationship) =>
        new(procedureId, api.Tenant, cadreId, Guid.NewGuid(), true, Outcomes.Passed, null, null, "leader-zhao", "副局长", relationship);

    Task<HttpResponseMessage> Meeting(Guid cadreId, Guid procedureId) =>
        api.Post("decision-meetings", VettingApi.Meeting(cadreId, 10, 8, 6, 2) with { ProcedureId = procedureId });

    [Fact]
    public async Task V7_a_collateral_relative_of_the_nominator_needs_the_superiors_approval_in_that_procedure_only()
    {
        var cadreId = Guid.NewGuid();
        var (nominated, other) = (Guid.NewGuid(), Guid.NewGuid());
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri);

        await probe.Publish(Accepted(nominated, cadreId, NomineeRelationship.CollateralRelative));
        await Eventually.True(async () => await api.Db(db => db.PreFilingCasesFound.AnyAsync(f => f.CadreId == cadreId)), "the case found");

        await VettingApi.ShouldBeRefused(await Meeting(cadreId, nominated), "preFilingCases", "V7");
        await api.Post<PreFilingReviewResponse>("pre-filings",
            new PreFilingReviewRequest(cadreId, [PreFilingCase.RelativeOrStaffOfCountyLeader], true, "州委组织部", ProcedureId: nominated));
        var decided = await Meeting(cadreId, nominated);
        decided.IsSuccessStatusCode.ShouldBeTrue(await decided.Content.ReadAsStringAsync());
        // The case belongs to the procedure it was found in; another candidacy of the cadre is not held by it.
        var elsewhere = await Meeting(cadreId, other);
        elsewhere.IsSuccessStatusCode.ShouldBeTrue(await elsewhere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task V7_an_unrelated_nominee_or_a_refused_nomination_makes_no_case()
    {
        var (unrelated, refused) = (Guid.NewGuid(), Guid.NewGuid());
        var procedureId = Guid.NewGuid();
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri);

        await probe.Publish(Accepted(procedureId, unrelated, NomineeRelationship.Unrelated));
        await probe.Publish(Accepted(procedureId, refused, NomineeRelationship.CollateralRelative) with { Outcome = Outcomes.Failed, RuleId = "N8" });
        // A collateral relative published after both has been taken from the same queue, so the two before it were too.
        var marker = Guid.NewGuid();
        await probe.Publish(Accepted(procedureId, marker, NomineeRelationship.CollateralRelative));
        await Eventually.True(async () => await api.Db(db => db.PreFilingCasesFound.AnyAsync(f => f.CadreId == marker)), "the marker's case");

        (await api.Db(db => db.PreFilingCasesFound.CountAsync(f => f.CadreId == unrelated || f.CadreId == refused))).ShouldBe(0);
        (await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(unrelated, 10, 8, 6, 2) with { ProcedureId = procedureId }))
            .Outcome.ShouldBe(DecisionOutcomes.Approved);
    }
}
