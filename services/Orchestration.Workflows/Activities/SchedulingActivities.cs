using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Time;
using static Orchestration.Workflows.Activities.Descriptors;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Activities;

/// <summary>
/// A wait counted in working days (C5): the county date it opened on and its length, kept on the timer so the due date is planned
/// again when the official calendar of a year it touches is loaded or changed.
/// </summary>
public sealed record WorkingDayWindow(DateOnly OpensOn, int WorkingDays)
{
    const string Property = "workingDayWindow";

    /// <summary>The window closes at the end of its last working day: the timer falls due at the county's next midnight.</summary>
    public DateTimeOffset DueAt(IWorkingDayCalendar calendar, CountyClock clock, string? tenantId) =>
        clock.StartOf(LastDay(calendar).AddDays(1), tenantId);

    public DateOnly LastDay(IWorkingDayCalendar calendar) => calendar.EndOfWindow(OpensOn, WorkingDays);

    public JsonObject ToPayload() => new()
    {
        [Property] = new JsonObject { ["opensOn"] = OpensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["workingDays"] = WorkingDays },
    };

    public static WorkingDayWindow? FromPayload(string? payloadJson)
    {
        if (payloadJson is null || !payloadJson.Contains(Property, StringComparison.Ordinal)) return null;
        return JsonNode.Parse(payloadJson)?[Property] is JsonObject window
               && DateOnly.TryParseExact(X.AsText(window["opensOn"]), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opensOn)
               && X.AsInt(window["workingDays"]) is { } days and > 0
            ? new WorkingDayWindow(opensOn, days)
            : null;
    }
}

/// <summary>
/// Waits a time span, a number of working days of the official calendar (C5: a publicity window that opens today ends at the
/// close of its last working day), or a number of calendar months (probation: 12).
/// </summary>
public sealed class DelayActivity : IActivityType
{
    public string TypeName => "Elsa.Delay";

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity("Elsa.Delay", "Scheduling", "Delay",
        "Waits a time span (00:05:00), a number of working days of the official calendar, or a number of months.",
        [Input("TimeSpan", "TimeSpan", description: "e.g. 00:05:00 or 7.00:00:00"),
         Input("WorkingDays", "Int32", displayName: "Working days 工作日", description: "A publicity window: opens today, ends at the close of its last working day."),
         Input("Months", "Int32", displayName: "Months 月", description: "e.g. 12 for a one-year probation.")]);

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var key = context.Run.TimerKey(context.Node);
        if (X.AsInt(context.Input("workingDays")) is { } workingDays and > 0)
        {
            var window = new WorkingDayWindow(context.Run.Today, workingDays);
            var due = window.DueAt(context.Calendar, context.Run.Clock, context.Run.TenantId);
            return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Timer, key, due, window.ToPayload())));
        }
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Timer, key, DueAt(context))));
    }

    static DateTimeOffset DueAt(ActivityExecution context)
    {
        if (X.AsInt(context.Input("months")) is { } months and > 0)
            return context.Run.Clock.Local(context.Now, context.Run.TenantId).AddMonths(months).ToUniversalTime();

        var text = context.Text("timeSpan") ?? throw new InvalidOperationException($"{context.Node.Id}: give a time span, working days or months.");
        return context.Now + TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}

/// <summary>Inside a running procedure: waits one interval, then continues.</summary>
public sealed class TimerActivity : IActivityType
{
    public string TypeName => "Elsa.Timer";

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity("Elsa.Timer", "Scheduling", "Timer", "Waits one interval, then continues (in a loop: a recurring step).",
        [Input("Interval", "TimeSpan", defaultValue: "00:01:00")], kind: "Trigger");

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var interval = TimeSpan.Parse(context.Text("interval") ?? "00:01:00", CultureInfo.InvariantCulture);
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Timer, context.Run.TimerKey(context.Node), context.Now + interval)));
    }
}

/// <summary>
/// Waits for the next occurrence of a six-field (seconds first) cron expression in county time: <c>0 0 0 1 1 *</c> is the county's
/// 1 January at midnight. (Elsa evaluates cron in UTC; a county runs on its own dates.)
/// </summary>
public sealed class CronActivity : IActivityType
{
    public string TypeName => "Elsa.Cron";

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity("Elsa.Cron", "Scheduling", "Cron", "Waits for the next occurrence of a cron expression (seconds first, county time).",
        [Input("CronExpression", "String", description: "e.g. 0 0 0 1 1,4,7,10 * for each quarter")], kind: "Trigger");

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var expression = CronExpression.Parse(context.Text("cronExpression") ?? "", CronFormat.IncludeSeconds);
        var next = expression.GetNextOccurrence(context.Now, context.Run.Clock.Zone(context.Run.TenantId))
                   ?? throw new InvalidOperationException($"{context.Node.Id}: the cron expression never occurs again.");
        return ValueTask.FromResult(ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Timer, context.Run.TimerKey(context.Node), next.ToUniversalTime())));
    }
}

/// <summary>Waits until a moment; continues at once if it has passed (a birthday reaching the transfer age, say).</summary>
public sealed class StartAtActivity : IActivityType
{
    public string TypeName => "Elsa.StartAt";

    public bool CanBlock => true;

    public JsonObject Descriptor { get; } = Activity("Elsa.StartAt", "Scheduling", "Start At", "Waits until a date and time.",
        [Input("DateTime", "DateTimeOffset", "datetime-picker")], kind: "Trigger");

    public ValueTask<ActivityOutcome> ExecuteAsync(ActivityExecution context)
    {
        var at = DateTimeOffset.Parse(context.Text("dateTime") ?? throw new InvalidOperationException($"{context.Node.Id}: no date."), CultureInfo.InvariantCulture);
        return ValueTask.FromResult(at <= context.Now
            ? ActivityOutcome.Done
            : ActivityOutcome.Wait(new BookmarkRequest(BookmarkKinds.Timer, context.Run.TimerKey(context.Node), at)));
    }
}
