using System.ComponentModel;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Reminders;

/// <summary>
/// One wait of a running procedure with a date: a timer (the next monthly talk, the end of a probation or a publicity) falls due on
/// <see cref="DueAt"/>; a step waiting for what a person records (a talk held, a revisit, a review) is due from when the wait began
/// and overdue after <see cref="ReminderQueries.OverdueAfter"/>. The responsible person is whoever last moved the procedure. A service's
/// own dated wait (<see cref="Orchestration.Contracts.Workflows.ServiceDeadline"/>: a handover deadline, say) has kind <c>deadline</c>, no
/// instance (<see cref="Guid.Empty"/>), the service as <see cref="DefinitionId"/> and its key as <see cref="ActivityId"/>; it is overdue the
/// day after <see cref="DueOn"/>, and the person who set it is responsible.
/// </summary>
public sealed record Reminder(Guid InstanceId, string DefinitionId, string Procedure, Guid? CadreId, string ActivityId, string Step, string Kind,
    DateTimeOffset DueAt, DateOnly DueOn, bool Overdue, string? Responsible);

/// <summary>The waits with a date of the county's running procedures, upcoming and overdue, for a list and an iCalendar feed (C1 reminders).</summary>
public static class ReminderQueries
{
    /// <summary>A wait for a person's fact is overdue once it has waited this long (the seeds' monthly talks come a month apart).</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromDays(7);

    static readonly HashSet<string> NotPeople = ["timer", "calendar", "system"];

