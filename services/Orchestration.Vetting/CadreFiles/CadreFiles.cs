using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>Opens cadre files, appends to them and verifies submitted ages and history against them (C3, V2).</summary>
public sealed class CadreFiles(VettingDbContext db, TimeProvider time)
{
    /// <summary>
    /// Adds the file and its announcement to the unit of work; the caller saves. The announcement belongs to no procedure: procedures
    /// that follow a cadre from the file (D5's age transfer) start from it.
    /// </summary>
    public async Task<CadreFile> Open(string tenantId, OpenCadreFileRequest request, string recordedBy, CancellationToken ct)
    {
        if (await db.CadreFiles.AnyAsync(f => f.TenantId == tenantId && f.CadreId == request.CadreId, ct))
            throw new StateConflictException("The cadre already has a file: one person, one file.", "C3");
        var sex = request.Sex ?? throw new RuleViolationException("sex", "C3", "The file needs the cadre's sex (male or female).");
        var file = new CadreFile
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            CadreId = request.CadreId,
            Name = request.Name.Trim(),
            Sex = request.Sex,
            BirthDate = request.BirthDate,
            PartyJoinedOn = request.PartyJoinedOn,
            WorkStartedOn = request.WorkStartedOn,
            Education = request.Education.Trim(),
            CareerHistory = [.. request.CareerHistory.Select(l => l.Trim())],
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.CadreFiles.Add(file);
        db.PublishViaOutbox(new CadreFileOpened(Guid.Empty, tenantId, file.CadreId, file.Name, file.BirthDate, sex, file.PartyJoinedOn, file.WorkStartedOn),
            partitionKey: file.CadreId.ToString());
        return file;
    }

    public async Task<CadreFileEntry> Append(string tenantId, Guid cadreId, CadreFileEntryRequest request, string recordedBy, CancellationToken ct)
    {
        await Require(tenantId, cadreId, ct);
        var entry = new CadreFileEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            CadreId = cadreId,
            Category = request.Category,
            Year = request.Year,
            Summary = request.Summary.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.CadreFileEntries.Add(entry);
        return entry;
    }

    /// <summary>Adds the verification and its result event to the unit of work; the caller saves.</summary>
    public async Task<AgesAndHistoryVerification> Verify(VerifyAgesAndHistory command, string recordedBy, CancellationToken ct)
    {
        var file = await Require(command.TenantId, command.CadreId, ct);
        var mismatches = AgesAndHistoryCheck.Compare(command, file);
        var reason = mismatches.Count == 0 ? null
            : $"Differs from the file: {string.Join("; ", mismatches.Select(m => $"{m.Field} submitted '{m.Submitted}', file '{m.InFile}'"))}.";
        var verification = new AgesAndHistoryVerification
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Passed = mismatches.Count == 0,
            MismatchedFields = [.. mismatches.Select(m => m.Field)],
            Reason = reason,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.AgesAndHistoryVerifications.Add(verification);
        db.PublishViaOutbox(new AgesAndHistoryVerified(command.ProcedureId, command.TenantId, command.CadreId,
            verification.Passed ? Outcomes.Passed : Outcomes.Failed, verification.Passed ? null : "V2", reason, [.. mismatches]),
            partitionKey: command.CadreId.ToString());
        return verification;
    }

    async Task<CadreFile> Require(string tenantId, Guid cadreId, CancellationToken ct) =>
        await db.CadreFiles.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == tenantId && f.CadreId == cadreId, ct)
        ?? throw new RuleViolationException("cadreId", "C3", "The cadre has no file: open it from the personnel archive first.");
}
