using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>
/// C3, A5 — a commendation (audit) or an organizational measure (disposition) reported for a cadre enters the cadre's file, once per
/// reported fact however often it is announced. The entry is kept even when the cadre's file is opened later: the file shows it then.
/// </summary>
public sealed class ReportedEntryConsumer(VettingDbContext db, TimeProvider time) : InboxConsumer<CadreFileEntryReported, VettingDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<CadreFileEntryReported> context, CancellationToken cancellationToken)
    {
        var reported = context.Message;
        if (await Db.CadreFileEntries.AnyAsync(e => e.TenantId == reported.TenantId && e.Source == reported.Source
                                                    && e.SourceReference == reported.SourceReference, cancellationToken))
            return;
        // The file is read in Chinese: a measure is named as the department names it (离岗培训), not by its code (OffPostTraining).
        var detail = reported.Kind == CadreFileEntryKinds.Disposition
            ? Choices.ChineseName(typeof(Contracts.Disposition.DispositionMeasure), reported.Detail)
            : reported.Detail;
        var summary = $"{detail}：{reported.Summary}（{reported.RuleId}）";
        Db.CadreFileEntries.Add(new CadreFileEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = reported.TenantId,
            CadreId = reported.CadreId,
            Category = CategoryOf(reported.Kind),
            Year = reported.On.Year,
            Summary = summary.Length > 4000 ? summary[..3999] + "…" : summary,
            Source = reported.Source,
            SourceReference = reported.SourceReference,
            On = reported.On,
            RecordedBy = CommandActor.Current ?? reported.Source,
            RecordedAt = time.GetUtcNow(),
        });
    }

    /// <summary>The part of the file a reported kind belongs to; an unknown kind is kept under Other rather than lost.</summary>
    public static CadreFileCategory CategoryOf(string kind) => kind switch
    {
        CadreFileEntryKinds.Commendation => CadreFileCategory.Commendation,
        CadreFileEntryKinds.Disposition => CadreFileCategory.Disposition,
        _ => CadreFileCategory.Other,
    };
}
