using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.NonLeadershipTransfer;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

[Collection(DispositionCollection.Name)]
public sealed class CaseApiTests(DispositionHostFixture disposition)
{
    readonly DispositionApi api = new(disposition);

    string tenant => api.Tenant;

    HttpClient Client(string? ofTenant = null) => api.Client(ofTenant);

    Task<T> Db<T>(Func<DispositionDbContext, Task<T>> query) => api.Db(query);

    static Task<T> Read<T>(HttpResponseMessage response) => DispositionApi.Read<T>(response);

    static Task<string?> RuleOf(HttpResponseMessage response, string field) => DispositionApi.RuleOf(response, field);

    async Task<CaseResponse> OpenCase(string source = CaseSources.InspectionTeam) =>
        await Read<CaseResponse>(await Client().PostAsJsonAsync("/api/disposition/cases",
            new OpenCaseRequest(Guid.NewGuid(), source, "joint inspection found the leader absent from duty")));

    Task<HttpResponseMessage> Step(Guid caseId, string step, DispositionMeasure? measure = null) =>
        Client().PostAsJsonAsync($"/api/disposition/cases/{caseId}/steps", new TakeStepRequest(step, $"{step} done", measure));

    async Task<CaseResponse> FiledCase()
    {
        var @case = await OpenCase();
        foreach (var step in DispositionSteps.InOrder.Skip(1))
            (await Step(@case.Id, step, step == DispositionSteps.Decision ? DispositionMeasure.OffPostTraining : null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return @case;
    }

    [Fact]
    public async Task D1_a_case_opened_from_an_unknown_source_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var rule = await RuleOf(await Client().PostAsJsonAsync("/api/disposition/cases", new OpenCaseRequest(Guid.NewGuid(), "rumour", "heard it")), "source");

        rule.ShouldBe("D1");
        (await Db(db => db.Cases.CountAsync(c => c.TenantId == tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task D3_D4_a_case_goes_through_the_six_steps_and_the_decision_records_the_measure()
    {
        var @case = await FiledCase();

        var stored = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id));
        stored.Step.ShouldBe(DispositionSteps.FilingAndTracking);
        stored.Measure.ShouldBe(nameof(DispositionMeasure.OffPostTraining));
        var steps = await Client().GetFromJsonAsync<CaseStepResponse[]>($"/api/disposition/cases/{@case.Id}/steps");
        steps!.Select(s => s.Step).ShouldBe(DispositionSteps.InOrder.Skip(1));
    }

    [Fact]
    public async Task D3_skipping_a_step_is_refused_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var @case = await OpenCase();

        (await RuleOf(await Step(@case.Id, DispositionSteps.Analysis), "step")).ShouldBe("D3");

        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.Initiation);
        (await Db(db => db.CaseSteps.CountAsync(s => s.CaseId == @case.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task D4_a_decision_without_a_measure_is_refused_naming_the_field_and_rule()
    {
        var @case = await OpenCase();
        await Step(@case.Id, DispositionSteps.Investigation);
        await Step(@case.Id, DispositionSteps.Analysis);

        (await RuleOf(await Step(@case.Id, DispositionSteps.Decision), "measure")).ShouldBe("D4");
        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.Analysis);
    }

    [Fact]
    public async Task D6_follow_up_waits_for_filing_and_reinstatement_needs_four_quarters_of_revisits_since_the_measure()
    {
        var open = await OpenCase();
        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{open.Id}/follow-up/talks",
            new FollowUpRequest(Today, "deputy head", "monthly talk")), "caseId")).ShouldBe("D6");

        // 「组织部门每季度对“下”的干部进行一次回访」: the measure was decided 13 months ago, so four quarters have run since.
        var @case = await FiledCase();
        var decided = Today.AddMonths(-13);
        await Db(db => db.Cases.Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DecidedOn, decided)));
        (await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/follow-up/talks",
            new FollowUpRequest(decided.AddDays(4), "deputy head", "monthly talk"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var months in new[] { 0, 3, 6 })
            (await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/follow-up/revisits",
                new FollowUpRequest(decided.AddMonths(months).AddDays(9), "organization department", "quarterly revisit"))).StatusCode
                .ShouldBe(HttpStatusCode.Created);

