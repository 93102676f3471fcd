using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Accountability;

/// <param name="InspectionId">The inspection's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="TeamLeader">The inspection team leader, who answers for it (C2).</param>
/// <param name="AnnouncedOn">The county date the inspection was announced (考察预告, V1).</param>
/// <param name="StartsOn">The county date the inspection started.</param>
public sealed record InspectionResponsibility(Guid InspectionId, Guid ProcedureId, string TeamLeader, DateOnly AnnouncedOn, DateOnly StartsOn);

/// <summary>A decision meeting's voters; at an open ballot how each voted (seed 002: those who opposed or abstained bear no responsibility).</summary>
/// <param name="MeetingId">The decision meeting's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Outcome">What the meeting decided: Approved, Rejected, QuorumMissing or Deferred (V6).</param>
/// <param name="Body">Who voted: StandingCommittee or FullCommittee (V6).</param>
/// <param name="SecretBallot">The vote was by secret ballot, so no one's vote is recorded.</param>
/// <param name="Voters">Every member who took part.</param>
/// <param name="RecordedAt">When the meeting was recorded (UTC instant).</param>
/// <param name="Ballots">How each member voted at an open ballot (those who opposed or abstained bear no responsibility, seed 002); empty for a secret ballot.</param>
public sealed record DecisionResponsibility(Guid MeetingId, Guid ProcedureId, string Outcome, DecisionBody Body, bool SecretBallot,
    IReadOnlyList<string> Voters, DateTimeOffset RecordedAt, IReadOnlyList<Ballot> Ballots);

/// <summary>C2 — who inspected and who voted on a cadre (the nominator is answered by the nomination service).</summary>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Inspections">The inspections of the cadre and who led each (C2).</param>
/// <param name="Decisions">The decision meetings on the cadre and who voted (C2).</param>
public sealed record AccountabilityRecord(Guid CadreId, IReadOnlyList<InspectionResponsibility> Inspections, IReadOnlyList<DecisionResponsibility> Decisions);

internal static class AccountabilityEndpoints
{
    public static void MapAccountability(this RouteGroupBuilder vetting) =>
        vetting.MapGet("/accountability", async ([Description("The cadre whose inspectors and voters are listed.")] Guid cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
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
