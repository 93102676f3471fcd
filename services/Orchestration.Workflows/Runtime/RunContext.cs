using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;

namespace Orchestration.Workflows.Runtime;

/// <summary>One run of one instance, from where it was started or resumed until it blocks, finishes or faults.</summary>
public sealed class RunContext
{
    internal RunContext(WorkflowDbContext db, WorkflowInstance instance, Flowchart flowchart, InstanceState state, JournalWriter journal,
        DateTimeOffset now, IWorkingDayCalendar calendar, CountyClock clock, ILogger logger)
    {
        Db = db;
        Instance = instance;
        Flowchart = flowchart;
        State = state;
        Journal = journal;
        Now = now;
        Calendar = calendar;
        Clock = clock;
        Today = clock.DateOf(now, instance.TenantId);
        Logger = logger;
    }

    internal WorkflowDbContext Db { get; }

    public WorkflowInstance Instance { get; }

    public Guid InstanceId => Instance.Id;

    public string TenantId => Instance.TenantId;

    public Flowchart Flowchart { get; }

    public InstanceState State { get; }

    public JournalWriter Journal { get; }

    public DateTimeOffset Now { get; }

    public IWorkingDayCalendar Calendar { get; }

    public CountyClock Clock { get; }

    /// <summary>The county date of this run (the tenant's time zone): what <c>today()</c> answers in expressions.</summary>
    public DateOnly Today { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// Who caused this run: the person whose fact resumed it, the one who started it, or the timer. The commands it sends carry them
    /// (header <see cref="CommandActor.Header"/>), so the services record people, not workflow ids (C2).
    /// </summary>
    public string? Actor { get; set; }

    /// <summary>What expressions on the main path see (variables, input, the main path's last result, today).</summary>
    public ExpressionScope Scope => scope ??= ScopeFor(Branches.Main);

    ExpressionScope? scope;

    internal void Refresh() => scope = null;

    /// <summary>Scripts also see the globals <c>input</c> and <c>lastResult</c> (<see cref="WorkflowOptions.LegacyExpressionGlobals"/>).</summary>
    public bool LegacyExpressionGlobals { get; init; }

    /// <summary>What expressions on <paramref name="branch"/> see: its own last result.</summary>
    public ExpressionScope ScopeFor(string branch) => new(State.Variables, State.Input, State.ResultOf(branch))
    {
        Today = Today,
        Workflow = new(Instance.Id.ToString(), Instance.DefinitionId, Instance.DefinitionVersionId, Instance.Version, Instance.Name),
        InputNames = Flowchart.InputNames,
        LegacyGlobals = LegacyExpressionGlobals,
    };

    /// <summary>
    /// Sends a message with this run's commit (the outbox), ordered per procedure; a domain command with the token of the step that
    /// waits for its answer.
    /// </summary>
    public void Publish(object message, string? stepToken = null)
    {
        Db.PublishViaOutbox(message, partitionKey: InstanceId.ToString(), stepToken: stepToken, actor: Actor);
        Journal.Append(Now, "MessageSent", message: message.GetType().Name, payloadJson: System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), ElsaJson.Options));
    }

    public string TimerKey(ActivityNode node) => $"{InstanceId}:{node.Id}";

    internal string? TraceParent => Activity.Current?.Id;

    /// <summary>The steps still to run in this run (the engine's queue).</summary>
    internal Queue<Step>? Queue { get; set; }

    /// <summary>
    /// A WaitAny join continued: the other branches of its fork stop where they are (their waits and queued steps that lead to the
    /// join are cancelled), as Elsa cancels a join's other inbound paths.
    /// </summary>
    public void CancelSiblingBranches(string parent, string joinId)
    {
        var prefix = parent + "/";
        bool Sibling(string branch, string activityId) => branch.StartsWith(prefix, StringComparison.Ordinal)
            && (activityId == joinId || Flowchart.Reaches(activityId, joinId));
        if (Queue is { Count: > 0 } queue)
        {
            var keep = queue.Where(s => !Sibling(s.Branch, s.ActivityId)).ToList();
            queue.Clear();
            foreach (var step in keep) queue.Enqueue(step);
        }
        foreach (var entry in Db.ChangeTracker.Entries<BookmarkRecord>().Where(e => e.Entity.InstanceId == InstanceId).ToList())
        {
            if (entry.State is Microsoft.EntityFrameworkCore.EntityState.Deleted or Microsoft.EntityFrameworkCore.EntityState.Detached) continue;
            if (!Sibling(WorkflowEngine.BranchOf(entry.Entity), entry.Entity.ActivityId)) continue;
            Journal.Append(Now, "Cancelled", entry.Entity.ActivityId, message: $"branch joined at {joinId}", cadreId: Instance.CadreId);
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added) entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            else entry.State = Microsoft.EntityFrameworkCore.EntityState.Deleted;
        }
    }
}
