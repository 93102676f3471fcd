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
        Scope = NewScope();
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

    /// <summary>Rebuilt when the last result changes, so expressions after a resume see it.</summary>
    public ExpressionScope Scope { get; private set; }

    internal void Refresh() => Scope = NewScope();

    ExpressionScope NewScope() => new(State.Variables, State.Input, State.LastResult) { Today = Today };

    /// <summary>Sends a message with this run's commit (the outbox), ordered per procedure.</summary>
    public void Publish(object message)
    {
        Db.PublishViaOutbox(message, partitionKey: InstanceId.ToString());
        Journal.Append(Now, "MessageSent", message: message.GetType().Name, payloadJson: System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), ElsaJson.Options));
    }

    public string TimerKey(ActivityNode node) => $"{InstanceId}:{node.Id}";

    internal string? TraceParent => Activity.Current?.Id;
}
