using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Reminders;

/// <summary>A dated wait a service keeps (<see cref="ServiceDeadline"/>), as last announced: listed among the reminders while open.</summary>
public sealed class ServiceDeadlineRecord
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string Key { get; set; }

    public required string Service { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public Guid? CadreId { get; set; }

    public DateOnly DueOn { get; set; }

    public string? Responsible { get; set; }

    public string? RuleId { get; set; }

    public DateOnly? MetOn { get; set; }

    /// <summary>When the service recorded the notice kept here (an older one arriving late is ignored).</summary>
    public DateTimeOffset NotedAt { get; set; }
}

/// <summary>Keeps each service's dated waits for the reminders: the latest notice of a key replaces the one before (the inbox drops redeliveries).</summary>
public sealed class ServiceDeadlineConsumer(WorkflowDbContext db) : InboxConsumer<ServiceDeadline, WorkflowDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ServiceDeadline> context, CancellationToken cancellationToken)
    {
        var notice = context.Message;
        var key = Cut(notice.Key, 200);
        var kept = await Db.Set<ServiceDeadlineRecord>().SingleOrDefaultAsync(d => d.TenantId == notice.TenantId && d.Key == key, cancellationToken);
        if (kept is null)
            Db.Set<ServiceDeadlineRecord>().Add(kept = new ServiceDeadlineRecord
            {
                TenantId = Cut(notice.TenantId, 100), Key = key, Service = "", Kind = "", Subject = "",
            });
        else if (kept.NotedAt > notice.At)
            return;
        kept.Service = Cut(notice.Service, 50);
        kept.Kind = Cut(notice.Kind, 40);
        kept.Subject = Cut(notice.Subject, 300);
        kept.CadreId = notice.CadreId;
        kept.DueOn = notice.DueOn;
        kept.Responsible = notice.Responsible is null ? null : Cut(notice.Responsible, 200);
        kept.RuleId = notice.RuleId is null ? null : Cut(notice.RuleId, 20);
        kept.MetOn = notice.MetOn;
        kept.NotedAt = notice.At;
    }

    static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
