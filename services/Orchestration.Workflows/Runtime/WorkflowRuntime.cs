using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Workflows.Runtime;

/// <summary>
/// Starts, resumes, retries and cancels instances. Every call changes the unit of work of <see cref="WorkflowDbContext"/> only;
/// the caller commits, so state, bookmarks, journal and outgoing messages land in one transaction.
/// </summary>
public sealed class WorkflowRuntime(
    WorkflowDbContext db,
    WorkflowEngine engine,
    DefinitionStore definitions,
    CompiledDefinitions compiled,
    IWorkingDayCalendar calendar,
    CountyClock clock,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<WorkflowRuntime> logger,
    IServiceProvider services)
{
    /// <summary>
    /// One journal writer per tracked instance, so two runs of one instance before the commit chain up. Keyed by the tracked
    /// object: after the change tracker is cleared (a retried transaction) the instance is read again and so is its journal head.
    /// </summary>
    readonly Dictionary<WorkflowInstance, JournalWriter> journals = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tracked instances whose bookmarks <see cref="PrepareAsync"/> already loaded.</summary>
    readonly HashSet<WorkflowInstance> prepared = new(ReferenceEqualityComparer.Instance);

    public async Task<WorkflowInstance> StartAsync(string definitionId, JsonObject? input, string tenantId, string actor, CancellationToken ct)
    {
        var definition = await definitions.PublishedAsync(definitionId, tenantId, ct)
                         ?? throw new NotFoundException($"No published workflow definition {definitionId}.");
        var run = await BeginAsync(definition, input, tenantId, actor, message: null, ct);
        // A procedure that starts from a trigger (an approved motion, say) started by hand: the caller vouches for the trigger,
        // which completes at once instead of waiting for a fact that already happened.
        if (run.Flowchart.Entry() is [var trigger] && TriggerIndex.CanStartWorkflow(trigger))
            await engine.StartFromTriggerAsync(run, trigger.Id, ct);
        else
            await engine.RunAsync(run, run.Flowchart.Entry().Select(a => (a.Id, (string?)null)), ct);
        await CloseAsync(run, ct);
        return run.Instance;
    }

    /// <summary>
    /// Starts an instance of the published definition <paramref name="start"/> names that the parent's county runs (its own, else the
    /// shared library's; never another county's) as a child of <paramref name="parent"/>: Elsa's Execute Workflow and Dispatch Workflow.
    /// It runs until it waits or finishes; its input carries <c>ParentInstanceId</c>, as Elsa's does.
    /// </summary>
    public async Task<WorkflowInstance> StartChildAsync(WorkflowInstance parent, ChildStart start, string actor, CancellationToken ct)
    {
        var definition = await definitions.PublishedAsync(start.DefinitionId, parent.TenantId, ct)
                         ?? throw new NotFoundException($"No published workflow definition {start.DefinitionId} that county {parent.TenantId} runs.");
        var input = start.Input?.DeepClone().AsObject() ?? [];
        input["ParentInstanceId"] = parent.Id.ToString();
        var run = await BeginAsync(definition, input, parent.TenantId, actor, message: $"child of {parent.Id}", ct, start.InstanceId, parent.Id);
        if (start.CorrelationId is { Length: > 0 } correlation) run.State.CorrelationId = correlation;
        await engine.RunAsync(run, run.Flowchart.Entry().Select(a => (a.Id, (string?)null)), ct);
        await CloseAsync(run, ct);
        return run.Instance;
    }

    /// <summary>
    /// Starts an instance of the trigger's version at the trigger activity, which completes at once (it is what happened). Null when
    /// that version is no longer published.
    /// </summary>
    public async Task<WorkflowInstance?> StartFromTriggerAsync(TriggerRecord trigger, JsonObject? input, string tenantId, string actor, CancellationToken ct,
        JsonNode? triggerPayload = null)
    {
        if (trigger.TenantId != DefinitionTenancy.SharedLibrary && trigger.TenantId != tenantId) return null; // another county's procedure
        var definition = await definitions.VersionAsync(trigger.DefinitionVersionId, ct);
        if (definition is not { IsPublished: true }) return null;
        var run = await BeginAsync(definition, input, tenantId, actor, message: $"triggered by {trigger.ActivityId}", ct);
        await engine.StartFromTriggerAsync(run, trigger.ActivityId, ct, triggerPayload);
        await CloseAsync(run, ct);
        return run.Instance;
    }

    async Task<RunContext> BeginAsync(WorkflowDefinitionRecord definition, JsonObject? input, string tenantId, string actor, string? message, CancellationToken ct,
        Guid? instanceId = null, Guid? parentId = null)
    {
        var compiledDefinition = await compiled.GetAsync(db, definition.Id, ct);
        var state = new InstanceState { Input = input?.DeepClone().AsObject() ?? [] };
        foreach (var variable in (compiledDefinition.Json["variables"] as JsonArray ?? []).OfType<JsonObject>())
            if (variable.Text("name") is { } name) state.Variables[name] = DefaultValue(variable);

        var now = time.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = instanceId ?? Guid.CreateVersion7(),
            ParentId = parentId,
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            Version = definition.Version,
            Name = definition.Name,
            TenantId = tenantId,
            CadreId = Guid.TryParse(state.Input["cadreId"]?.ToString(), out var cadre) ? cadre : null,
            BatchId = Guid.TryParse(state.Input["batchId"]?.ToString(), out var batch) ? batch : null,
            Status = WorkflowStatus.Running,
            StateJson = "{}",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Instances.Add(instance);
        journals[instance] = JournalWriter.Continue(db, instance.Id, lastHash: null, lastSequence: 0);

        var run = await OpenRunAsync(instance, compiledDefinition, state, actor, ct);
        var started = $"{definition.DefinitionId} v{definition.Version}" + (message is null ? "" : $", {message}");
        run.Journal.Append(now, "WorkflowStarted", message: started, payloadJson: state.Input.ToJsonString(), actor: actor, cadreId: instance.CadreId);
        return run;
    }

    /// <summary>Continues the instance waiting at <paramref name="bookmark"/> (tracked by this context) and removes the bookmark.</summary>
    public async Task<bool> ResumeAsync(BookmarkRecord bookmark, JsonNode? payload, string actor, CancellationToken ct) =>
        await ResumeAsync(bookmark, payload, actor, ct, applyWaiting: true);

    async Task<bool> ResumeAsync(BookmarkRecord bookmark, JsonNode? payload, string actor, CancellationToken ct, bool applyWaiting)
    {
        var instance = db.Instances.Local.FindEntry(bookmark.InstanceId)?.Entity
                       ?? (await LockedAsync([bookmark.InstanceId], ct)).Single();
        db.Bookmarks.Remove(bookmark);
        if (instance.Status is not (WorkflowStatus.Suspended or WorkflowStatus.Running))
        {
            logger.LogInformation("Bookmark {Bookmark} of {Status} instance {InstanceId} dropped", bookmark.Id, instance.Status, instance.Id);
            return false;
        }

        var run = await OpenRunAsync(instance, await compiled.GetAsync(db, instance.DefinitionVersionId, ct), InstanceState.FromJson(instance.StateJson), actor, ct);
        if (!prepared.Contains(instance))
            await db.Bookmarks.Where(b => b.InstanceId == instance.Id && b.Id != bookmark.Id).LoadAsync(ct); // the engine sees what else waits
        instance.Status = WorkflowStatus.Running;
        await engine.ResumeAsync(run, bookmark, payload, actor, ct);
        await CloseAsync(run, ct);
        if (applyWaiting) await ApplyWaitingFactsAsync(instance, ct);
        return true;
    }

    /// <summary>
    /// A domain service's answer or recorded fact: resumes the procedure waiting for it, once. An answer nobody waits for (an unknown
    /// ProcedureId, another county's, or one that already moved on) is recorded and dropped.
    /// </summary>
    /// <param name="stepToken">
    /// The token of the command step the answer is for (<see cref="ServiceDefaults.Messaging.StepToken"/>): it resumes only that wait.
    /// A result without one is a fact a person recorded at the service, naming the procedure: it resumes the procedure's step that waits
    /// for that fact (<see cref="DomainFactActivity"/>), never a command's wait; when the procedure has not reached that step yet, the
    /// fact waits for it (<see cref="WaitingFact"/>).
    /// </param>
    /// <param name="actor">Who caused the result (header <see cref="ServiceDefaults.Messaging.CommandActor.Header"/>), if the service said.</param>
    public async Task DeliverResultAsync(IDomainResult result, CancellationToken ct, string? stepToken = null, string? actor = null)
    {
        var payload = JsonSerializer.SerializeToNode(result, result.GetType(), ElsaJson.Options);
        var by = actor ?? ServiceActor(result);
        if (result.ProcedureId == Guid.Empty)
        {
            await AnnounceAsync(result, payload, ct, by); // recorded outside any procedure: it may start one
            return;
        }

        var key = DomainCommandActivity.ResultKey(result.GetType(), result.ProcedureId);
        // Locks the instance, then reads its waits as they are now. A result resumes only a procedure of its own county: another
        // county's procedure id matches nothing (its row is locked for the transaction and left as it is).
        await PrepareAsync([result.ProcedureId], ct);
        var instance = db.Instances.Local.FindEntry(result.ProcedureId)?.Entity is { } found && found.TenantId == result.TenantId ? found : null;
        var concernsAnother = instance?.CadreId is { } cadre && result is ICadreMessage { CadreId: var about } && about != Guid.Empty && about != cadre;
        BookmarkRecord? bookmark = null;
        if (instance is not null && !concernsAnother)
        {
            var candidates = db.Bookmarks.Local.Where(b => b.InstanceId == instance.Id && b.Kind == BookmarkKinds.DomainResult && b.Key == key)
                .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToList();
            // A fact resumes the first step waiting for it whose match takes it (a step may wait for one stage of several).
            bookmark = candidates.FirstOrDefault(b => PayloadOf(b) is var wait && StepOf(wait) == stepToken
                                                      && (stepToken is not null || DomainFactActivity.Takes(wait, payload)));
            if (bookmark is null && stepToken is null && instance.Status is WorkflowStatus.Running or WorkflowStatus.Suspended)
            {
                KeepWaiting(result.TenantId, instance.Id, BookmarkKinds.DomainResult, key, result.GetType().Name, payload, by);
                return;
            }
        }
        if (bookmark is null)
        {
            logger.LogWarning("{Result} for procedure {ProcedureId} of {TenantId} matches no waiting step{Reason}; recorded and dropped",
                result.GetType().Name, result.ProcedureId, result.TenantId, concernsAnother ? " (it concerns another cadre)" : "");
            db.Unmatched.Add(new UnmatchedMessage
            {
                Id = Guid.CreateVersion7(), MessageType = result.GetType().Name, ProcedureId = result.ProcedureId, TenantId = result.TenantId,
                Body = payload?.ToJsonString() ?? "{}", ReceivedAt = time.GetUtcNow(),
            });
            return;
        }

        await ResumeAsync(bookmark, payload, by, ct);
    }

    static string ServiceActor(IProcedureMessage message) => $"service:{message.GetType().Namespace?.Split('.').Last().ToLowerInvariant()}";

    /// <summary>Keeps a fact for the procedure's step that will wait for it (applied by <see cref="ApplyWaitingFactsAsync"/>).</summary>
    void KeepWaiting(string tenantId, Guid instanceId, string kind, string key, string name, JsonNode? payload, string actor)
    {
        var now = time.GetUtcNow();
        logger.LogInformation("{Fact} for procedure {InstanceId} arrived before the step that waits for it; kept until {ExpiresAt}", name, instanceId,
            now + options.Value.WaitingFactLifetime);
        db.WaitingFacts.Add(new WaitingFact
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, InstanceId = instanceId, Kind = kind, Key = key, Name = name,
            PayloadJson = payload?.ToJsonString(), Actor = actor, ReceivedAt = now, ExpiresAt = now + options.Value.WaitingFactLifetime,
        });
    }

    /// <summary>
    /// Whether <paramref name="correlationKey"/> names a procedure of the county that is still going, for a fact recorded before it waits:
    /// the fact is kept for it (true), or nothing waits for it at all (false).
    /// </summary>
    public async Task<bool> KeepForAsync(string tenantId, string correlationKey, string eventName, JsonNode? payload, string actor, CancellationToken ct)
    {
        if (!Guid.TryParse(correlationKey, out var instanceId)) return false;
        var going = await db.Instances.AsNoTracking().AnyAsync(i => i.Id == instanceId && i.TenantId == tenantId
            && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended), ct);
        if (going) KeepWaiting(tenantId, instanceId, BookmarkKinds.Event, EventActivity.EventKey(eventName, correlationKey), eventName, payload, actor);
        return going;
    }

    /// <summary>
    /// Applies the facts that arrived before the instance reached the steps it now waits at: each fact wait (and Event wait) created by
    /// the last run is resumed with the oldest unexpired fact kept for it, as the person who recorded it.
    /// </summary>
    async Task ApplyWaitingFactsAsync(WorkflowInstance instance, CancellationToken ct)
    {
        while (instance.Status is WorkflowStatus.Running or WorkflowStatus.Suspended)
        {
            // Each new wait with its payload, parsed once: its step token (a command's wait takes no kept fact) and its match.
            var waits = db.ChangeTracker.Entries<BookmarkRecord>()
                .Where(e => e.State == EntityState.Added && e.Entity.InstanceId == instance.Id
                            && e.Entity.Kind is BookmarkKinds.Event or BookmarkKinds.DomainResult)
                .Select(e => (Bookmark: e.Entity, Payload: PayloadOf(e.Entity)))
                .Where(w => w.Bookmark.Kind == BookmarkKinds.Event || StepOf(w.Payload) is null)
                .ToList();
            if (waits.Count == 0) return;
            var keys = waits.Select(w => w.Bookmark.Key).Distinct().ToList();
            var now = time.GetUtcNow();
            // The facts kept in earlier transactions are loaded next to those kept earlier in this one (a batch of answers may hold
            // the fact before the answer that leads to its step); the tracked set leaves out those already applied in it.
            await db.WaitingFacts.Where(f => f.InstanceId == instance.Id && keys.Contains(f.Key) && f.ExpiresAt > now).LoadAsync(ct);
            // The oldest kept fact that a new wait takes (a wait matching one stage leaves the facts of other stages kept).
            var (fact, wait, payload) = db.WaitingFacts.Local.Where(f => f.InstanceId == instance.Id && keys.Contains(f.Key) && f.ExpiresAt > now)
                .OrderBy(f => f.ReceivedAt).ThenBy(f => f.Id)
                .Select(f => (Fact: f, Payload: f.PayloadJson is null ? null : JsonNode.Parse(f.PayloadJson)))
                .Select(f => (f.Fact, Wait: waits.Where(w => w.Bookmark.Key == f.Fact.Key && w.Bookmark.Kind == f.Fact.Kind && DomainFactActivity.Takes(w.Payload, f.Payload))
                    .OrderBy(w => w.Bookmark.CreatedAt).Select(w => w.Bookmark).FirstOrDefault(), f.Payload))
                .FirstOrDefault(f => f.Wait is not null);
            if (fact is null || wait is null) return;
            db.WaitingFacts.Remove(fact);
            await ResumeAsync(wait, payload, fact.Actor, ct, applyWaiting: false);
        }
    }

    /// <summary>
    /// A service's fact (an <see cref="IServiceEvent"/>, or a domain result recorded outside any procedure) as a named event: its
    /// type name is the event name and the cadre, when it concerns one, the correlation key. It starts the definitions whose Event
    /// trigger bears that name and resumes the Event activities waiting for it.
    /// </summary>
    public Task<int> AnnounceAsync(IProcedureMessage fact, JsonNode? payload, CancellationToken ct, string? actor = null) =>
        RaiseEventAsync(fact.TenantId, fact.GetType().Name, (fact as ICadreMessage)?.CadreId.ToString() ?? "", payload, actor ?? ServiceActor(fact), ct);

    /// <summary>
    /// Resumes every instance of <paramref name="tenantId"/> waiting for the named event with this key, and starts the published
    /// definitions an Event trigger of that name starts (the payload's fields and the correlation key are their input).
    /// Returns how many instances it resumed or started.
    /// </summary>
    public async Task<int> RaiseEventAsync(string tenantId, string eventName, string correlationKey, JsonNode? payload, string actor, CancellationToken ct)
    {
        var triggers = await db.Triggers.AsNoTracking()
            .Where(t => t.Kind == TriggerKinds.Event && t.Key == eventName && (t.TenantId == tenantId || t.TenantId == DefinitionTenancy.SharedLibrary))
            .ToListAsync(ct);
        var ownDefinitions = await OwnDefinitionIdsAsync(tenantId, triggers.Select(t => t.DefinitionId), ct);
        var started = 0;
        foreach (var trigger in triggers.Where(t => t.TenantId == tenantId || !ownDefinitions.Contains(t.DefinitionId)))
        {
            var input = payload is JsonObject fields ? fields.DeepClone().AsObject() : new JsonObject { ["payload"] = payload?.DeepClone() };
            input["correlationKey"] = correlationKey;
            if (await StartFromTriggerAsync(trigger, input, tenantId, actor, ct) is not null) started++;
        }

        var key = EventActivity.EventKey(eventName, correlationKey);
        var candidates = await (from b in db.Bookmarks.AsNoTracking()
                                join i in db.Instances on b.InstanceId equals i.Id
                                where b.Kind == BookmarkKinds.Event && b.Key == key && i.TenantId == tenantId
                                select b.InstanceId).Distinct().ToListAsync(ct);
        // Waits made earlier in this transaction (a batch of answers) are not in the table yet.
        candidates = [.. candidates.Union(db.Bookmarks.Local.Where(b => b.Kind == BookmarkKinds.Event && b.Key == key
            && db.Instances.Local.FindEntry(b.InstanceId)?.Entity.TenantId == tenantId).Select(b => b.InstanceId))];
        if (candidates.Count == 0) return started;
        // Lock the instances first, then read their waits: another run may have resumed them meanwhile.
        await PrepareAsync(candidates, ct);
        var waiting = db.Bookmarks.Local.Where(b => b.Kind == BookmarkKinds.Event && b.Key == key && candidates.Contains(b.InstanceId)).OrderBy(b => b.InstanceId).ToList();
        foreach (var bookmark in waiting) await ResumeAsync(bookmark, payload, actor, ct);
        return waiting.Count + started;
    }

    /// <summary>
    /// An HTTP request under <c>/workflows/http</c> (<paramref name="request"/>: parsedContent, queryStringData, routeData, headers):
    /// starts the county's published definitions whose HTTP Endpoint triggers on it and resumes its procedures waiting at such an
    /// endpoint. Returns the instances it started and those it resumed.
    /// </summary>
    public async Task<(List<Guid> Started, List<Guid> Resumed)> HttpRequestAsync(string tenantId, string method, string path, JsonObject request,
        string actor, CancellationToken ct)
    {
        var key = HttpEndpointActivity.Key(method, path);
        var triggers = await db.Triggers.AsNoTracking()
            .Where(t => t.Kind == TriggerKinds.Http && t.Key == key && (t.TenantId == tenantId || t.TenantId == DefinitionTenancy.SharedLibrary))
            .ToListAsync(ct);
        var ownDefinitions = await OwnDefinitionIdsAsync(tenantId, triggers.Select(t => t.DefinitionId), ct);
        var started = new List<Guid>();
        foreach (var trigger in triggers.Where(t => t.TenantId == tenantId || !ownDefinitions.Contains(t.DefinitionId)))
            if (await StartFromTriggerAsync(trigger, new JsonObject(), tenantId, actor, ct, request) is { } instance) started.Add(instance.Id);

        var pathKey = HttpEndpointActivity.PathKey(path);
        var candidates = await (from b in db.Bookmarks.AsNoTracking()
                                join i in db.Instances on b.InstanceId equals i.Id
                                where b.Kind == HttpEndpointActivity.HttpKind && b.Key == pathKey && i.TenantId == tenantId
                                select b.InstanceId).Distinct().ToListAsync(ct);
        var resumed = new List<Guid>();
        if (candidates.Count == 0) return (started, resumed);
        await PrepareAsync(candidates, ct);
        var waiting = db.Bookmarks.Local.Where(b => b.Kind == HttpEndpointActivity.HttpKind && b.Key == pathKey && candidates.Contains(b.InstanceId)
            && (b.PayloadJson is null || (JsonNode.Parse(b.PayloadJson)?["methods"] as JsonArray ?? []).Any(m => m?.GetValue<string>() == method.ToUpperInvariant())))
            .OrderBy(b => b.InstanceId).ToList();
        foreach (var bookmark in waiting)
            if (await ResumeAsync(bookmark, request, actor, ct)) resumed.Add(bookmark.InstanceId);
        return (started, resumed);
    }

    static JsonNode? PayloadOf(BookmarkRecord bookmark) => bookmark.PayloadJson is { } json ? JsonNode.Parse(json) : null;

    static string? StepOf(JsonNode? payload) => payload?["step"] is JsonValue value && value.TryGetValue<string>(out var step) ? step : null;

    /// <summary>Which of <paramref name="definitionIds"/> the county has versions of its own of (it no longer runs the library's).</summary>
    public async Task<HashSet<string>> OwnDefinitionIdsAsync(string tenantId, IEnumerable<string> definitionIds, CancellationToken ct)
    {
        var ids = definitionIds.Distinct().ToList();
        if (ids.Count == 0 || tenantId == DefinitionTenancy.SharedLibrary) return [];
        return (await db.Definitions.AsNoTracking().Where(d => d.TenantId == tenantId && ids.Contains(d.DefinitionId))
            .Select(d => d.DefinitionId).Distinct().ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Runs a faulted instance again from the activity that failed.</summary>
    public async Task<WorkflowInstance> RetryAsync(Guid instanceId, string tenantId, string actor, CancellationToken ct)
    {
        var instance = await FindAsync(instanceId, tenantId, ct);
        if (instance.Status != WorkflowStatus.Faulted) throw new StateConflictException($"Instance {instanceId} is {instance.Status}, not Faulted.");
        var parked = await db.Bookmarks.Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKinds.Timer && b.DueAt == null).ToListAsync(ct);
        if (parked.Count > 0)
        {
            // Timers that could not fire: due again now, their attempts counted afresh.
            var now = time.GetUtcNow();
            foreach (var timer in parked)
            {
                timer.DueAt = now;
                timer.Attempts = 0;
            }
            await db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ForEachAsync(i => i.ResolvedAt = now, ct);
            instance.Status = WorkflowStatus.Suspended;
            instance.Revision++;
            var journal = await JournalWriter.OpenAsync(db, instance.Id, ct);
            journals[instance] = journal;
            journal.Append(now, "Retried", parked[0].ActivityId, message: $"{parked.Count} parked timer(s) due again", actor: actor, cadreId: instance.CadreId);
            journal.AppendState(now, instance);
            return instance;
        }
        var state = InstanceState.FromJson(instance.StateJson);
        var activityId = state.FaultedActivityId ?? throw new StateConflictException("The instance does not say where it failed.");
        var from = state.FaultedArrivedFrom;
        var branch = state.FaultedBranch ?? Branches.Main;
        state.FaultedActivityId = state.FaultedArrivedFrom = state.FaultedBranch = null;

        await db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ForEachAsync(i => i.ResolvedAt = time.GetUtcNow(), ct);
        await db.Bookmarks.Where(b => b.InstanceId == instance.Id).LoadAsync(ct);
        var run = await OpenRunAsync(instance, await compiled.GetAsync(db, instance.DefinitionVersionId, ct), state, actor, ct);
        instance.Status = WorkflowStatus.Running;
        run.Journal.Append(run.Now, "Retried", activityId, actor: actor, cadreId: instance.CadreId);
        await engine.RunAsync(run, [new Step(activityId, from, branch, Merged: true)], ct);
        await CloseAsync(run, ct);
        await ApplyWaitingFactsAsync(instance, ct);
        return instance;
    }

    /// <summary>
    /// Applies <paramref name="alterations"/>, in order, to each of the county's instances in <paramref name="instanceIds"/> (read with
    /// <c>FOR UPDATE</c> in id order unless <paramref name="dryRun"/>). An instance takes every alteration or none: all are checked
    /// against it first. Returns, per instance asked for, null when it was altered (or could be, in a dry run), else why not.
    /// Each alteration is journaled on the instance with the actor, then its state is saved.
    /// </summary>
    public async Task<Dictionary<Guid, string?>> AlterAsync(IReadOnlyCollection<Guid> instanceIds, string tenantId,
        IReadOnlyList<Alterations.Alteration> alterations, string actor, bool dryRun, CancellationToken ct)
    {
        var ids = instanceIds.Distinct().ToList();
        var outcome = ids.ToDictionary(id => id, id => (string?)$"No workflow instance {id} of the county.");
        List<WorkflowInstance> instances;
        if (dryRun)
        {
            instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id) && i.TenantId == tenantId).ToListAsync(ct);
        }
        else
        {
            await PrepareAsync(ids, ct); // locked in id order, with their bookmarks and journal heads
            instances = ids.Select(id => db.Instances.Local.FindEntry(id)?.Entity).OfType<WorkflowInstance>().Where(i => i.TenantId == tenantId).ToList();
        }
        var found = instances.Select(i => i.Id).ToList();
        var bookmarks = (dryRun
                ? await db.Bookmarks.AsNoTracking().Where(b => found.Contains(b.InstanceId)).ToListAsync(ct)
                : db.Bookmarks.Local.Where(b => found.Contains(b.InstanceId)).ToList())
            .ToLookup(b => b.InstanceId);
        var incidents = dryRun ? null
            : (await db.Incidents.Where(i => found.Contains(i.InstanceId) && i.ResolvedAt == null).ToListAsync(ct)).ToLookup(i => i.InstanceId);

        foreach (var instance in instances)
        {
            var waiting = bookmarks[instance.Id].ToList();
            var (reason, steps) = await PlanAlterationsAsync(instance, waiting, alterations, tenantId, ct);
            outcome[instance.Id] = reason;
            if (reason is not null || dryRun) continue;

            var state = InstanceState.FromJson(instance.StateJson);
            var journal = journals.TryGetValue(instance, out var open) ? open : journals[instance] = await JournalWriter.OpenAsync(db, instance.Id, ct);
            var now = time.GetUtcNow();
            var scheduled = new List<Step>();
            var cancelled = false;
            foreach (var (alteration, migration) in steps)
            {
                switch (alteration)
                {
                    case Alterations.MigrateAlteration migrate:
                        var from = $"{instance.DefinitionId} v{instance.Version}";
                        var moved = migration!.Apply(instance, state, waiting, incidents![instance.Id]);
                        journal.Append(now, "Migrated", message: $"{from} → v{instance.Version}" + (moved.Count == 0 ? "" : $" ({string.Join(", ", moved.Select(m => $"{m.Key} → {m.Value}"))})"),
                            payloadJson: new JsonObject
                            {
                                ["fromVersion"] = from, ["toVersionId"] = instance.DefinitionVersionId, ["moved"] = moved,
                                ["variableMap"] = JsonSerializer.SerializeToNode(migrate.VariableMap),
                            }.ToJsonString(), actor: actor, cadreId: instance.CadreId);
                        break;
                    case Alterations.ModifyVariableAlteration modify:
                        var before = state.Variables[modify.Variable]?.ToJsonString();
                        state.Variables[modify.Variable] = modify.Value?.DeepClone();
                        journal.Append(now, "VariableModified", message: modify.Variable,
                            payloadJson: new JsonObject { ["name"] = modify.Variable, ["from"] = before, ["to"] = modify.Value?.ToJsonString() }.ToJsonString(),
                            actor: actor, cadreId: instance.CadreId);
                        break;
                    case Alterations.CancelActivityAlteration cancel:
                        foreach (var bookmark in waiting.Where(b => b.ActivityId == cancel.ActivityId).ToList())
                        {
                            db.Bookmarks.Remove(bookmark);
                            waiting.Remove(bookmark);
                        }
                        journal.Append(now, "ActivityCancelled", cancel.ActivityId, actor: actor, cadreId: instance.CadreId);
                        cancelled = true;
                        break;
                    case Alterations.ScheduleActivityAlteration schedule:
                        journal.Append(now, "ActivityScheduled", schedule.ActivityId, actor: actor, cadreId: instance.CadreId);
                        scheduled.Add(new Step(schedule.ActivityId, null, Branches.Main));
                        break;
                }
            }

            instance.Revision++;
            instance.UpdatedAt = now;
            if (scheduled.Count > 0 || (cancelled && instance.Status is WorkflowStatus.Suspended or WorkflowStatus.Running))
            {
                // Run what was scheduled; with nothing to run, an instance that waits for nothing any more is finished.
                var run = await OpenRunAsync(instance, await compiled.GetAsync(db, instance.DefinitionVersionId, ct), state, actor, ct);
                instance.Status = WorkflowStatus.Running;
                await engine.RunAsync(run, scheduled, ct);
                await CloseAsync(run, ct);
                await ApplyWaitingFactsAsync(instance, ct);
            }
            else
            {
                instance.StateJson = state.ToJson();
                journal.AppendState(now, instance);
            }
        }
        return outcome;
    }

    /// <summary>Checks every alteration against the instance as the ones before it leave it; the migrations to apply, or why not.</summary>
    async Task<(string? Reason, List<(Alterations.Alteration, Alterations.InstanceMigration?)> Steps)> PlanAlterationsAsync(WorkflowInstance instance,
        IReadOnlyList<BookmarkRecord> waiting, IReadOnlyList<Alterations.Alteration> alterations, string tenantId, CancellationToken ct)
    {
        var steps = new List<(Alterations.Alteration, Alterations.InstanceMigration?)>();
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) return ($"It is {instance.Status}.", steps);
        var current = await compiled.GetAsync(db, instance.DefinitionVersionId, ct);
        var currentVersion = instance.Version;
        var state = InstanceState.FromJson(instance.StateJson);
        var waitingAt = waiting.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var variables = state.Variables.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var alteration in alterations)
        {
            Alterations.InstanceMigration? migration = null;
            switch (alteration)
            {
                case Alterations.MigrateAlteration migrate:
                    var target = (await definitions.VersionsAsync(instance.DefinitionId, tenantId, ct)).FirstOrDefault(v => v.Version == migrate.TargetVersion);
                    if (target is null) return ($"{instance.DefinitionId} has no version {migrate.TargetVersion} the county runs.", steps);
                    if (target is { IsPublished: false, IsLatest: true }) return ($"Version {target.Version} is a draft: publish it first.", steps);
                    var next = await compiled.GetAsync(db, target.Id, ct);
                    migration = new Alterations.InstanceMigration(current, next, target, migrate);
                    if (migration.Check(instance, state, waiting) is { } refused) return (refused, steps);
                    waitingAt = waitingAt.Select(id => migrate.ActivityIdMap.GetValueOrDefault(id, id)).ToHashSet(StringComparer.Ordinal);
                    foreach (var (old, renamed) in migrate.VariableMap) if (variables.Remove(old)) variables.Add(renamed);
                    foreach (var variable in (next.Json["variables"] as JsonArray ?? []).OfType<JsonObject>())
                        if (variable.Text("name") is { } name) variables.Add(name);
                    current = next;
                    currentVersion = target.Version;
                    break;
                case Alterations.ModifyVariableAlteration modify when !variables.Contains(modify.Variable):
                    return ($"It has no variable {modify.Variable}.", steps);
                case Alterations.ScheduleActivityAlteration schedule when !current.Flowchart.Activities.ContainsKey(schedule.ActivityId):
                    return ($"Version {currentVersion} has no activity {schedule.ActivityId}.", steps);
                case Alterations.ScheduleActivityAlteration when instance.Status == WorkflowStatus.Faulted:
                    return ("It is Faulted: retry it instead.", steps);
                case Alterations.CancelActivityAlteration cancel when !waitingAt.Contains(cancel.ActivityId):
                    return ($"It does not wait at {cancel.ActivityId}.", steps);
            }
            steps.Add((alteration, migration));
        }
        return (null, steps);
    }

    public async Task<WorkflowInstance> CancelAsync(Guid instanceId, string tenantId, string actor, CancellationToken ct)
    {
        var instance = await FindAsync(instanceId, tenantId, ct);
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new StateConflictException($"Instance {instanceId} is already {instance.Status}.");
        await db.Bookmarks.Where(b => b.InstanceId == instance.Id).LoadAsync(ct);
        var run = await OpenRunAsync(instance, await compiled.GetAsync(db, instance.DefinitionVersionId, ct), InstanceState.FromJson(instance.StateJson), actor, ct);
        run.Journal.Append(run.Now, "CancelRequested", actor: actor, cadreId: instance.CadreId);
        WorkflowEngine.Finish(run, WorkflowStatus.Cancelled);
        await CloseAsync(run, ct);
        return instance;
    }

    async Task<WorkflowInstance> FindAsync(Guid instanceId, string tenantId, CancellationToken ct) =>
        (await LockedAsync([instanceId], ct)).SingleOrDefault(i => i.TenantId == tenantId)
        ?? throw new NotFoundException($"No workflow instance {instanceId}.");

    /// <summary>
    /// One writer per instance: the rows are read with <c>FOR UPDATE</c> (in id order, so two batches never deadlock), so a second
    /// resume of the same instance (another result, a timer, another replica) waits for the first to commit and then reads what it
    /// wrote, instead of failing on the revision and being retried. SQLite has a single writer already.
    /// </summary>
    async Task<List<WorkflowInstance>> LockedAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is null)
            return await db.Instances.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var array = ids.Distinct().Order().ToArray();
        return await db.Instances.FromSqlInterpolated($"SELECT * FROM workflow_instances WHERE \"Id\" = ANY({array}) ORDER BY \"Id\" FOR UPDATE")
            .ToListAsync(ct);
    }

    /// <summary>
    /// Loads, in three queries, what resuming these instances needs: their rows, all their bookmarks and the head of each journal.
    /// The timer dispatcher calls it for a claimed batch instead of paying three queries per timer.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken ct)
    {
        var ids = instanceIds.Distinct().Where(id => db.Instances.Local.FindEntry(id) is null).ToList();
        if (ids.Count == 0) return;
        ids = (await LockedAsync(ids, ct)).Select(i => i.Id).ToList();
        if (ids.Count == 0) return;
        await db.Bookmarks.Where(b => ids.Contains(b.InstanceId)).LoadAsync(ct);
        var heads = await db.Journal.AsNoTracking()
            .Where(j => ids.Contains(j.InstanceId) && j.Sequence == db.Journal.Where(k => k.InstanceId == j.InstanceId).Max(k => k.Sequence))
            .Select(j => new { j.InstanceId, j.Sequence, j.Hash }).ToListAsync(ct);
        foreach (var instance in ids.Select(id => db.Instances.Local.FindEntry(id)?.Entity).OfType<WorkflowInstance>())
        {
            var head = heads.FirstOrDefault(h => h.InstanceId == instance.Id);
            journals[instance] = JournalWriter.Continue(db, instance.Id, head?.Hash, head?.Sequence ?? 0);
            prepared.Add(instance);
        }
    }

    async Task<RunContext> OpenRunAsync(WorkflowInstance instance, CompiledDefinition definition, InstanceState state, string actor, CancellationToken ct)
    {
        if (!journals.TryGetValue(instance, out var journal))
            journals[instance] = journal = await JournalWriter.OpenAsync(db, instance.Id, ct);
        return new(db, instance, definition.Flowchart, state, journal, time.GetUtcNow(), calendar, clock, logger)
        {
            Actor = actor,
            LegacyExpressionGlobals = options.Value.LegacyExpressionGlobals,
            Services = services,
            DefinitionVariables = definition.Json["variables"],
        };
    }

    /// <summary>
    /// Saves what the run did to the instance; then starts the children it dispatched and, when it finished a child, resumes the
    /// parent waiting for it (with the child's id, status and output). A child that faulted or was cancelled leaves its parent waiting.
    /// </summary>
    async Task CloseAsync(RunContext run, CancellationToken ct)
    {
        run.Instance.StateJson = run.State.ToJson();
        run.Instance.UpdatedAt = run.Now;
        run.Instance.Revision++;
        run.Journal.AppendState(run.Now, run.Instance);

        foreach (var start in run.Dispatched) await StartChildAsync(run.Instance, start, run.Actor ?? "system", ct);
        run.Dispatched.Clear();
        if (run.Instance is { ParentId: { } parentId, Status: WorkflowStatus.Finished } child)
        {
            var key = ChildWorkflows.Key(child.Id);
            await PrepareAsync([parentId], ct);
            await db.Bookmarks.Where(b => b.InstanceId == parentId && b.Kind == ChildWorkflows.Kind && b.Key == key).LoadAsync(ct);
            var waiting = db.Bookmarks.Local.Where(b => b.InstanceId == parentId && b.Kind == ChildWorkflows.Kind && b.Key == key).ToList();
            foreach (var bookmark in waiting)
                await ResumeAsync(bookmark, ChildWorkflows.Result(child, run.State), run.Actor ?? "system", ct);
        }
    }

    internal static JsonNode? DefaultValue(JsonObject variable)
    {
        var value = variable["value"];
        if (value is not JsonValue text || !text.TryGetValue<string>(out var raw)) return value?.DeepClone();
        return variable.Text("typeName") switch
        {
            "Int32" or "Int64" or "Decimal" or "Double" when decimal.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            "Boolean" when bool.TryParse(raw, out var flag) => flag,
            _ => raw,
        };
    }
}
