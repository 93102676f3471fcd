using Orchestration.Contracts;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Measures;

/// <summary>C3/A5 — a measure decided or carried out reaches the cadre's file: announced for the service that keeps the files.</summary>
public static class CadreFileReports
{
    public static void ReportMeasure(this DispositionDbContext db, DispositionCase @case, string measure, DateOnly on, string summary) =>
        db.PublishViaOutbox(new CadreFileEntryReported(Guid.Empty, @case.TenantId, @case.CadreId, CadreFileEntryKinds.Disposition, measure, summary, on,
            "disposition", $"{@case.Id}/{measure}", "D4"), @case.CadreId.ToString());
}