    public static async Task<IReadOnlyList<Reminder>> ForTenantAsync(WorkflowDbContext db, CountyClock clock, string tenantId, int withinDays,
        string? responsible, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var horizon = now.AddDays(withinDays);
        var waits = await (from b in db.Bookmarks.AsNoTracking()
                           join i in db.Instances.AsNoTracking() on b.InstanceId equals i.Id
                           where i.TenantId == tenantId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended)
                                 && ((b.Kind == BookmarkKinds.Timer && b.DueAt != null && b.DueAt <= horizon) || b.Kind == BookmarkKinds.DomainResult)
                           orderby b.CreatedAt
                           select new { b.InstanceId, b.ActivityId, b.Kind, b.DueAt, b.CreatedAt, i.DefinitionId, i.Name, i.CadreId })
            .Take(1000).ToListAsync(ct);
        var ids = waits.Select(w => w.InstanceId).Distinct().ToList();
        var journal = await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId) && (j.Actor != null || j.EventName == "Suspended"))
            .Select(j => new { j.InstanceId, j.Sequence, j.Actor, j.EventName, j.ActivityId, j.ActivityName }).ToListAsync(ct);
        var byInstance = journal.GroupBy(j => j.InstanceId).ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.Sequence).ToList());

        var reminders = new List<Reminder>();
        foreach (var wait in waits)
        {
            var entries = byInstance.GetValueOrDefault(wait.InstanceId) ?? [];
            var person = entries.FirstOrDefault(j => j.Actor is { } actor && !NotPeople.Contains(actor) && !actor.StartsWith("workflow:", StringComparison.Ordinal))?.Actor;
            if (responsible is not null && !string.Equals(person, responsible, StringComparison.Ordinal)) continue;
            var step = entries.FirstOrDefault(j => j.EventName == "Suspended" && j.ActivityId == wait.ActivityId)?.ActivityName ?? wait.ActivityId;
            var timer = wait.Kind == BookmarkKinds.Timer;
            var due = timer ? wait.DueAt!.Value : wait.CreatedAt;
            reminders.Add(new Reminder(wait.InstanceId, wait.DefinitionId, wait.Name, wait.CadreId, wait.ActivityId, step, timer ? "timer" : "fact",
                due, clock.DateOf(due, tenantId), timer ? due < now : now - due > OverdueAfter, person));
        }

        // The services' own dated waits (a handover deadline, a rectification, a planned audit): upcoming until their last day, overdue after.
        var today = clock.DateOf(now, tenantId);
        var lastDay = clock.DateOf(horizon, tenantId);
        var deadlines = await db.Set<ServiceDeadlineRecord>().AsNoTracking()
            .Where(d => d.TenantId == tenantId && d.MetOn == null && d.DueOn <= lastDay && (responsible == null || d.Responsible == responsible))
            .OrderBy(d => d.DueOn).Take(1000).ToListAsync(ct);
        foreach (var deadline in deadlines)
            reminders.Add(new Reminder(Guid.Empty, deadline.Service, deadline.Subject, deadline.CadreId, deadline.Key, StepOf(deadline), "deadline",
                clock.StartOf(deadline.DueOn, tenantId), deadline.DueOn, deadline.DueOn < today, deadline.Responsible));
        return [.. reminders.OrderBy(r => r.DueAt)];
    }

    static string StepOf(ServiceDeadlineRecord deadline) => deadline.Kind switch
    {
        "handover" => "离任交接期限 (handover)",
        "rectification" => "限期整改 (rectification)",
        "planned-audit" => "计划审计 (planned audit)",
        _ => deadline.Kind,
    } + (deadline.RuleId is { } rule ? $" · {rule}" : "");

    /// <summary>The reminders as an iCalendar (RFC 5545) feed: one all-day event per wait on its county date.</summary>
    public static string ToICalendar(IEnumerable<Reminder> reminders, string department)
    {
        var calendar = new Calendar { ProductId = "-//Orchestration//Cadre procedures//ZH" };
        calendar.AddProperty("X-WR-CALNAME", $"{department} 干部工作提醒");
        foreach (var reminder in reminders)
        {
            var start = new CalDateTime(reminder.DueOn.Year, reminder.DueOn.Month, reminder.DueOn.Day);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = (reminder.InstanceId == Guid.Empty ? reminder.ActivityId.Replace('/', '-') : $"{reminder.InstanceId}-{reminder.ActivityId}") + "@orchestration",
                Summary = (reminder.Overdue ? "【逾期】" : "") + $"{reminder.Step} · {reminder.Procedure}",
                Description = (reminder.InstanceId == Guid.Empty ? $"{reminder.DefinitionId} {reminder.ActivityId}" : $"procedure {reminder.InstanceId}") + (reminder.CadreId is { } cadre ? $", cadre {cadre}" : "")
                              + (reminder.Responsible is { } person ? $", responsible {person}" : ""),
                DtStart = start,
                DtEnd = start.AddDays(1),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static void MapReminders(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows/reminders").WithTags("Workflows");

        api.MapGet("/", async ([Description("How many days ahead to remind of; 30 when left out (0 to 366).")] int? withinDays, [Description("Only the reminders of this responsible person.")] string? responsible, WorkflowDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
                Results.Ok(await ForTenantAsync(db, clock, http.User.TenantId(), Math.Clamp(withinDays ?? 30, 0, 366), responsible, ct)))
            .WithSummary("Upcoming and overdue waits of the county's running procedures (talks, revisits, probation and publicity ends) and the services' own deadlines (handovers), optionally of one responsible person.");

        api.MapGet("/calendar.ics", async ([Description("How many days ahead the calendar covers; 90 when left out (0 to 366).")] int? withinDays, [Description("Only the reminders of this responsible person.")] string? responsible, WorkflowDbContext db, CountyClock clock,
                Microsoft.Extensions.Configuration.IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var reminders = await ForTenantAsync(db, clock, http.User.TenantId(), Math.Clamp(withinDays ?? 90, 0, 366), responsible, ct);
                return Results.Text(ToICalendar(reminders, ServiceDefaults.Reports.ReportPage.Department(configuration, http.User.TenantId())), "text/calendar",
                    Encoding.UTF8);
            })
            .WithSummary("The same reminders as an iCalendar feed (RFC 5545) to subscribe to in a calendar application.");
    }
}
