using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Services' answers applied in micro-batches over the real PostgreSQL: a batch applies each answer once, and one answer that cannot
/// be applied fails alone while the others of its batch are applied.
/// </summary>
public sealed class ResultBatchTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    static readonly string Consumer = InboxKeys.StableName(typeof(DomainResultConsumer<RecommendationRoundConcluded>));
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    readonly RuntimeHost host;

    public ResultBatchTests(ServersFixture servers) => host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);

    public async Task InitializeAsync() =>
        await host.Publish(Flowchart("batched-step",
            [
                Activity("start", "Elsa.Start"),
                Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                    .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                Activity("passed", "Elsa.End"),
                Activity("failed", "Elsa.Finish"),
            ],
            [("start", "Done", "recommend"), ("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]));

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    /// <summary>An answer that cannot even be read: its outcome throws.</summary>
    sealed record UnreadableResult(Guid ProcedureId, string TenantId) : IDomainResult
    {
        public string Outcome => throw new InvalidOperationException("This answer cannot be read.");
        public string? RuleId => null;
        public string? Reason => null;
    }

    async Task<(WorkflowInstance Instance, ArrivedResult Answer)> WaitingAsync()
    {
        var instance = await host.Start("batched-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var result = new RecommendationRoundConcluded(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null);
        return (instance, Arrived(result, NewId.NextGuid(), await host.StepTokenOf(instance.Id)));
    }

    static ArrivedResult Arrived(IDomainResult result, Guid messageId, string? step) =>
        new(result, messageId, Consumer, Consumer, step, "clerk-1", Trace: null);

    [Fact]
    public async Task One_answer_that_cannot_be_applied_fails_alone_and_the_others_of_its_batch_are_applied_once()
    {
        var (first, firstAnswer) = await WaitingAsync();
        var (second, secondAnswer) = await WaitingAsync();
        var redelivered = Arrived(firstAnswer.Result, firstAnswer.MessageId, firstAnswer.StepToken); // the same delivery twice in one batch
        var unreadable = Arrived(new UnreadableResult(second.Id, Tenant), NewId.NextGuid(), step: null);
        List<ArrivedResult> batch = [firstAnswer, unreadable, redelivered, secondAnswer];

        await host.Services.GetRequiredService<ResultBatches>().ApplyBatchAsync(batch, CancellationToken.None);

        (await Should.ThrowAsync<InvalidOperationException>(unreadable.Applied.Task)).Message.ShouldContain("cannot be read");
        await firstAnswer.Applied.Task;
        await redelivered.Applied.Task;
        await secondAnswer.Applied.Task;
        foreach (var instance in new[] { first, second })
        {
            (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
            (await host.Journal(instance.Id)).Count(j => j.EventName == "Resumed").ShouldBe(1, "each answer resumes its step once");
        }
        var inbox = await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Set<InboxMessage>().AsNoTracking()
            .Where(m => m.Consumer == Consumer).Select(m => m.MessageId).ToListAsync());
        inbox.ShouldBe([firstAnswer.MessageId, secondAnswer.MessageId], ignoreOrder: true);
    }

    [Fact]
    public async Task Answers_applied_together_resume_each_procedure_as_the_person_who_caused_it()
    {
        var waiting = new List<(WorkflowInstance Instance, ArrivedResult Answer)>();
        for (var i = 0; i < 5; i++) waiting.Add(await WaitingAsync());

        await host.Services.GetRequiredService<ResultBatches>().ApplyBatchAsync([.. waiting.Select(w => w.Answer)], CancellationToken.None);

        foreach (var (instance, answer) in waiting)
        {
            await answer.Applied.Task;
            (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
            (await host.Journal(instance.Id)).Single(j => j.EventName == "Resumed").Actor.ShouldBe("clerk-1");
        }
    }
}
