using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Accountability;

public sealed record InspectionResponsibility(Guid InspectionId, Guid ProcedureId, string TeamLeader, DateOnly AnnouncedOn, DateOnly StartsOn);

/// <summary>A decision meeting's voters; at an open ballot how each voted (seed 002: those who opposed or abstained bear no responsibility).</summary>
public sealed record DecisionResponsibility(Guid MeetingId, Guid ProcedureId, string Outcome, DecisionBody Body, bool SecretBallot,
    IReadOnlyList<string> Voters, DateTimeOffset RecordedAt, IReadOnlyList<Ballot> Ballots);

/// <summary>C2 — who inspected and who voted on a cadre (the nominator is answered by the nomination service).</summary>
public sealed record AccountabilityRecord(Guid CadreId, IReadOnlyList<InspectionResponsibility> Inspections, IReadOnlyList<DecisionResponsibility> Decisions);

internal static class AccountabilityEndpoints
{
    public static void MapAccountability(this RouteGroupBuilder vetting) =>
        vetting.MapGet("/accountability", async (Guid cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var inspections = await db.Inspections.AsNoTracking()
                    .Where(i => i.TenantId == tenant && i.Candidates.Contains(cadreId)).OrderBy(i => i.RecordedAt)
                    .Select(i => new InspectionResponsibility(i.Id, i.ProcedureId, i.TeamLeader, i.AnnouncedOn, i.StartsOn)).ToListAsync(ct);
                var decisions = await db.DecisionMeetings.AsNoTracking()
                    .Where(m => m.TenantId == tenant && m.CadreId == cadreId).OrderBy(m => m.RecordedAt).ToListAsync(ct);
                return TypedResults.Ok(new AccountabilityRecord(cadreId, inspections,
                    [.. decisions.Select(m => new DecisionResponsibility(m.Id, m.ProcedureId, m.Outcome, m.Body, m.SecretBallot, m.Voters, m.RecordedAt,
                        [.. m.Ballots.Select(b => new Ballot(b.Member, b.Vote))]))]));
            })
            .WithSummary("Who inspected and who voted on a cadre (C2): inspection team leaders and every decision-meeting voter, with how each voted.");
}
