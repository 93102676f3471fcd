namespace Orchestration.Contracts.Workflows;

/// <summary>
/// A dated wait a service keeps outside any procedure's timer: a departing leader's handover (A4, 限时离任交接), a village's
/// rectification after an incompetent grade (P2, 限期整改), a unit in the year's audit plan (A2). The service announces it when it
/// is set and again when it is met; the workflow server lists it among the reminders (upcoming, then overdue after
/// <paramref name="DueOn"/>) and in their iCalendar feed.
/// </summary>
/// <param name="Key">Names the wait within the county, e.g. "audit/departure/0193…/handover"; a later notice of the same key replaces it.</param>
/// <param name="Service">The service that keeps it: audit, village-pay …</param>
/// <param name="Kind">handover, rectification or planned-audit.</param>
/// <param name="Subject">What is awaited, in the department's words (e.g. "离任交接：第一苏木").</param>
/// <param name="CadreId">The cadre concerned, when one is.</param>
/// <param name="DueOn">The last county day the wait may take.</param>
/// <param name="Responsible">The person who set it (the one to follow it up).</param>
/// <param name="RuleId">The rule the deadline comes from.</param>
/// <param name="MetOn">The county day it was met; null while it is open.</param>
/// <param name="At">When the service recorded this notice (UTC); an older notice never replaces a newer one.</param>
public sealed record ServiceDeadline(
    string TenantId,
    string Key,
    string Service,
    string Kind,
    string Subject,
    Guid? CadreId,
    DateOnly DueOn,
    string? Responsible,
    string? RuleId,
    DateOnly? MetOn,
    DateTimeOffset At);
