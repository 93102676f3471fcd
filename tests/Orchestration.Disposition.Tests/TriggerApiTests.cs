using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Triggers;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

[Collection(DispositionCollection.Name)]
public sealed class TriggerApiTests(DispositionHostFixture disposition)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => disposition.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    async Task<(int Evaluations, int Cases)> Stored()
    {
        await using var scope = disposition.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DispositionDbContext>();
        return (await db.Evaluations.CountAsync(e => e.TenantId == tenant), await db.Cases.CountAsync(c => c.TenantId == tenant));
    }

    [Fact]
    public async Task D2_a_fired_trigger_opens_a_case_at_initiation()
    {
        var response = await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), SatisfactionShare: 0.4m, DissatisfactionShare: 0.51m, IncompetentShare: 0.1m));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var evaluation = (await response.Content.ReadFromJsonAsync<TriggerEvaluationResponse>())!;
        evaluation.Outcome.ShouldBe(DispositionOutcomes.Adjustment);
        var @case = (await Client().GetFromJsonAsync<CaseResponse>($"/api/disposition/cases/{evaluation.CaseId}"))!;
        @case.Step.ShouldBe("Initiation");
        @case.ProposedMeasure.ShouldBe(DispositionOutcomes.Adjustment);
    }

    [Fact]
    public async Task C1_D2_the_record_entry_of_an_evaluation_names_the_rule_it_applied()
    {
        var cadreId = Guid.NewGuid();

        (await Client().PostAsJsonAsync("/api/disposition/evaluations", new EvaluateTriggersRequest(cadreId, 0.9m, 0.05m, 0m)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await CadreRecordEntries.RuleOfAsync<DispositionDbContext>(disposition.Host.Services, cadreId, nameof(EvaluateDispositionTriggers))).ShouldBe("D2");
    }

    [Fact]
    public async Task D2_nothing_fired_opens_no_case()
    {
        await Client().PostAsJsonAsync("/api/disposition/evaluations", new EvaluateTriggersRequest(Guid.NewGuid(), 0.9m, 0.05m, 0m));

        (await Stored()).ShouldBe((1, 0));
    }

    [Fact]
    public async Task D2_a_share_over_one_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/disposition/evaluations", new EvaluateTriggersRequest(Guid.NewGuid(), 0.5m, 0.3m, 1.3m));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("incompetentShare").GetString().ShouldBe("D2");
        (await Stored()).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_case()
    {
        var evaluation = (await (await Client().PostAsJsonAsync("/api/disposition/evaluations",
            new EvaluateTriggersRequest(Guid.NewGuid(), 0.2m, 0.7m, 0.4m))).Content.ReadFromJsonAsync<TriggerEvaluationResponse>())!;

        var other = $"county-{Guid.NewGuid():N}"[..16];
        (await Client(other).GetAsync($"/api/disposition/cases/{evaluation.CaseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(other).GetFromJsonAsync<CaseResponse[]>("/api/disposition/cases"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Disposition_receives_an_evaluation_command_and_answers_with_its_event_and_announces_the_case_outside_the_procedure()
    {
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionTriggersEvaluated), typeof(DispositionCaseOpened));
        var procedureId = Guid.NewGuid();
        var cadre = Guid.NewGuid();

        await probe.Publish(new EvaluateDispositionTriggers(procedureId, tenant, cadre, 0.6m, 0.25m, 0.1m));

        var evaluated = await probe.WaitFor<DispositionTriggersEvaluated>(e => e.ProcedureId == procedureId);
        evaluated.Outcome.ShouldBe(DispositionOutcomes.Admonishment);
        evaluated.RuleId.ShouldBe("D2");
        evaluated.CaseId.ShouldNotBeNull();
        (await Stored()).ShouldBe((1, 1));
        // D1: the case is a fact of its own; the disposition procedure starts from it, the evaluating procedure is answered above.
        var opened = await probe.WaitFor<DispositionCaseOpened>(e => e.CadreId == cadre);
        opened.ProcedureId.ShouldBe(Guid.Empty);
        opened.CaseId.ShouldBe(evaluated.CaseId!.Value);
        opened.Source.ShouldBe(CaseSources.AssessmentAndEvaluation);
        opened.Outcome.ShouldBe(CaseOutcomes.Opened);
    }
}
