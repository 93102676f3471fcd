using System.Net.Http.Json;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>
/// The real disposition service, on the real PostgreSQL and RabbitMQ, answers a procedure's command with a result that carries the
/// command's step token back (header <see cref="StepToken.Header"/>), through its inbox, its outbox and the dispatcher: the answer
/// resumes the step that asked and no other. A command sent without a token is answered without one.
/// </summary>
[Collection(DispositionCollection.Name)]
public sealed class StepTokenEchoTests(DispositionHostFixture disposition)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    async Task<Guid> OpenCase()
    {
        var response = await disposition.Host.CreateClientFor(tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/disposition/cases",
            new OpenCaseRequest(Guid.NewGuid(), CaseSources.InspectionTeam, "joint inspection found the leader absent from duty"));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DispositionCase>())!.Id;
    }

    [Fact]
    public async Task A_step_command_with_a_step_token_is_answered_with_the_same_token()
    {
        var caseId = await OpenCase();
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseInvestigated));
        var procedureId = Guid.NewGuid();
        var token = $"{procedureId:N}:investigate:{Guid.NewGuid():N}";

        await probe.Publish(new InvestigateDispositionCase(procedureId, tenant, caseId, "verified with the unit"), StepToken.Header, token);

        var answer = await probe.WaitFor<DispositionCaseInvestigated>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(StepOutcomes.Done);
        answer.CaseId.ShouldBe(caseId);
        probe.HeaderOf(answer, StepToken.Header).ShouldBe(token);
    }

    [Fact]
    public async Task A_refused_step_command_still_carries_its_step_token_back()
    {
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseDecided));
        var procedureId = Guid.NewGuid();
        var token = $"{procedureId:N}:decide:{Guid.NewGuid():N}";

        // A case the tenant does not have: the refusal is the step's answer and must reach the same wait.
        await probe.Publish(new DecideDispositionCase(procedureId, tenant, Guid.NewGuid(), DispositionMeasure.Demotion, "no such case"),
            StepToken.Header, token);

        var answer = await probe.WaitFor<DispositionCaseDecided>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(StepOutcomes.Refused);
        probe.HeaderOf(answer, StepToken.Header).ShouldBe(token);
    }

    [Fact]
    public async Task A_step_command_without_a_step_token_is_answered_without_one()
    {
        var caseId = await OpenCase();
        await using var probe = await BusProbe.StartAsync(disposition.Servers.RabbitMq.AmqpUri, typeof(DispositionCaseInvestigated));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new InvestigateDispositionCase(procedureId, tenant, caseId, "verified with the unit"));

        var answer = await probe.WaitFor<DispositionCaseInvestigated>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(StepOutcomes.Done);
        probe.HeaderOf(answer, StepToken.Header).ShouldBeNull();
    }
}
