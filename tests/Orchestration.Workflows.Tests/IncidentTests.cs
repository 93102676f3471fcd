using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Api;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Incidents instead of silence, over the real RabbitMQ and PostgreSQL: a result the server cannot consume, a command its service
/// cannot apply and a dead-lettered outbox row each open an incident on the procedure, which retry and skip answer over HTTP.
/// </summary>
public sealed class IncidentTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    readonly ServersFixture servers;
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    readonly RuntimeHost host;
    readonly MeterListener meters = new();
    readonly ConcurrentQueue<string> incidentKinds = new();

    public IncidentTests(ServersFixture servers)
    {
        this.servers = servers;
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock)
        {
            Settings =
            {
                ["Messaging:RetryLimit"] = "1",
                ["Messaging:RetryMinInterval"] = "00:00:00.050",
                ["Messaging:RetryMaxInterval"] = "00:00:00.100",
                ["Outbox:MaxAttempts"] = "2",
            },
        };
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkflowMetrics.MeterName && instrument.Name == "orchestration.workflows.incidents") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "kind") incidentKinds.Enqueue(tag.Value?.ToString() ?? "");
        });
        meters.Start();
    }

    public async Task InitializeAsync()
    {
        await host.Publish(Flowchart("incident-step",
            [
                Activity("start", "Elsa.Start"),
                Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                    .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                Activity("passed", "Elsa.End"),
                Activity("failed", "Elsa.Finish"),
            ],
            [("start", "Done", "recommend"), ("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]));
    }

    public async Task DisposeAsync()
    {
        meters.Dispose();
        await host.DisposeAsync();
    }

    HttpClient Department(string tenant = Tenant) => host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    Task<List<Incident>> Incidents(Guid instanceId) => host.InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).ToListAsync());

    Task<Incident> IncidentOn(Guid instanceId, string kind) =>
        Eventually.Get(async () => (await Incidents(instanceId)).FirstOrDefault(i => i.Kind == kind), $"a {kind} incident on {instanceId}");

    Task Sql(FormattableString sql) => host.InScope(async services => await services.GetRequiredService<WorkflowDbContext>().Database.ExecuteSqlAsync(sql));

    [Fact]
    public async Task A_result_whose_consumer_keeps_throwing_opens_one_incident_that_retry_applies()
    {
        var instance = await host.Start("incident-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var state = instance.StateJson;
        await Sql($"""UPDATE workflow_instances SET "StateJson" = 'not json' WHERE "Id" = {instance.Id}""");
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);
        var result = new RecommendationRoundConcluded(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null);
        var messageId = NewId.NextGuid();

        await probe.Publish(result, messageId, StepToken.Header, await host.StepTokenOf(instance.Id));

        var incident = await IncidentOn(instance.Id, IncidentKinds.Result);
        incident.MessageId.ShouldBe(messageId);
        incident.ActivityId.ShouldBe("recommend");
        incident.MessageBody.ShouldNotBeNull().ShouldContain(instance.Id.ToString());
        incident.ResolvedAt.ShouldBeNull();
        incidentKinds.ShouldContain(IncidentKinds.Result);
        await Task.Delay(500); // a second report of the same fault must not open a second incident
        (await Incidents(instance.Id)).Count.ShouldBe(1);
        var waiting = await host.Instance(instance.Id);
        waiting.IncidentCount.ShouldBe(1);
        waiting.Status.ShouldBe(WorkflowStatus.Suspended); // still waiting for the step
        (await host.Journal(instance.Id)).ShouldContain(j => j.EventName == "IncidentOpened" && j.ActivityId == "recommend");

        // The cause fixed, retry applies the kept result: the step resumes on the result's own port.
        await Sql($"""UPDATE workflow_instances SET "StateJson" = {state} WHERE "Id" = {instance.Id}""");
        var retried = await Department().PostAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/retry", null);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
        var journal = await host.Journal(instance.Id);
        journal.ShouldContain(j => j.EventName == "IncidentRetried" && j.Actor == "user-of-county-test");
        journal.ShouldContain(j => j.EventName == "Completed" && j.ActivityId == "recommend" && j.Message == Outcomes.Passed);
        var resolved = (await Incidents(instance.Id)).Single();
        resolved.Resolution.ShouldBe("retried");
        resolved.ResolvedBy.ShouldBe("user-of-county-test");
        var verified = await Department().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instance.Id}/journal/verify");
        verified!["valid"]!.GetValue<bool>().ShouldBeTrue(verified.ToJsonString());
        (await Department().PostAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // The faulted delivery, replayed from the error queue now, is recognized as applied.
        (await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_command_the_service_cannot_apply_opens_an_incident_with_its_error_and_skip_completes_the_step_on_its_failure_port()
    {
        var ours = new ConcurrentDictionary<Guid, bool>();
        await using var service = await FailingService.StartAsync(host.BrokerUri, ours);
        await host.StartedAsync();
        var cadre = Guid.NewGuid();
        ours[cadre] = true;
        var instance = await host.Start("incident-step", new() { ["cadreId"] = cadre.ToString() });
        var incident = await IncidentOn(instance.Id, IncidentKinds.Command);

        incident.Message.ShouldContain(FailingService.Error);
        incident.ActivityId.ShouldBe("recommend");
        incident.MessageType.ShouldNotBeNull().ShouldStartWith(typeof(ConcludeRecommendationRound).FullName!);
        incidentKinds.ShouldContain(IncidentKinds.Command);
        (await host.Instance(instance.Id)).IncidentCount.ShouldBe(1);

        // The API and the Studio's instance JSON show it.
        var details = await Department().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instance.Id}");
        details!["incidents"]!.AsArray().ShouldContain(i => i!["kind"]!.GetValue<string>() == "command" && i["message"]!.GetValue<string>().Contains(FailingService.Error));
        var elsa = await Department().GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-instances/{instance.Id}");
        var elsaIncident = elsa!["workflowState"]!["incidents"]!.AsArray().Single()!;
        elsaIncident["activityId"]!.GetValue<string>().ShouldBe("recommend");
        elsaIncident["message"]!.GetValue<string>().ShouldContain(FailingService.Error);
        elsaIncident["activityType"]!.GetValue<string>().ShouldBe("Orchestration.Nomination.ConcludeRecommendationRound");

        // Another county sees nothing and can do nothing.
        (await Department("county-north").PostAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/skip", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Department("county-north").GetFromJsonAsync<JsonArray>("/api/workflows/incidents"))!.ShouldNotContain(i => i!["id"]!.GetValue<Guid>() == incident.Id);
        (await Department().GetFromJsonAsync<JsonArray>("/api/workflows/incidents"))!.ShouldContain(i => i!["id"]!.GetValue<Guid>() == incident.Id);
        (await Department().PostAsJsonAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/skip", new { port = "Nowhere" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var skipped = await Department().PostAsJsonAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/skip",
            new { reason = "counted by hand at the meeting" });
        skipped.StatusCode.ShouldBe(HttpStatusCode.OK, await skipped.Content.ReadAsStringAsync());

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
        var journal = await host.Journal(instance.Id);
        journal.ShouldContain(j => j.EventName == "IncidentSkipped" && j.Actor == "user-of-county-test" && j.Message!.Contains("counted by hand"));
        journal.ShouldContain(j => j.EventName == "Completed" && j.ActivityId == "recommend" && j.Message == Outcomes.Failed);
        journal.ShouldContain(j => j.EventName == "Started" && j.ActivityId == "failed");
        (await Incidents(instance.Id)).Single().Resolution.ShouldBe("skipped");
        var verified = await Department().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instance.Id}/journal/verify");
        verified!["valid"]!.GetValue<bool>().ShouldBeTrue(verified.ToJsonString()); // the incident's entries chain like any other
    }

    [Fact]
    public async Task Retry_sends_the_command_again_and_the_step_goes_on_with_the_answer()
    {
        var ours = new ConcurrentDictionary<Guid, bool>();
        await using var service = await FailingService.StartAsync(host.BrokerUri, ours);
        await host.StartedAsync();
        var cadre = Guid.NewGuid();
        ours[cadre] = true;
        var instance = await host.Start("incident-step", new() { ["cadreId"] = cadre.ToString() });
        var incident = await IncidentOn(instance.Id, IncidentKinds.Command);

        service.Healed = true; // the service can apply it now
        var retried = await Department().PostAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/retry", null);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var journal = await host.Journal(instance.Id);
        journal.Count(j => j.EventName == "MessageSent").ShouldBe(1); // the first send; the retry went through the outbox
        journal.ShouldContain(j => j.EventName == "IncidentRetried");
        journal.ShouldContain(j => j.EventName == "Completed" && j.ActivityId == "recommend" && j.Message == Outcomes.Passed);
        service.Received(instance.Id).ShouldBe(2);
    }

    [Fact]
    public async Task A_fault_of_another_countys_command_never_reaches_the_procedure()
    {
        var ours = new ConcurrentDictionary<Guid, bool>();
        await using var service = await FailingService.StartAsync(host.BrokerUri, ours);
        await host.StartedAsync();
        var cadre = Guid.NewGuid();
        ours[cadre] = true;
        service.Healed = true; // the procedure's own step succeeds
        var instance = await host.Start("incident-step", new() { ["cadreId"] = cadre.ToString() });
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        service.Healed = false;
        var forged = new ConcludeRecommendationRound(instance.Id, "county-north", cadre, 1, 2);

        await using var probe = await BusProbe.StartAsync(host.BrokerUri);
        await probe.Publish(forged);

        var kept = await Eventually.Get(() => host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TenantId == "county-north" && i.MessageBody!.Contains(instance.Id.ToString()))), "the other county's incident");
        kept.InstanceId.ShouldBe(Guid.Empty); // kept for that county, on no procedure
        (await Incidents(instance.Id)).ShouldBeEmpty();
        (await host.Instance(instance.Id)).IncidentCount.ShouldBe(0);
        (await Department().GetFromJsonAsync<JsonArray>("/api/workflows/incidents"))!.ShouldNotContain(i => i!["id"]!.GetValue<Guid>() == kept.Id);
    }

    [Fact]
    public async Task A_poison_row_of_the_servers_own_outbox_is_dead_lettered_with_an_incident_that_skip_discards()
    {
        var instance = await host.Start("incident-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var poisonId = await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            var row = new OutboxMessage
            {
                MessageId = NewId.NextGuid(), MessageType = "Orchestration.Contracts.Nomination.RetiredCommand, Orchestration.Contracts",
                Body = $$"""{"procedureId":"{{instance.Id}}","tenantId":"{{Tenant}}"}""", PartitionKey = $"{Tenant}/{instance.Id}",
            };
            db.Set<OutboxMessage>().Add(row);
            await db.SaveChangesAsync();
            return row.MessageId;
        });

        var incident = await Eventually.Get(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(30)); // the dispatcher's back-off runs on the server's clock
            return (await Incidents(instance.Id)).FirstOrDefault(i => i.Kind == IncidentKinds.Outbox);
        }, "the outbox incident");

        incident.MessageId.ShouldBe(poisonId);
        incident.Message.ShouldContain("dead-lettered after 2 attempts");
        incidentKinds.ShouldContain(IncidentKinds.Outbox);
        (await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.MessageId == poisonId))).DeadLetteredAt.ShouldNotBeNull();

        // Retry requeues the server's own row with its message id; still poison, it is dead-lettered again with a new incident.
        (await Department().PostAsync($"/api/workflows/instances/{instance.Id}/incidents/{incident.Id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await Eventually.Get(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            return (await Incidents(instance.Id)).FirstOrDefault(i => i.Kind == IncidentKinds.Outbox && i.Id != incident.Id);
        }, "the second outbox incident");
        again.MessageId.ShouldBe(poisonId);
        (await host.Journal(instance.Id)).ShouldContain(j => j.EventName == "IncidentRetried" && j.Message!.Contains("requeued"));

        // Skip gives up on it: nothing waits for a message of an unknown type, so it is discarded (the row stays dead-lettered).
        var skipped = await Department().PostAsync($"/api/workflows/incidents/{again.Id}/skip", null);
        skipped.StatusCode.ShouldBe(HttpStatusCode.OK, await skipped.Content.ReadAsStringAsync());
        (await host.Journal(instance.Id)).ShouldContain(j => j.EventName == "IncidentSkipped" && j.Message!.Contains("discarded"));
    }

    [Fact]
    public async Task A_result_applied_under_the_old_inbox_key_is_not_applied_again_and_new_keys_name_no_version()
    {
        var instance = await host.Start("incident-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var result = new RecommendationRoundConcluded(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null);
        var oldId = NewId.NextGuid();
        var legacyKey = typeof(DomainResultConsumer<RecommendationRoundConcluded>).FullName!;
        legacyKey.ShouldContain("Version=");
        await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            db.Set<InboxMessage>().Add(new InboxMessage { MessageId = oldId, Consumer = legacyKey, ReceivedAt = clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        var step = await host.StepTokenOf(instance.Id);
        await probe.Publish(result, oldId, StepToken.Header, step);
        var newId = NewId.NextGuid();
        await Task.Delay(1000); // the old delivery is consumed (and skipped) before the new one is sent
        (await host.Journal(instance.Id)).ShouldNotContain(j => j.EventName == "Resumed");
        await probe.Publish(result, newId, StepToken.Header, step);

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var key = await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Set<InboxMessage>().AsNoTracking()
            .Where(m => m.MessageId == newId).Select(m => m.Consumer).SingleAsync());
        key.ShouldBe("Orchestration.Workflows.Runtime.DomainResultConsumer<Orchestration.Contracts.Nomination.RecommendationRoundConcluded>");
        key.ShouldNotContain("Version=");
    }

    [Fact]
    public async Task On_the_in_memory_bus_a_faulted_result_is_kept_by_its_incident_across_a_restart()
    {
        var database = servers.Postgres.NewDatabase("workflows");
        Guid instanceId;
        string state;
        Guid incidentId;
        var embedded = new RuntimeHost(servers, database, clock, overRabbitMq: false)
            { Settings = { ["Messaging:RetryLimit"] = "1", ["Messaging:RetryMinInterval"] = "00:00:00.050", ["Messaging:RetryMaxInterval"] = "00:00:00.100" } };
        {
            await embedded.Publish(Flowchart("incident-step",
                [
                    Activity("start", "Elsa.Start"),
                    Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                        .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                    Activity("passed", "Elsa.End"),
                    Activity("failed", "Elsa.Finish"),
                ],
                [("start", "Done", "recommend"), ("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]));
            var instance = await embedded.Start("incident-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
            (instanceId, state) = (instance.Id, instance.StateJson);
            await embedded.InScope(async services => await services.GetRequiredService<WorkflowDbContext>().Database
                .ExecuteSqlAsync($"""UPDATE workflow_instances SET "StateJson" = 'not json' WHERE "Id" = {instanceId}"""));

            var step = await embedded.StepTokenOf(instanceId);
            await embedded.Service<IBus>().Publish(new RecommendationRoundConcluded(instanceId, Tenant, instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null,
                Outcomes.Passed, null, null), context => context.Headers.Set(StepToken.Header, step));

            incidentId = (await Eventually.Get(() => embedded.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
                .FirstOrDefaultAsync(i => i.InstanceId == instanceId && i.Kind == IncidentKinds.Result)), "the incident")).Id;
        }

        // A new server over the same database, with an in-memory bus of its own: the first one's error queue is out of its reach,
        // and gone once that server stops.
        await using var restarted = new RuntimeHost(servers, database, clock, overRabbitMq: false);
        await restarted.StartedAsync();
        await embedded.DisposeAsync();
        await restarted.InScope(async services => await services.GetRequiredService<WorkflowDbContext>().Database
            .ExecuteSqlAsync($"""UPDATE workflow_instances SET "StateJson" = {state} WHERE "Id" = {instanceId}"""));
        var client = restarted.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var kept = (await client.GetFromJsonAsync<JsonArray>("/api/workflows/incidents?kind=result"))!.Single(i => i!["id"]!.GetValue<Guid>() == incidentId)!;
        kept["messageBody"]!.GetValue<string>().ShouldContain(instanceId.ToString());

        (await client.PostAsync($"/api/workflows/instances/{instanceId}/incidents/{incidentId}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restarted.Instance(instanceId)).Status.ShouldBe(WorkflowStatus.Finished);
    }

    /// <summary>
    /// A nomination service that cannot apply the recommendation count (as township grading cannot on SQLite): its consumer throws
    /// for the test's procedures, so MassTransit publishes <c>Fault&lt;ConcludeRecommendationRound&gt;</c>; healed, it answers Passed.
    /// </summary>
    sealed class FailingService : IAsyncDisposable
    {
        public const string Error = "The LINQ expression could not be translated: APPLY is not supported by SQLite";
        readonly IBusControl bus;
        readonly ConcurrentDictionary<Guid, int> received = new();

        FailingService(IBusControl bus) => this.bus = bus;

        public volatile bool Healed;

        public int Received(Guid procedureId) => received.GetValueOrDefault(procedureId);

        /// <summary>Handles only the commands about <paramref name="cadres"/>; other tests' commands pass by untouched.</summary>
        public static async Task<FailingService> StartAsync(string amqpUri, ConcurrentDictionary<Guid, bool> cadres)
        {
            FailingService? service = null;
            var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.Host(new Uri(amqpUri));
                cfg.ReceiveEndpoint($"test-nomination-{Guid.NewGuid():N}", endpoint =>
                {
                    endpoint.AutoDelete = true;
                    endpoint.Durable = false;
                    endpoint.Handler<ConcludeRecommendationRound>(async context =>
                    {
                        var command = context.Message;
                        if (!cadres.ContainsKey(command.CadreId)) return;
                        service!.received.AddOrUpdate(command.ProcedureId, 1, (_, n) => n + 1);
                        if (!service.Healed) throw new InvalidOperationException(Error);
                        await context.Publish(new RecommendationRoundConcluded(command.ProcedureId, command.TenantId, command.CadreId, Guid.NewGuid(), 0.7m,
                            null, Outcomes.Passed, null, null), answer => answer.Headers.Set(StepToken.Header, context.Headers.Get<string>(StepToken.Header)));
                    });
                });
            });
            service = new FailingService(bus);
            await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            return service;
        }

        public async ValueTask DisposeAsync() => await bus.StopAsync();
    }
}