        (await RuleOf(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/reinstatement", new ReinstateRequest(true, "INS-1")), "caseId"))
            .ShouldBe("D6");
        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).ReinstatedAt.ShouldBeNull();

        await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/follow-up/revisits",
            new FollowUpRequest(decided.AddMonths(9).AddDays(9), "organization department", "quarterly revisit"));
        var reinstated = await Read<CaseResponse>(await Client().PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/reinstatement",
            new ReinstateRequest(true, "INS-1")));
        reinstated.ReinstatedAt.ShouldNotBeNull();
        (await Client().GetFromJsonAsync<FollowUpEntryResponse[]>($"/api/disposition/cases/{@case.Id}/follow-up"))!.Length.ShouldBe(5);
    }

    static DateOnly Today => new CountyClock(TimeProvider.System).Today();

    [Fact]
    public async Task D5_an_assessment_that_is_due_opens_a_case_proposing_a_non_leadership_post()
    {
        var cadre = Guid.NewGuid();
        var answer = await Read<TransferAssessment>(await Client().PostAsJsonAsync("/api/disposition/non-leadership-transfers/assessments",
            new AssessTransferRequest(cadre, new DateOnly(1960, 1, 1), Sex.Female)));

        answer.Due.ShouldBeTrue();
        var @case = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == answer.CaseId));
        @case.Source.ShouldBe(CaseSources.Age);
        @case.ProposedMeasure.ShouldBe(nameof(DispositionMeasure.NonLeadershipPost));

        var young = await Read<TransferAssessment>(await Client().PostAsJsonAsync("/api/disposition/non-leadership-transfers/assessments",
            new AssessTransferRequest(Guid.NewGuid(), new DateOnly(1995, 1, 1), Sex.Male)));
        young.Due.ShouldBeFalse();
        young.CaseId.ShouldBeNull();
        var date = await Read<AgeTransferDateAnswer>(await Client().PostAsJsonAsync("/api/disposition/non-leadership-transfers/age-date",
            new AgeTransferDateRequest(new DateOnly(1995, 1, 1), Sex.Male)));
        date.TransferDate.ShouldBe(new DateOnly(2047, 1, 1));
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_or_advance_the_case()
    {
        var @case = await OpenCase();
        var other = $"county-{Guid.NewGuid():N}"[..16];

        (await Client(other).GetAsync($"/api/disposition/cases/{@case.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(other).PostAsJsonAsync($"/api/disposition/cases/{@case.Id}/steps", new TakeStepRequest(DispositionSteps.Investigation, "x")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(other).GetFromJsonAsync<CaseResponse[]>("/api/disposition/cases"))!.ShouldBeEmpty();
        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.Initiation);
    }

    static HttpContent CloudEvent(string id, object data) => new StringContent(JsonSerializer.Serialize(new
    {
        specversion = "1.0", id, source = "discipline-commission", type = "com.dapr.event.sent", datacontenttype = "application/json",
        pubsubname = "pubsub", topic = "cadre-notification", data,
    }), Encoding.UTF8, "application/cloudevents+json");

    async Task<string> PostCloudEvent(string id, object data)
    {
        var response = await disposition.Host.CreateClient().PostAsync("/dapr/events/cadre-notification", CloudEvent(id, data));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task D1_a_partner_notification_delivered_twice_by_the_sidecar_opens_one_case()
    {
        var subscriptions = await disposition.Host.CreateClient().GetStringAsync("/dapr/subscribe");
        subscriptions.ShouldContain("cadre-notification");
        var cadre = Guid.NewGuid();
        var data = new { notificationId = "DC-2026-017", tenantId = tenant, cadreId = cadre, department = "discipline-commission",
            summary = "accepted gifts during the Spring Festival" };
        var eventId = Guid.NewGuid().ToString();

        (await PostCloudEvent(eventId, data)).ShouldBe("SUCCESS");
        (await PostCloudEvent(eventId, data)).ShouldBe("SUCCESS");

        var opened = await Eventually.Get(() => Db(db => db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.CadreId == cadre)), "the partner's case");
        opened.Source.ShouldBe(CaseSources.PartnerNotification);
        opened.SourceReference.ShouldBe("discipline-commission/DC-2026-017");
        (await Db(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(OpenDispositionCase)) && m.Body.Contains(cadre.ToString()))))
            .ShouldBe(1);
    }

    [Fact]
    public async Task D1_a_malformed_partner_notification_is_dropped_and_stores_nothing()
    {
        var cadre = Guid.NewGuid();

        (await PostCloudEvent(Guid.NewGuid().ToString(), new { notificationId = "", tenantId = tenant, cadreId = cadre, department = "discipline-commission",
            summary = "x" })).ShouldBe("DROP");
        (await PostCloudEvent(Guid.NewGuid().ToString(), new { notificationId = "N1", tenantId = tenant, cadreId = "not-a-guid", department = "d",
            summary = "x" })).ShouldBe("DROP");

        (await Db(db => db.Set<OutboxMessage>().CountAsync(m => m.Body.Contains(cadre.ToString())))).ShouldBe(0);
        (await Db(db => db.Cases.CountAsync(c => c.TenantId == tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task D1_an_audits_findings_event_on_the_bus_opens_one_case_however_often_it_arrives()
    {
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseOpened));
        var cadre = Guid.NewGuid();
        var findings = new AuditFindingsReported(Guid.NewGuid(), tenant, cadre, Guid.NewGuid(), Guid.NewGuid(), "Housing bureau", 2026,
            ["funds diverted to office renovation"]);
        var messageId = Guid.NewGuid();

        await probe.Publish(findings, messageId);
        var opened = await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre);
        await probe.Publish(findings, messageId); // a redelivery: the inbox skips it
        await probe.Publish(findings);            // the audit service announcing again: the source reference finds the case
        var again = await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre && e.Outcome == CaseOutcomes.AlreadyOpen);

        opened.Outcome.ShouldBe(CaseOutcomes.Opened);
        opened.Source.ShouldBe(CaseSources.Audit);
        opened.ProcedureId.ShouldBe(Guid.Empty); // the disposition procedure starts from it; the audit's procedure does not wait for it
        again.CaseId.ShouldBe(opened.CaseId);
        (await Db(db => db.Cases.CountAsync(c => c.CadreId == cadre))).ShouldBe(1);
        (await Db(db => db.Cases.SingleAsync(c => c.CadreId == cadre))).Grounds.ShouldContain("office renovation");
    }

    [Fact]
    public async Task Disposition_receives_a_step_command_and_answers_with_its_event_refusing_a_skipped_step()
    {
        var @case = await OpenCase();
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseDecided), typeof(DispositionCaseInvestigated));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new DecideDispositionCase(procedureId, tenant, @case.Id, DispositionMeasure.Demotion, "straight to a decision"));
        var refused = await probe.WaitFor<DispositionCaseDecided>(e => e.ProcedureId == procedureId);
        await probe.Publish(new InvestigateDispositionCase(procedureId, tenant, @case.Id, "verified with the unit"));
        var investigated = await probe.WaitFor<DispositionCaseInvestigated>(e => e.ProcedureId == procedureId);

        refused.Outcome.ShouldBe(StepOutcomes.Refused);
        refused.RuleId.ShouldBe("D3");
        investigated.Outcome.ShouldBe(StepOutcomes.Done);
        (await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id))).Step.ShouldBe(DispositionSteps.Investigation);
    }

    [Fact]
    public async Task D5_a_workflow_asks_for_the_age_transfer_date_and_gets_it()
    {
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(AgeTransferDateComputed));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new ComputeAgeTransferDate(procedureId, tenant, Guid.NewGuid(), new DateOnly(1976, 2, 29), Sex.Female));

        var computed = await probe.WaitFor<AgeTransferDateComputed>(e => e.ProcedureId == procedureId);
        computed.TransferDate.ShouldBe(new DateOnly(2026, 2, 28));
        computed.Age.ShouldBe(50);
        computed.RuleId.ShouldBe("D5");
    }
}

[Collection(DispositionCollection.Name)]
public sealed class DispositionApiDescriptionTests(DispositionHostFixture disposition)
{
    [Fact]
    public async Task The_api_description_lists_the_case_steps_follow_up_and_transfer_endpoints()
    {
        var description = await disposition.Host.CreateClient().GetStringAsync("/openapi/v1.json");

        description.ShouldContain("/api/disposition/cases/{id}/steps");
        description.ShouldContain("/api/disposition/cases/{id}/reinstatement");
        description.ShouldContain("/api/disposition/non-leadership-transfers/age-date");
    }
}
