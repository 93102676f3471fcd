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

    /// <summary>The activity types of the run (what each declares as outputs).</summary>
    internal Activities.ActivityRegistry? Registry { get; set; }

    /// <summary>The server's services (the HTTP client factory, options) for activities that reach outside.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>
    /// What expressions on <paramref name="branch"/> see: its own last result; inside a workflow used as an activity
    /// (<paramref name="compositeId"/>), that workflow's variables and input.
    /// </summary>
    public ExpressionScope ScopeFor(string branch, string? compositeId = null)
    {
        var composite = compositeId is null ? null : State.Composites.GetValueOrDefault(compositeId);
        var definition = compositeId is null ? null : Flowchart.Activities.GetValueOrDefault(compositeId)?.Definition;
        return new(composite?.Variables ?? State.Variables, composite?.Input ?? State.Input, State.ResultOf(branch))
        {
            Today = Today,
            Workflow = new(Instance.Id.ToString(), Instance.DefinitionId, Instance.DefinitionVersionId, Instance.Version, Instance.Name)
            {
                Correlation = State.CorrelationId,
            },
            InputNames = definition is null ? Flowchart.InputNames
                : [.. (definition["inputs"] as System.Text.Json.Nodes.JsonArray ?? []).Select(i => i.Text("name")).OfType<string>()],
            LegacyGlobals = LegacyExpressionGlobals,
            Locals = State.LocalsOf(branch),
            Outputs = State.ActivityOutputs,
            OutputAccessors = OutputAccessors(),
        };
    }

    IReadOnlyList<OutputAccessor>? outputAccessors;

    /// <summary>Elsa's <c>get{Output}From{Activity}()</c> for every activity that declares outputs.</summary>
    IReadOnlyList<OutputAccessor> OutputAccessors() => outputAccessors ??= [.. Flowchart.Activities.Values
        .SelectMany(node => OutputNamesOf(node).Select(output => new OutputAccessor(node.Id, node.DisplayName, output)))];

    /// <summary>The outputs an activity declares: its type's, or a workflow-as-activity's definition outputs.</summary>
    internal IReadOnlyList<string> OutputNamesOf(ActivityNode node) => node.Definition is { } definition
        ? [.. (definition["outputs"] as System.Text.Json.Nodes.JsonArray ?? []).Select(o => o.Text("name")).OfType<string>()]
        : Registry?.Find(node.Runner)?.OutputNames ?? [];

    /// <summary>
    /// Keeps an output of an activity that declares it, and writes it to the variable the definition binds it to
    /// (<c>{ memoryReference: { id } }</c> naming a variable of the workflow, or of the workflow-as-activity it runs in).
    /// </summary>
    internal void SetOutput(ActivityNode node, string name, System.Text.Json.Nodes.JsonNode? value)
    {
        if (!OutputNamesOf(node).Contains(name, StringComparer.OrdinalIgnoreCase)) return;
        var copy = value is null ? null : System.Text.Json.Nodes.JsonNode.Parse(Expressions.Expressions.Bounded(value.ToJsonString(), $"The output {name} of {node.DisplayName}"));
        var outputs = State.ActivityOutputs.TryGetValue(node.Id, out var kept) ? kept : State.ActivityOutputs[node.Id] = [];
        outputs[name] = copy;

        var property = Activities.Descriptors.PropertyName(name);
        if (node.Json[property] is System.Text.Json.Nodes.JsonObject binding && binding["memoryReference"].Text("id") is { } variableId)
        {
            var definitionVariables = node.Scope is { } scope ? Flowchart.Activities[scope].Definition?["variables"] : DefinitionVariables;
            var variable = (definitionVariables as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonObject>()
                .FirstOrDefault(v => v.Text("id") == variableId || v.Text("name") == variableId);
            if (variable?.Text("name") is { } variableName)
                ScopeFor(Branches.Main, node.Scope).Variables[variableName] = copy?.DeepClone();
        }
    }

    /// <summary>The definition's <c>variables</c> (their ids bind outputs to them).</summary>
    public System.Text.Json.Nodes.JsonNode? DefinitionVariables { get; init; }

    /// <summary>
    /// Stops everything inside <paramref name="containerId"/> (a loop that breaks, a fork that joined, a composite that completed):
    /// its queued steps and waits are cancelled (journaled), and its merges, joins, loops and composites are forgotten.
    /// </summary>
    public void CancelWithin(string containerId, string reason)
    {
        bool Inside(string activityId) => activityId != containerId && Flowchart.IsWithin(activityId, containerId);
        if (Queue is { Count: > 0 } queue)
        {
            var keep = queue.Where(s => !Inside(s.ActivityId)).ToList();
            queue.Clear();
            foreach (var step in keep) queue.Enqueue(step);
        }
        foreach (var entry in Db.ChangeTracker.Entries<BookmarkRecord>().Where(e => e.Entity.InstanceId == InstanceId).ToList())
        {
            if (entry.State is Microsoft.EntityFrameworkCore.EntityState.Deleted or Microsoft.EntityFrameworkCore.EntityState.Detached) continue;
            if (!Inside(entry.Entity.ActivityId)) continue;
            Journal.Append(Now, "Cancelled", entry.Entity.ActivityId, message: reason, cadreId: Instance.CadreId);
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added) entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            else entry.State = Microsoft.EntityFrameworkCore.EntityState.Deleted;
        }
        foreach (var key in State.MergeArrivals.Keys.Where(Inside).ToList()) State.MergeArrivals.Remove(key);
        foreach (var key in State.JoinArrivals.Keys.Where(Inside).ToList()) State.JoinArrivals.Remove(key);
        foreach (var key in State.Loops.Keys.Where(Inside).ToList()) State.Loops.Remove(key);
        foreach (var key in State.Composites.Keys.Where(Inside).ToList()) State.Composites.Remove(key);
    }

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

    /// <summary>Children Dispatch Workflow asked for: started when this run is saved, in the same unit of work.</summary>
    public List<Activities.ChildStart> Dispatched { get; } = [];

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
