using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Alterations;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's alterations over the real PostgreSQL: running instances of the appointment procedure move from version 1 to a version 2
/// in which one step was split in two, after a dry run that names those that cannot move; and the other alterations (modify a
/// variable, schedule and cancel an activity) change single instances, each journaled with the administrator.
/// </summary>
public sealed class AlterationTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    const string Appointment = "cadre-appointment";
    readonly ServersFixture servers;
    readonly string database;
    RuntimeHost host;

    public AlterationTests(ServersFixture servers)
    {
        this.servers = servers;
        database = servers.Postgres.NewDatabase("workflows");
        host = Host(database);
    }

    static RuntimeHost Host(ServersFixture servers, string database) =>
        new(servers, database, new FakeTimeProvider(DateTimeOffset.UtcNow), overRabbitMq: false)
        {
            Settings = { ["Workflows:AlterationPollInterval"] = "00:00:00.100", ["Workflows:AlterationBatchSize"] = "10" },
        };

    RuntimeHost Host(string connectionString) => Host(servers, connectionString);

    public async Task InitializeAsync() => await host.Publish(Shipped());

    public async Task DisposeAsync() => await host.DisposeAsync();

    static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", $"{Appointment}.json")))!.AsObject();

    /// <summary>
    /// Version 2: 三龄一历审核 split in two, inside the nomination stage. The service's check (awaitAgesVerified, the same fact as before) is followed by the
    /// department's own review of the work history (historyReviewed, a human step), before the procedure goes on as it did.
    /// </summary>
    static JsonObject SplitAgesAndHistory()
    {
        var definition = Shipped();
        var stage = definition["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == "nominationStage");
        var activities = stage["activities"]!.AsArray();
        var split = activities.OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == "awaitAgesAndHistory");
        split["id"] = "awaitAgesVerified";
        split["nodeId"] = "Workflow1:fc:nominationStage:awaitAgesVerified";
        split["name"] = "Three ages checked 三龄审核";
        var review = Activity("historyReviewed", "Elsa.Event", ("eventName", "HistoryReviewed"));
        review["name"] = "Work history reviewed 一历审核";
        activities.Add(review);
        var connections = stage["connections"]!.AsArray();
        foreach (var connection in connections.OfType<JsonObject>().ToList())
        {
            var source = connection["source"]!.AsObject();
            var target = connection["target"]!.AsObject();
            if (target["activity"]!.GetValue<string>() == "awaitAgesAndHistory") target["activity"] = "awaitAgesVerified";
            if (source["activity"]!.GetValue<string>() != "awaitAgesAndHistory") continue;
            source["activity"] = "awaitAgesVerified";
            if (source["port"]!.GetValue<string>() != Outcomes.Passed) continue;
            var next = target["activity"]!.GetValue<string>();
            target["activity"] = "historyReviewed";
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "historyReviewed", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = next, ["port"] = "In" },
                ["vertices"] = new JsonArray(),
            });
        }
        return definition;
    }

    HttpClient Administrator(string tenant = Tenant) => host.CreateClientFor(tenant, Roles.Administrator);

    /// <summary>Starts <paramref name="count"/> appointments, 100 per transaction; each cadre is the instance's correlation id.</summary>
    async Task<List<(Guid Id, Guid Cadre)>> StartAsync(int count)
    {
        var started = new List<(Guid, Guid)>();
        for (var batch = 0; batch < count; batch += 100)
        {
            started.AddRange(await host.InScope(async services =>
            {
                var runtime = services.GetRequiredService<WorkflowRuntime>();
                var db = services.GetRequiredService<WorkflowDbContext>();
                var instances = new List<(Guid, Guid)>();
                for (var i = batch; i < Math.Min(count, batch + 100); i++)
                {
                    var cadre = Guid.NewGuid();
                    var instance = await runtime.StartAsync(Appointment, new JsonObject { ["cadreId"] = cadre.ToString(), ["post"] = "副县长" }, Tenant, "test", default);
                    instances.Add((instance.Id, cadre));
                }
                await db.SaveChangesAsync();
                return instances;
            }));
        }
        return started;
    }

    /// <summary>Delivers a service's answer to each instance, 100 per transaction.</summary>
    async Task DeliverAsync(IEnumerable<(Guid Id, Guid Cadre)> instances, Func<Guid, Guid, IDomainResult> answer)
    {
        foreach (var batch in instances.Chunk(100))
        {
            await host.InScope(async services =>
            {
                var runtime = services.GetRequiredService<WorkflowRuntime>();
                foreach (var (id, cadre) in batch) await runtime.DeliverResultAsync(answer(id, cadre), default);
                await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
                return true;
            });
        }
    }

    Task<Dictionary<string, int>> WaitingAt(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return host.InScope(async services => (await services.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => list.Contains(b.InstanceId)).ToListAsync())
            .GroupBy(b => b.ActivityId).ToDictionary(g => g.Key, g => g.Count()));
    }

    static NominationAccepted Nominated(Guid id, Guid cadre) => new(id, Tenant, cadre, null, false, Outcomes.Passed, null, null);

    static RecommendationRoundConcluded Recommended(Guid id, Guid cadre) => new(id, Tenant, cadre, Guid.NewGuid(), 0.8m, null, Outcomes.Passed, null, null);

    static JsonObject Migrate(JsonObject? activityIdMap = null) => new()
    {
        ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 2, ["activityIdMap"] = activityIdMap }),
        ["filter"] = new JsonObject { ["definitionId"] = Appointment, ["version"] = 1 },
    };

    async Task<JsonObject> Completed(HttpClient client, Guid planId) => await Eventually.Get(async () =>
        await client.GetFromJsonAsync<JsonObject>($"/api/workflows/alterations/{planId}") is { } plan
        && plan["plan"]!["status"]!.GetValue<string>() == "Completed" ? plan : null, $"plan {planId} to complete", TimeSpan.FromMinutes(2));

    [Fact]
    public async Task A_thousand_appointments_waiting_at_three_steps_move_to_a_version_that_splits_one_step_as_the_dry_run_said()
    {
        var instances = await StartAsync(1000);
        await DeliverAsync(instances.Take(667), Nominated);
        await DeliverAsync(instances.Take(333), Recommended);
        (await WaitingAt(instances.Select(i => i.Id))).ShouldBe(new Dictionary<string, int>
            { ["awaitAgesAndHistory"] = 333, ["awaitRecommendation"] = 334, ["awaitNominee"] = 333 }, ignoreOrder: true);
        await host.Publish(SplitAgesAndHistory());
        var admin = Administrator();

        // Without a map, those waiting at the step version 2 no longer has cannot move, and the dry run says why.
        var dry = await (await admin.PostAsJsonAsync("/api/workflows/alterations/dry-run", Migrate())).Content.ReadFromJsonAsync<JsonObject>();
        dry!["workflowInstanceIds"]!.AsArray().Count.ShouldBe(667);
        var refused = dry["refused"]!.AsArray();
        refused.Count.ShouldBe(333);
        refused.Select(r => r!["workflowInstanceId"]!.GetValue<Guid>()).ToHashSet().SetEquals(instances.Take(333).Select(i => i.Id)).ShouldBeTrue();
        refused[0]!["reason"]!.GetValue<string>().ShouldContain("awaitAgesAndHistory");

        // Applied as planned: the same 667 move, the same 333 stay on version 1 with the same reason.
        var submitted = await admin.PostAsJsonAsync("/api/workflows/alterations/submit", Migrate());
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        var first = await Completed(admin, (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["planId"]!.GetValue<Guid>());
        (first["plan"]!["completed"]!.GetValue<int>(), first["plan"]!["failed"]!.GetValue<int>()).ShouldBe((667, 333));
        first["jobs"]!.AsArray().Where(j => j!["status"]!.GetValue<string>() == "Failed").Select(j => j!["workflowInstanceId"]!.GetValue<Guid>())
            .ToHashSet().SetEquals(refused.Select(r => r!["workflowInstanceId"]!.GetValue<Guid>())).ShouldBeTrue();

        // With the old step mapped to the half that waits for the same fact, the rest can move too.
        var mapped = Migrate(new JsonObject { ["awaitAgesAndHistory"] = "awaitAgesVerified" });
        var second = await (await admin.PostAsJsonAsync("/api/workflows/alterations/dry-run", mapped)).Content.ReadFromJsonAsync<JsonObject>();
        (second!["workflowInstanceIds"]!.AsArray().Count, second["refused"]!.AsArray().Count).ShouldBe((333, 0));
        var rest = await admin.PostAsJsonAsync("/api/workflows/alterations/submit", mapped);
        var done = await Completed(admin, (await rest.Content.ReadFromJsonAsync<JsonObject>())!["planId"]!.GetValue<Guid>());
        (done["plan"]!["completed"]!.GetValue<int>(), done["plan"]!["failed"]!.GetValue<int>()).ShouldBe((333, 0));

        var moved = await host.Instances(Appointment);
        moved.ShouldAllBe(i => i.Version == 2 && i.Status == WorkflowStatus.Suspended);
        (await WaitingAt(instances.Select(i => i.Id))).ShouldBe(new Dictionary<string, int>
            { ["awaitAgesVerified"] = 333, ["awaitRecommendation"] = 334, ["awaitNominee"] = 333 }, ignoreOrder: true);

        // Every journal still verifies, and says who moved the instance and from where.
        await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            var seals = services.GetRequiredService<JournalSeals>();
            var ids = moved.Select(i => i.Id).ToList();
            var journals = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync()).ToLookup(j => j.InstanceId);
            foreach (var instance in moved)
            {
                var (heads, problem) = seals.For(instance.Id);
                JournalVerifier.Verify(journals[instance.Id].ToList(), instance, heads, problem).Valid.ShouldBeTrue(instance.Id.ToString());
                journals[instance.Id].Where(j => j.EventName == "Migrated").ShouldHaveSingleItem().Actor.ShouldBe("user-of-county-test");
            }
            return true;
        });
        var split = (await host.Journal(instances[0].Id)).Single(j => j.EventName == "Migrated");
        split.Message.ShouldBe("cadre-appointment v1 → v2 (awaitAgesAndHistory → awaitAgesVerified)");

        // They run on as version 2: the service's check now leads to the department's own review of the history.
        await DeliverAsync([instances[0]], (id, cadre) => new AgesAndHistoryVerified(id, Tenant, cadre, Outcomes.Passed, null, null, []));
        (await host.Bookmarks(instances[0].Id)).ShouldHaveSingleItem().ActivityId.ShouldBe("historyReviewed");
        await DeliverAsync([instances[999]], Nominated);
        (await host.Bookmarks(instances[999].Id)).ShouldHaveSingleItem().ActivityId.ShouldBe("awaitRecommendation");
    }

    /// <summary>
    /// The appointment as it shipped before its stages: one flowchart of all 51 steps, each stage's last step leading straight to the
    /// next stage's first.
    /// </summary>
    static JsonObject Flat()
    {
        var definition = Shipped();
        var root = definition["root"]!.AsObject();
        var stages = root["activities"]!.AsArray().OfType<JsonObject>().Where(a => a["type"]!.GetValue<string>() == "Elsa.Flowchart").ToList();
        var activities = new JsonArray(root["activities"]!.AsArray().OfType<JsonObject>().Where(a => !stages.Contains(a)).Select(a => a.DeepClone()).ToArray());
        var connections = new JsonArray();
        foreach (var stage in stages)
        {
            foreach (var activity in stage["activities"]!.AsArray().OfType<JsonObject>())
            {
                var copy = activity.DeepClone().AsObject();
                copy["nodeId"] = $"Workflow1:fc:{copy["id"]}";
                activities.Add(copy);
            }
            foreach (var connection in stage["connections"]!.AsArray()) connections.Add(connection!.DeepClone());
        }
        foreach (var (from, port, to) in new[] { ("motionApproved", "Done", "awaitNominee"), ("awaitDepartmentMeeting", Outcomes.Passed, "awaitInspectionPlan"),
                     ("awaitInspectionResult", Outcomes.Passed, "awaitDeliberation"), ("awaitMeeting", "Approved", "awaitPublication"), ("awaitExam", Outcomes.Passed, "appoint") })
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
                ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
                ["vertices"] = new JsonArray(),
            });
        root["activities"] = activities;
        root["connections"] = connections;
        return definition;
    }

    /// <summary>
    /// An appointment running on the version of one flowchart moves to the version drawn as stages with no map (every step keeps its id),
    /// and goes on across a stage's end: the nomination stage completes and the inspection stage begins.
    /// </summary>
    [Fact]
    public async Task An_appointment_running_on_the_single_flowchart_version_moves_to_the_staged_one_and_goes_on_into_the_next_stage()
    {
        await host.Publish(Flat());
        var instances = await StartAsync(3);
        await DeliverAsync(instances, Nominated);
        await DeliverAsync(instances, Recommended);
        (await WaitingAt(instances.Select(i => i.Id))).ShouldBe(new Dictionary<string, int> { ["awaitAgesAndHistory"] = 3 });
        await host.Publish(Shipped());
        var plan = new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Migrate", ["targetVersion"] = 3 }),
            ["filter"] = new JsonObject { ["definitionId"] = Appointment, ["version"] = 2 },
        };
        var admin = Administrator();
        var dry = await (await admin.PostAsJsonAsync("/api/workflows/alterations/dry-run", plan)).Content.ReadFromJsonAsync<JsonObject>();
        (dry!["workflowInstanceIds"]!.AsArray().Count, dry["refused"]!.AsArray().Count).ShouldBe((3, 0));
        var done = await Completed(admin, await SubmittedAsync(plan));
        (done["plan"]!["completed"]!.GetValue<int>(), done["plan"]!["failed"]!.GetValue<int>()).ShouldBe((3, 0));

        await DeliverAsync(instances, (id, cadre) => new AgesAndHistoryVerified(id, Tenant, cadre, Outcomes.Passed, null, null, []));
        await DeliverAsync(instances, (id, cadre) => new DepartmentMeetingHeld(id, Tenant, cadre, Guid.NewGuid(), Outcomes.Passed, null, null));

        (await WaitingAt(instances.Select(i => i.Id))).ShouldBe(new Dictionary<string, int> { ["awaitInspectionPlan"] = 3 });
        foreach (var (id, _) in instances)
        {
            var journal = await host.Journal(id);
            journal.Select(j => (j.ActivityId, j.EventName)).ShouldContain(("nominationStage", "Completed"));
            journal.Single(j => j.EventName == "Migrated").Message.ShouldBe("cadre-appointment v2 → v3");
        }
        (await host.Instances(Appointment)).ShouldAllBe(i => i.Version == 3 && i.Status == WorkflowStatus.Suspended);
    }

    async Task<Guid> SubmittedAsync(JsonObject plan)
    {
        var submitted = await Administrator().PostAsJsonAsync("/api/workflows/alterations/submit", plan);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        return (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["planId"]!.GetValue<Guid>();
    }

    Task<List<JournalEntry>> MigratedEntries(IReadOnlyCollection<Guid> ids) => host.InScope(async services =>
        await services.GetRequiredService<WorkflowDbContext>().Journal.AsNoTracking()
            .Where(j => ids.Contains(j.InstanceId) && j.EventName == "Migrated").ToListAsync());

    [Fact]
    public async Task Three_replicas_applying_one_plan_side_by_side_move_each_instance_exactly_once()
    {
        var instances = await StartAsync(200);
        await host.Publish(SplitAgesAndHistory());
        var planId = await SubmittedAsync(Migrate());

        // Two more runners over the same database, as two more replicas would be, apply the plan beside the server's own.
        var replicas = Enumerable.Range(0, 2).Select(_ => new AlterationRunner(host.Service<IServiceScopeFactory>(), host.Service<TimeProvider>(),
            Microsoft.Extensions.Options.Options.Create(new WorkflowOptions { AlterationBatchSize = 7 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AlterationRunner>.Instance)).ToList();
        await Task.WhenAll(replicas.Select(replica => Task.Run(async () =>
        {
            while (await replica.ApplyBatchAsync(only: null, default) > 0) { }
        })));

        var done = await Completed(Administrator(), planId);
        (done["plan"]!["completed"]!.GetValue<int>(), done["plan"]!["failed"]!.GetValue<int>()).ShouldBe((200, 0));
        var ids = instances.Select(i => i.Id).ToList();
        (await MigratedEntries(ids)).GroupBy(j => j.InstanceId).Select(g => g.Count()).ShouldAllBe(count => count == 1);
        (await MigratedEntries(ids)).Count.ShouldBe(200);
        (await host.Instances(Appointment)).ShouldAllBe(i => i.Version == 2);
        foreach (var (id, _) in instances.Take(20)) JournalVerifier.Verify(await host.Journal(id)).Valid.ShouldBeTrue(id.ToString());
    }

    [Fact]
    public async Task A_batch_that_meets_an_instance_held_by_another_writer_moves_the_others_and_that_one_once_it_is_released()
    {
        // The server gives up a lock wait after 200 ms, as it would on a deadlock with a replica resuming the same instance.
        await host.DisposeAsync();
        host = Host(database + ";Options=-c lock_timeout=200");
        var instances = await StartAsync(5);
        await host.Publish(SplitAgesAndHistory());
        var held = instances[2].Id;

        await using var holder = new Npgsql.NpgsqlConnection(database);
        await holder.OpenAsync();
        Guid planId;
        await using (var transaction = await holder.BeginTransactionAsync())
        {
            await using (var lockRow = new Npgsql.NpgsqlCommand("""SELECT 1 FROM workflow_instances WHERE "Id" = @id FOR UPDATE""", holder, transaction))
            {
                lockRow.Parameters.AddWithValue("id", held);
                await lockRow.ExecuteScalarAsync();
            }
            planId = await SubmittedAsync(Migrate());

            // The batch of five cannot commit; applied one by one, four move and the held one stays pending, not failed.
            var partial = await Eventually.Get(async () => await Administrator().GetFromJsonAsync<JsonObject>($"/api/workflows/alterations/{planId}") is { } plan
                && plan["plan"]!["completed"]!.GetValue<int>() == 4 ? plan : null, "four of the five instances to move");
            partial["plan"]!["status"]!.GetValue<string>().ShouldNotBe("Completed");
            partial["plan"]!["failed"]!.GetValue<int>().ShouldBe(0);
            partial["jobs"]!.AsArray().Single(j => j!["workflowInstanceId"]!.GetValue<Guid>() == held)!["status"]!.GetValue<string>().ShouldBe("Pending");
            await transaction.RollbackAsync();
        }

        var done = await Completed(Administrator(), planId);
        (done["plan"]!["completed"]!.GetValue<int>(), done["plan"]!["failed"]!.GetValue<int>()).ShouldBe((5, 0));
        (await MigratedEntries(instances.Select(i => i.Id).ToList())).Count.ShouldBe(5);
        JournalVerifier.Verify(await host.Journal(held)).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task Only_an_administrator_alters_and_only_the_instances_of_their_own_county()
    {
        var instances = await StartAsync(2);
        await host.Publish(SplitAgesAndHistory());
        var plan = Migrate();
        plan["filter"] = new JsonObject { ["workflowInstanceIds"] = new JsonArray([.. instances.Select(i => JsonValue.Create(i.Id))]) };

        (await host.CreateClientFor(Tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/workflows/alterations/dry-run", plan))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var north = await (await Administrator("county-north").PostAsJsonAsync("/api/workflows/alterations/run", plan)).Content.ReadFromJsonAsync<JsonObject>();
        north!["results"]!.AsArray().ShouldBeEmpty();
        (await host.Instances(Appointment)).ShouldAllBe(i => i.Version == 1);

        // The same plan through Elsa's path, by the county's own administrator.
        var ours = await Administrator().PostAsJsonAsync("/elsa/api/alterations/run", plan);
        ours.StatusCode.ShouldBe(HttpStatusCode.OK, await ours.Content.ReadAsStringAsync());
        (await ours.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray().ShouldAllBe(r => r!["isSuccessful"]!.GetValue<bool>());
        (await host.Instances(Appointment)).ShouldAllBe(i => i.Version == 2);

        // A plan that cannot be read is refused naming the field.
        var unknown = await Administrator().PostAsJsonAsync("/api/workflows/alterations/dry-run",
            new JsonObject { ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Teleport" }), ["filter"] = plan["filter"]!.DeepClone() });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("alterations[0].type");
    }

    [Fact]
    public async Task A_faulted_instance_has_its_variable_corrected_and_is_retried_through_Elsas_retry_alteration()
    {
        await host.Publish(Flowchart("check-ready",
            [
                Activity("start", "Elsa.Start"),
                Activity("check", "Elsa.WriteLine").With("text", JavaScript("getReady() ? 'ready' : notDefinedAnywhere()")),
                Activity("end", "Elsa.End"),
            ],
            [("start", "Done", "check"), ("check", "Done", "end")], ("Ready", "Boolean", "false")));
        var faulted = await host.Start("check-ready");
        (await host.Instance(faulted.Id)).Status.ShouldBe(WorkflowStatus.Faulted);
        var running = (await StartAsync(1))[0].Id;
        var admin = Administrator();

        var fixedVariable = await admin.PostAsJsonAsync("/api/workflows/alterations/run", new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "Ready", ["value"] = true }),
            ["workflowInstanceIds"] = new JsonArray(JsonValue.Create(faulted.Id)),
        });
        (await fixedVariable.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!["isSuccessful"]!.GetValue<bool>().ShouldBeTrue();

        // An operator may retry (as one instance's retry); only a faulted instance is retried, the other is answered with why not.
        var retried = await host.CreateClientFor(Tenant, Roles.Operator).PostAsJsonAsync("/elsa/api/alterations/workflows/retry",
            new { workflowInstanceIds = new[] { faulted.Id, running } });
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        var results = (await retried.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        results.Single(r => r!["workflowInstanceId"]!.GetValue<Guid>() == faulted.Id)!["isSuccessful"]!.GetValue<bool>().ShouldBeTrue();
        results.Single(r => r!["workflowInstanceId"]!.GetValue<Guid>() == running)!["log"]!.GetValue<string>().ShouldContain("not Faulted");
        (await host.Instance(faulted.Id)).Status.ShouldBe(WorkflowStatus.Finished);
        (await host.Instance(running)).Status.ShouldBe(WorkflowStatus.Suspended);
        JournalVerifier.Verify(await host.Journal(faulted.Id)).Valid.ShouldBeTrue();
        (await host.Journal(faulted.Id)).ShouldContain(j => j.EventName == "Retried" && j.Actor == "user-of-county-test");
    }

    [Fact]
    public async Task A_variable_is_modified_a_wait_cancelled_and_an_activity_scheduled_each_journaled_with_the_administrator()
    {
        var instances = await StartAsync(2);
        var (changed, cancelled) = (instances[0].Id, instances[1].Id);
        async Task<JsonObject> Run(Guid id, params JsonObject[] alterations) =>
            (await (await Administrator().PostAsJsonAsync("/api/workflows/alterations/run", new JsonObject
            {
                ["alterations"] = new JsonArray(alterations), ["workflowInstanceIds"] = new JsonArray(JsonValue.Create(id)),
            })).Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray().Single()!.AsObject();

        // A variable the instance has, then one it has not.
        (await Run(changed, new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "post", ["value"] = "县委组织部副部长" }))["isSuccessful"]!
            .GetValue<bool>().ShouldBeTrue();
        var state = InstanceState.FromJson((await host.Instance(changed)).StateJson);
        state.Variables["post"]!.GetValue<string>().ShouldBe("县委组织部副部长");
        var refused = await Run(changed, new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "nickname", ["value"] = "x" });
        refused["isSuccessful"]!.GetValue<bool>().ShouldBeFalse();
        refused["log"]!.GetValue<string>().ShouldContain("nickname");

        // Scheduling a step runs it as if the flow had reached it: the nominee step is passed over for the recommendation.
        (await Run(changed, new JsonObject { ["type"] = "CancelActivity", ["activityId"] = "awaitNominee" },
            new JsonObject { ["type"] = "ScheduleActivity", ["activityId"] = "awaitRecommendation" }))["isSuccessful"]!.GetValue<bool>().ShouldBeTrue();
        (await host.Bookmarks(changed)).ShouldHaveSingleItem().ActivityId.ShouldBe("awaitRecommendation");

        // Cancelling the only wait leaves nothing to wait for: the instance is finished.
        (await Run(cancelled, new JsonObject { ["type"] = "CancelActivity", ["activityId"] = "awaitNominee" }))["isSuccessful"]!.GetValue<bool>().ShouldBeTrue();
        (await host.Instance(cancelled)).Status.ShouldBe(WorkflowStatus.Finished);
        (await Run(cancelled, new JsonObject { ["type"] = "CancelActivity", ["activityId"] = "awaitNominee" }))["isSuccessful"]!.GetValue<bool>().ShouldBeFalse();

        var journal = await host.Journal(changed);
        journal.ShouldContain(j => j.EventName == "VariableModified" && j.Actor == "user-of-county-test");
        journal.ShouldContain(j => j.EventName == "ActivityCancelled" && j.ActivityId == "awaitNominee");
        journal.ShouldContain(j => j.EventName == "ActivityScheduled" && j.ActivityId == "awaitRecommendation");
        JournalVerifier.Verify(journal).Valid.ShouldBeTrue();
        var verified = await Administrator().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{cancelled}/journal/verify");
        verified!["valid"]!.GetValue<bool>().ShouldBeTrue(verified.ToJsonString());
    }
}
