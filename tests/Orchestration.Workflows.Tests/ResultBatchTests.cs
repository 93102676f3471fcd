using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;
using DiagnosticActivity = System.Diagnostics.Activity;

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
        await host.Publish(AfterRecommendation("batched-step", [Activity("failed", "Elsa.Finish")], [("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]));

    /// <summary>A procedure whose first step is a command answered by <see cref="RecommendationRoundConcluded"/>; what follows its pass, then an end.</summary>
    static JsonObject AfterRecommendation(string definitionId, JsonObject[] then, (string From, string Port, string To)[] connections) =>
        Flowchart(definitionId,
            [
                Activity("start", "Elsa.Start"),
                Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                    .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                .. then,
                Activity("passed", "Elsa.End"),
            ],
            [("start", "Done", "recommend"), .. connections]);

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
        return (instance, await AnswerAsync(instance));
    }

    /// <summary>The recommendation's answer to the procedure's waiting command, as the service sends it.</summary>
    async Task<ArrivedResult> AnswerAsync(WorkflowInstance instance) =>
        Arrived(new RecommendationRoundConcluded(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null),
            NewId.NextGuid(), await host.StepTokenOf(instance.Id));

    /// <summary>A delivery of <paramref name="result"/> to its consumer; without a step token it is a fact a person recorded at the service.</summary>
    static ArrivedResult Arrived(IDomainResult result, Guid messageId, string? step, string actor = "clerk-1", DiagnosticActivity? trace = null)
    {
        var consumer = InboxKeys.StableName(typeof(DomainResultConsumer<>).MakeGenericType(result.GetType()));
        return new(result, messageId, consumer, consumer, step, actor, trace);
    }

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

    [Fact]
    public async Task A_fact_in_the_same_batch_before_the_answer_that_leads_to_its_step_is_applied_when_the_step_is_reached()
    {
        // 三龄一历审核 is recorded at vetting while the recommendation's answer is still on its way: both arrive in one batch, the fact
        // first. It is kept for its step within the batch's transaction and applied when the answer brings the procedure there.
        await host.Publish(AfterRecommendation("fact-after-step", [Activity("awaitAgesAndHistory", "Orchestration.Vetting.AgesAndHistoryVerified")],
            [("recommend", "Passed", "awaitAgesAndHistory"), ("awaitAgesAndHistory", "Passed", "passed")]));
        var instance = await host.Start("fact-after-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var answer = await AnswerAsync(instance);
        var fact = Arrived(new AgesAndHistoryVerified(instance.Id, Tenant, instance.CadreId!.Value, Outcomes.Passed, null, null, []), NewId.NextGuid(),
            step: null, "clerk-2");

        await host.Services.GetRequiredService<ResultBatches>().ApplyBatchAsync([fact, answer], CancellationToken.None);

        await fact.Applied.Task;
        await answer.Applied.Task;
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished, "the fact kept in the batch resumes the step the answer led to");
        var journal = await host.Journal(instance.Id);
        journal.ShouldContain(j => j.EventName == "Resumed" && j.ActivityId == "awaitAgesAndHistory" && j.Actor == "clerk-2");
        journal.Count(j => j.EventName == "Resumed" && j.ActivityId == "awaitAgesAndHistory").ShouldBe(1);
        (await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().WaitingFacts.AsNoTracking()
            .CountAsync(f => f.InstanceId == instance.Id))).ShouldBe(0, "the fact was applied, not left waiting");
    }

    [Fact]
    public async Task A_fact_announced_in_the_same_batch_after_the_answer_that_makes_its_procedure_wait_for_it_resumes_that_wait()
    {
        var cadre = Guid.NewGuid();
        await host.Publish(AfterRecommendation("event-after-step",
            [Activity("filed", "Elsa.Event", ("eventName", nameof(AgesAndHistoryVerified)), ("correlationKey", cadre.ToString()))],
            [("recommend", "Passed", "filed"), ("filed", "Done", "passed")]));
        var instance = await host.Start("event-after-step", new() { ["cadreId"] = cadre.ToString() });
        var answer = await AnswerAsync(instance);
        var announced = Arrived(new AgesAndHistoryVerified(Guid.Empty, Tenant, cadre, Outcomes.Passed, null, null, []), NewId.NextGuid(), step: null, "clerk-2");

        await host.Services.GetRequiredService<ResultBatches>().ApplyBatchAsync([answer, announced], CancellationToken.None);

        await answer.Applied.Task;
        await announced.Applied.Task;
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished, "the wait the answer made in the batch is resumed by the fact after it");
        (await host.Journal(instance.Id)).Count(j => j.EventName == "Resumed" && j.ActivityId == "filed").ShouldBe(1);
    }

    [Fact]
    public async Task Each_answer_of_a_batch_continues_its_own_trace()
    {
        var answers = new List<(WorkflowInstance Instance, ArrivedResult Answer, DiagnosticActivity Trace)>();
        for (var i = 0; i < 2; i++)
        {
            var (instance, answer) = await WaitingAsync();
            var consumed = new DiagnosticActivity("consume answer").SetIdFormat(ActivityIdFormat.W3C).Start(); // as the bus's consume span would be
            DiagnosticActivity.Current = null;
            answers.Add((instance, Arrived(answer.Result, answer.MessageId, answer.StepToken, trace: consumed), consumed));
        }

        // Only the steps the answers run: the procedures' first steps ran in traces of their own.
        var spans = new ConcurrentBag<DiagnosticActivity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Orchestration.Workflows",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await host.Services.GetRequiredService<ResultBatches>().ApplyBatchAsync([.. answers.Select(a => a.Answer)], CancellationToken.None);

        foreach (var (instance, answer, trace) in answers)
        {
            await answer.Applied.Task;
            trace.Stop();
            var steps = spans.Where(s => s.GetTagItem("workflow.instance.id")?.ToString() == instance.Id.ToString()).ToList();
            steps.ShouldNotBeEmpty("the steps the answer ran are traced");
            steps.ShouldAllBe(s => s.TraceId == trace.TraceId, "what an answer causes stays in the trace it arrived with");
        }
        answers[0].Trace.TraceId.ShouldNotBe(answers[1].Trace.TraceId);
    }

    /// <summary>
    /// The lanes that apply answers outlive the delivery that starts them. The work of a later batch never lands in the trace of that
    /// first delivery (its span long ended), and the runtime never tries to make an ended span current again.
    /// </summary>
    [Fact]
    public async Task A_later_answer_through_the_lanes_is_never_traced_under_the_delivery_that_started_them()
    {
        var batches = host.Services.GetRequiredService<ResultBatches>();
        var spans = new ConcurrentBag<DiagnosticActivity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Orchestration", StringComparison.Ordinal) || source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var notRunning = 0;
        void Refused(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is InvalidOperationException { Message: var message } && message.Contains("not running", StringComparison.Ordinal))
                Interlocked.Increment(ref notRunning);
        }
        AppDomain.CurrentDomain.FirstChanceException += Refused;
        try
        {
            var delivered = new List<(WorkflowInstance Instance, DiagnosticActivity Trace, DateTime Began, DateTime Ended)>();
            foreach (var _ in new[] { "first", "later" })
            {
                var (instance, answer) = await WaitingAsync();
                var began = DateTime.UtcNow;
                var consumed = new DiagnosticActivity("consume answer").SetIdFormat(ActivityIdFormat.W3C).Start(); // as the bus's consume span
                await batches.ApplyAsync(Arrived(answer.Result, answer.MessageId, answer.StepToken, trace: consumed));
                consumed.Stop();
                DiagnosticActivity.Current = null;
                delivered.Add((instance, consumed, began, DateTime.UtcNow));
            }

            var (first, firstEnded) = (delivered[0].Trace, delivered[0].Ended);
            var later = spans.Where(s => s.StartTimeUtc > firstEnded).ToList();
            later.ShouldContain(s => s.Source.Name == "Npgsql", "the later batch's statements are traced");
            later.ShouldNotContain(s => s.TraceId == first.TraceId, "nothing after the first delivery ended is traced under it");
            spans.Where(s => s.StartTimeUtc >= delivered[1].Began && s.GetTagItem("workflow.instance.id")?.ToString() == delivered[1].Instance.Id.ToString())
                .ShouldAllBe(s => s.TraceId == delivered[1].Trace.TraceId, "what the later answer causes stays in its own trace");
            later.Where(s => s.OperationName == "apply answers" && s.Links.Any(l => l.Context.TraceId == delivered[1].Trace.TraceId))
                .ShouldHaveSingleItem("the batch's own span, linked to the answer's trace").Parent.ShouldBeNull();
            Volatile.Read(ref notRunning).ShouldBe(0, "an ended span was made current again");
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Refused;
        }
    }
}
