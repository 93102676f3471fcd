using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Data;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Alterations;

/// <summary>A submitted plan: its alterations, who submitted it, and how far its jobs have got.</summary>
public sealed class AlterationPlan
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The alterations as submitted (Elsa's JSON).</summary>
    public required string AlterationsJson { get; set; }

    /// <summary><c>Pending</c> while jobs remain, then <c>Completed</c>.</summary>
    public required string Status { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int Total { get; set; }
}

/// <summary>One instance of a plan: <c>Pending</c>, then <c>Completed</c> (altered) or <c>Failed</c> (with why, nothing changed).</summary>
public sealed class AlterationJob
{
    public Guid Id { get; set; }

    public Guid PlanId { get; set; }

    public Guid InstanceId { get; set; }

    public required string Status { get; set; }

    public string? Log { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Plan and job statuses, as Elsa names them.</summary>
public static class AlterationStatus
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
}

/// <summary>
/// Which instances of the county a plan applies to: listed ids, or those of a definition (and version) in the given statuses
/// (running and suspended when none are named), with or without incidents, of the given cadres.
/// </summary>
/// <param name="WorkflowInstanceIds">Instances by id.</param>
/// <param name="DefinitionId">Instances of this definition.</param>
/// <param name="Version">Instances on this version of it.</param>
/// <param name="Statuses">Running, Suspended or Faulted (Elsa's Running covers the first two).</param>
/// <param name="HasIncidents">Only instances with (true) or without (false) incidents.</param>
/// <param name="CorrelationIds">Instances of these cadres (the correlation id is the cadre's id).</param>
public sealed record AlterationInstanceFilter(Guid[]? WorkflowInstanceIds, string? DefinitionId, int? Version, string[]? Statuses, bool? HasIncidents,
    Guid[]? CorrelationIds);

/// <summary>A plan: what to change (<see cref="Alterations"/>) on which instances (<see cref="Filter"/>, or <see cref="WorkflowInstanceIds"/>).</summary>
/// <param name="Alterations">Elsa's alterations, applied in order: Migrate (targetVersion, activityIdMap, variableMap), ModifyVariable (variableId, value), ScheduleActivity and CancelActivity (activityId).</param>
/// <param name="Filter">Which instances of the county.</param>
/// <param name="WorkflowInstanceIds">Instances by id (as Elsa's run endpoint takes them).</param>
public sealed record AlterationRequest(JsonArray? Alterations, AlterationInstanceFilter? Filter, Guid[]? WorkflowInstanceIds);

/// <summary>What a dry run found: the instances the plan would alter and, for each other, why it cannot.</summary>
/// <param name="WorkflowInstanceIds">Instances the plan would alter.</param>
/// <param name="Refused">Instances it would leave as they are, each with the reason.</param>
public sealed record AlterationDryRun(IReadOnlyList<Guid> WorkflowInstanceIds, IReadOnlyList<RefusedInstance> Refused);

/// <summary>An instance a plan cannot alter, and why.</summary>
/// <param name="WorkflowInstanceId">The instance.</param>
/// <param name="Reason">Why, naming the activity or variable and what would let it move.</param>
public sealed record RefusedInstance(Guid WorkflowInstanceId, string Reason);

/// <summary>A plan accepted for applying in the background.</summary>
/// <param name="PlanId">Read its progress at <c>GET …/alterations/{planId}</c>.</param>
/// <param name="Total">Instances it selected.</param>
public sealed record AlterationSubmitted(Guid PlanId, int Total);

/// <summary>A plan and each of its instances.</summary>
/// <param name="Plan">The plan and its counts.</param>
/// <param name="Jobs">One row per instance, in instance order.</param>
public sealed record AlterationPlanView(AlterationPlanSummary Plan, IReadOnlyList<AlterationJobView> Jobs);

/// <summary>A plan's state and counts.</summary>
/// <param name="Id">The plan.</param>
/// <param name="Status">Pending, then Completed.</param>
/// <param name="Alterations">The alterations as submitted.</param>
/// <param name="CreatedBy">Who submitted it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="CompletedAt">When its last instance was done (UTC).</param>
/// <param name="Total">Instances selected.</param>
/// <param name="Completed">Instances altered.</param>
/// <param name="Failed">Instances left as they were, each with its reason in its job.</param>
public sealed record AlterationPlanSummary(Guid Id, string Status, JsonNode? Alterations, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    int Total, int Completed, int Failed);

/// <summary>One instance of a plan.</summary>
/// <param name="WorkflowInstanceId">The instance.</param>
/// <param name="Status">Pending, Completed or Failed.</param>
/// <param name="Log">Why it failed; null otherwise.</param>
/// <param name="CompletedAt">When it was done (UTC).</param>
public sealed record AlterationJobView(Guid WorkflowInstanceId, string Status, string? Log, DateTimeOffset? CompletedAt);

/// <summary>The outcome for one instance of a plan run at once.</summary>
/// <param name="WorkflowInstanceId">The instance.</param>
/// <param name="IsSuccessful">Whether it was altered.</param>
/// <param name="Log">Why not, when it was not.</param>
public sealed record AlterationResult(Guid WorkflowInstanceId, bool IsSuccessful, string? Log);

/// <summary>The outcomes of a plan run at once.</summary>
/// <param name="Results">One per instance asked for.</param>
public sealed record AlterationRun(IReadOnlyList<AlterationResult> Results);

/// <summary>
/// Alteration plans of a county: selects the instances, answers a dry run, runs a small plan at once, and accepts a plan of any size
/// for <see cref="AlterationRunner"/> to apply in batches.
/// </summary>
public sealed class AlterationPlans(WorkflowDbContext db, WorkflowRuntime runtime, TimeProvider time, IOptions<WorkflowOptions> options)
{
    /// <summary>Most instances a plan runs at once (<c>run</c>); larger plans are submitted.</summary>
    public const int MaxRunAtOnce = 100;

    public async Task<List<Guid>> SelectAsync(AlterationRequest request, string tenantId, CancellationToken ct)
    {
        var filter = request.Filter;
        var listed = (filter?.WorkflowInstanceIds ?? []).Concat(request.WorkflowInstanceIds ?? []).Distinct().ToList();
        var instances = db.Instances.AsNoTracking().Where(i => i.TenantId == tenantId);
        if (listed.Count > 0) instances = instances.Where(i => listed.Contains(i.Id));
        else if (filter?.DefinitionId is not { Length: > 0 } && filter?.CorrelationIds is not { Length: > 0 })
            throw Alteration.Invalid("filter", "Select the instances: by id, by definition, or by cadre.");
        if (filter?.DefinitionId is { Length: > 0 } definitionId) instances = instances.Where(i => i.DefinitionId == definitionId);
        if (filter?.Version is { } version) instances = instances.Where(i => i.Version == version);
        if (filter?.HasIncidents is { } incidents) instances = instances.Where(i => (i.IncidentCount > 0) == incidents);
        if (filter?.CorrelationIds is { Length: > 0 } cadres) instances = instances.Where(i => i.CadreId != null && cadres.Contains(i.CadreId.Value));
        var statuses = (filter?.Statuses ?? []).SelectMany(s => s switch
        {
            "Running" => new[] { WorkflowStatus.Running, WorkflowStatus.Suspended },
            _ when Enum.TryParse<WorkflowStatus>(s, ignoreCase: true, out var status) => [status],
            _ => throw Alteration.Invalid("filter.statuses", $"{s} is not a status: Running, Suspended or Faulted."),
        }).ToList();
        if (statuses.Count == 0 && listed.Count == 0) statuses = [WorkflowStatus.Running, WorkflowStatus.Suspended];
        if (statuses.Count > 0) instances = instances.Where(i => statuses.Contains(i.Status));
        return await instances.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
    }

    public async Task<AlterationDryRun> DryRunAsync(AlterationRequest request, string tenantId, string actor, CancellationToken ct)
    {
        var alterations = Alteration.Parse(request.Alterations);
        var ids = await SelectAsync(request, tenantId, ct);
        var movable = new List<Guid>();
        var refused = new List<RefusedInstance>();
        foreach (var batch in ids.Chunk(Math.Max(1, options.Value.AlterationBatchSize)))
        {
            var outcome = await runtime.AlterAsync(batch, tenantId, alterations, actor, dryRun: true, ct);
            foreach (var id in batch)
                if (outcome[id] is { } reason) refused.Add(new(id, reason));
                else movable.Add(id);
        }
        return new(movable, refused);
    }

    public async Task<AlterationRun> RunAsync(AlterationRequest request, string tenantId, string actor, CancellationToken ct)
    {
        var alterations = Alteration.Parse(request.Alterations);
        var ids = await SelectAsync(request, tenantId, ct);
        if (ids.Count > MaxRunAtOnce)
            throw Alteration.Invalid("workflowInstanceIds", $"{ids.Count} instances: run at most {MaxRunAtOnce} at once, or submit the plan.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await runtime.AlterAsync(ids, tenantId, alterations, actor, dryRun: false, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new([.. ids.Select(id => new AlterationResult(id, outcome[id] is null, outcome[id]))]);
    }

    public async Task<AlterationSubmitted> SubmitAsync(AlterationRequest request, string tenantId, string actor, CancellationToken ct)
    {
        Alteration.Parse(request.Alterations);
        var ids = await SelectAsync(request, tenantId, ct);
        var plan = new AlterationPlan
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, AlterationsJson = request.Alterations!.ToJsonString(), Status = AlterationStatus.Pending,
            CreatedBy = actor, CreatedAt = time.GetUtcNow(), Total = ids.Count,
        };
        db.AlterationPlans.Add(plan);
        db.AlterationJobs.AddRange(ids.Select(id => new AlterationJob { Id = Guid.CreateVersion7(), PlanId = plan.Id, InstanceId = id, Status = AlterationStatus.Pending }));
        if (ids.Count == 0)
        {
            plan.Status = AlterationStatus.Completed;
            plan.CompletedAt = plan.CreatedAt;
        }
        await db.SaveChangesAsync(ct);
        return new(plan.Id, ids.Count);
    }

    public async Task<AlterationPlanView?> FindAsync(Guid planId, string tenantId, CancellationToken ct)
    {
        var plan = await db.AlterationPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId && p.TenantId == tenantId, ct);
        if (plan is null) return null;
        var jobs = await db.AlterationJobs.AsNoTracking().Where(j => j.PlanId == planId).OrderBy(j => j.InstanceId).ToListAsync(ct);
        return new(new(plan.Id, plan.Status, JsonNode.Parse(plan.AlterationsJson), plan.CreatedBy, plan.CreatedAt, plan.CompletedAt, plan.Total,
                jobs.Count(j => j.Status == AlterationStatus.Completed), jobs.Count(j => j.Status == AlterationStatus.Failed)),
            [.. jobs.Select(j => new AlterationJobView(j.InstanceId, j.Status, j.Log, j.CompletedAt))]);
    }
}

/// <summary>
/// Applies submitted plans in batches (<see cref="WorkflowOptions.AlterationBatchSize"/> instances per transaction): the batch's jobs
/// are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so replicas share a plan and none applies a job twice. A batch that cannot commit
/// is applied one instance at a time, and an instance that still fails is marked Failed with the error, so a plan always ends.
/// </summary>
public sealed class AlterationRunner(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<AlterationRunner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ApplyBatchAsync(only: null, stoppingToken) == 0)
                    await Task.Delay(options.Value.AlterationPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Applying alterations failed; retrying");
                await Task.Delay(options.Value.AlterationPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Applies one batch of pending jobs (or the one job <paramref name="only"/>); returns how many were claimed.</summary>
    public async Task<int> ApplyBatchAsync(Guid? only, CancellationToken ct)
    {
        var claimed = new List<Guid>();
        try
        {
            return await ApplyAsync(only, claimed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && only is null && claimed.Count > 1)
        {
            logger.LogWarning(ex, "A batch of {Count} alteration jobs could not commit; applying them one by one", claimed.Count);
            foreach (var job in claimed)
            {
                try
                {
                    await ApplyAsync(job, [], ct);
                }
                catch (Exception one) when (one is not OperationCanceledException && StoreErrors.IsTransient(one))
                {
                    // Its instance is held by another writer a moment longer: the job stays pending for the next pass, and the jobs
                    // after it in this batch are still applied.
                    logger.LogInformation(one, "Alteration job {Job} met a transient database failure; it stays pending", job);
                }
                catch (Exception one) when (one is not OperationCanceledException)
                {
                    await FailAsync(job, one, ct);
                }
            }
            return claimed.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && only is { } job && !StoreErrors.IsTransient(ex))
        {
            await FailAsync(job, ex, ct);
            return 1;
        }
    }

    async Task<int> ApplyAsync(Guid? only, List<Guid> claimed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var jobs = await Claim(db, only, Math.Max(1, options.Value.AlterationBatchSize)).ToListAsync(ct);
        if (jobs.Count == 0)
        {
            if (only is null) await CompleteFinishedPlansAsync(db, time.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
            return 0;
        }
        claimed.AddRange(jobs.Select(j => j.Id));
        var now = time.GetUtcNow();
        foreach (var group in jobs.GroupBy(j => j.PlanId))
        {
            var plan = await db.AlterationPlans.SingleAsync(p => p.Id == group.Key, ct);
            plan.StartedAt ??= now;
            var alterations = Alteration.Parse(JsonNode.Parse(plan.AlterationsJson) as JsonArray);
            var outcome = await runtime.AlterAsync(group.Select(j => j.InstanceId).ToList(), plan.TenantId, alterations, plan.CreatedBy, dryRun: false, ct);
            foreach (var job in group)
            {
                job.Status = outcome[job.InstanceId] is null ? AlterationStatus.Completed : AlterationStatus.Failed;
                job.Log = outcome[job.InstanceId];
                job.CompletedAt = now;
            }
            WorkflowMetrics.Alterations.Add(group.Count(j => j.Status == AlterationStatus.Completed), new KeyValuePair<string, object?>("outcome", "altered"));
            WorkflowMetrics.Alterations.Add(group.Count(j => j.Status == AlterationStatus.Failed), new KeyValuePair<string, object?>("outcome", "refused"));
        }
        await db.SaveChangesAsync(ct);
        await CompletePlansAsync(db, jobs.Select(j => j.PlanId).Distinct().ToList(), now, ct);
        await transaction.CommitAsync(ct);
        return jobs.Count;
    }

    static IQueryable<AlterationJob> Claim(WorkflowDbContext db, Guid? only, int batch) => db.Database.IsNpgsql()
        ? only is { } id
            ? db.AlterationJobs.FromSqlInterpolated($"SELECT * FROM alteration_jobs WHERE \"Id\" = {id} AND \"Status\" = {AlterationStatus.Pending} FOR UPDATE SKIP LOCKED")
            : db.AlterationJobs.FromSqlInterpolated($"""
                SELECT * FROM alteration_jobs WHERE "Status" = {AlterationStatus.Pending}
                ORDER BY "PlanId", "InstanceId" LIMIT {batch} FOR UPDATE SKIP LOCKED
                """)
        : db.AlterationJobs.Where(j => j.Status == AlterationStatus.Pending && (only == null || j.Id == only)).OrderBy(j => j.PlanId).ThenBy(j => j.InstanceId).Take(batch);

    static async Task CompletePlansAsync(WorkflowDbContext db, List<Guid> plans, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var planId in plans)
        {
            if (await db.AlterationJobs.AnyAsync(j => j.PlanId == planId && j.Status == AlterationStatus.Pending, ct)) continue;
            await db.AlterationPlans.Where(p => p.Id == planId && p.Status != AlterationStatus.Completed).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, AlterationStatus.Completed).SetProperty(p => p.CompletedAt, now), ct);
        }
    }

    /// <summary>
    /// Completes every plan that has no pending job left. Two replicas that commit a plan's last two batches at the same moment each
    /// still see the other's jobs pending when they look, so neither completes the plan; the runner that next finds nothing to do does.
    /// </summary>
    static Task<int> CompleteFinishedPlansAsync(WorkflowDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.AlterationPlans.Where(p => p.Status != AlterationStatus.Completed
                                      && !db.AlterationJobs.Any(j => j.PlanId == p.Id && j.Status == AlterationStatus.Pending))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, AlterationStatus.Completed).SetProperty(p => p.CompletedAt, now), ct);

    async Task FailAsync(Guid jobId, Exception error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var now = time.GetUtcNow();
        var job = await db.AlterationJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.Status != AlterationStatus.Pending) return;
        job.Status = AlterationStatus.Failed;
        job.Log = error.GetBaseException().Message;
        job.CompletedAt = now;
        await db.SaveChangesAsync(ct);
        await CompletePlansAsync(db, [job.PlanId], now, ct);
        WorkflowMetrics.Alterations.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        logger.LogError(error, "Alteration job {Job} of plan {Plan} failed on instance {Instance}", job.Id, job.PlanId, job.InstanceId);
    }
}
