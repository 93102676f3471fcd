using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Selection;

/// <summary>
/// The yearly selection to public-institution pay (P3), whether asked over HTTP or by a workflow. Each method checks
/// everything before it changes anything, then adds its records and result event; the caller saves.
/// </summary>
public sealed class SelectionRounds(VillagePayDbContext db, IOptions<VillagePayOptions> options, IWorkingDayCalendar calendar, CountyClock clock)
{
    VillagePayOptions Options => options.Value;

    public async Task<SelectionRound> OpenAsync(OpenSelectionRound command, string openedBy, CancellationToken cancellationToken)
    {
        var villages = await db.Villages.CountAsync(v => v.TenantId == command.TenantId, cancellationToken);
        if (villages == 0) throw new RuleViolationException("year", "P3", "No village is registered: the places are a share of all villages.");
        var minimum = SelectionFunnel.MinimumPlaces(villages, Options);
        var places = command.Places ?? minimum;
        if (places < minimum)
            throw new RuleViolationException("places", "P3",
                $"At least {Options.MinimumSelectionShare:P0} of all {villages} villages are selected each year, rounded up: {minimum} places or more.");
        if (await db.SelectionRounds.AnyAsync(r => r.TenantId == command.TenantId && r.Year == command.Year, cancellationToken))
            throw new StateConflictException($"The selection of {command.Year} is open already.", "P3");

        var round = new SelectionRound
        {
            Id = Guid.CreateVersion7(), TenantId = command.TenantId, ProcedureId = command.ProcedureId, Year = command.Year,
            Villages = villages, Places = places, CompletedStage = SelectionStage.Applications, OpenedBy = openedBy, OpenedAt = clock.UtcNow,
        };
        db.SelectionRounds.Add(round);
        db.PublishViaOutbox(new SelectionRoundOpened(command.ProcedureId, command.TenantId, round.Id, round.Year, villages, places, Outcomes.Done, "P3",
            $"{places} places for {villages} villages (at least {minimum})"), partitionKey: round.Id.ToString());
        return round;
    }

    /// <summary>A serving principal applies to their township while the round takes applications.</summary>
    public async Task<SelectionApplication> ApplyAsync(string tenantId, Guid roundId, Guid villageId, CancellationToken cancellationToken)
    {
        var round = await Find(tenantId, roundId, cancellationToken);
        if (round.CompletedStage != SelectionStage.Applications)
            throw new StateConflictException($"The {round.Year} selection no longer takes applications: the {SelectionFunnel.Describe(round.CompletedStage)} is decided.", "P3");
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == villageId && v.TenantId == tenantId, cancellationToken)
                      ?? throw new NotFoundException($"Village {villageId} is not registered.");
        if (village.PrincipalName is null)
            throw new RuleViolationException("villageId", "P3", $"{village.Name} has no principal in post to apply.");
        if (round.Applications.Any(a => a.VillageId == villageId))
            throw new StateConflictException($"The principal of {village.Name} has applied already.", "P3");

        var application = new SelectionApplication
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, VillageId = village.Id, PrincipalName = village.PrincipalName, Village = village.Name,
            Township = village.Township, ReachedStage = SelectionStage.Applications, AppliedAt = clock.UtcNow,
        };
        db.SelectionApplications.Add(application);
        return application;
    }

    /// <summary>Records the next stage's decision: the applications in <see cref="AdvanceSelection.Advancing"/> go on, the rest of the pool drop.</summary>
    public async Task<(SelectionRound Round, SelectionStageRecord Record)> AdvanceAsync(AdvanceSelection command, string decidedBy,
        CancellationToken cancellationToken)
    {
        var round = await Find(command.TenantId, command.RoundId, cancellationToken);
        var today = clock.Today(round.TenantId);
        if (round.CompletedStage == SelectionStage.FinalPublicity)
            throw new StateConflictException($"The {round.Year} selection is complete.", "P3");
        var expected = round.CompletedStage + 1;
        if (command.Stage != expected)
            throw new StateConflictException($"The next stage is the {SelectionFunnel.Describe(expected)}, not the {SelectionFunnel.Describe(command.Stage)}.", "P3");
        if (SelectionFunnel.ClosesPublicity(command.Stage) && round.PublicityEndsOn is { } endsOn && today <= endsOn)
            throw new StateConflictException($"The publicity runs until {endsOn:yyyy-MM-dd} ({Options.SelectionPublicityWorkingDays} working days); it closes after that.", "P3");
        var publicizedOn = command.PublicizedOn ?? today;
        if (SelectionFunnel.OpensPublicity(command.Stage) && publicizedOn > today)
            throw new RuleViolationException("publicizedOn", "P3", "The list cannot be publicized in the future.");

        var pool = round.Applications.Where(a => a.DroppedAt is null && a.ReachedStage == round.CompletedStage).ToList();
        for (var i = 0; i < command.Advancing.Length; i++)
        {
            if (pool.All(a => a.Id != command.Advancing[i]))
                throw new RuleViolationException($"advancing[{i}]", "P3", $"Application {command.Advancing[i]} is not in the running at this stage.");
            if (Array.IndexOf(command.Advancing, command.Advancing[i]) != i)
                throw new RuleViolationException($"advancing[{i}]", "P3", $"Application {command.Advancing[i]} is named twice.");
        }

        var verdict = SelectionFunnel.Check(command.Stage, round.Places, pool.Count, command.Advancing.Length, Options);
        if (verdict.Problem is not null) throw new RuleViolationException("advancing", "P3", verdict.Problem);

        foreach (var application in pool)
        {
            if (command.Advancing.Contains(application.Id)) application.ReachedStage = command.Stage;
            else application.DroppedAt = command.Stage;
        }

        round.CompletedStage = command.Stage;
        if (SelectionFunnel.OpensPublicity(command.Stage))
        {
            round.PublicizedOn = publicizedOn;
            round.PublicityEndsOn = calendar.EndOfWindow(publicizedOn, Options.SelectionPublicityWorkingDays);
        }

        var record = new SelectionStageRecord
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, Stage = command.Stage, Pool = pool.Count, Target = verdict.Target,
            Advanced = command.Advancing.Length, Shortfall = verdict.Shortfall, Grounds = command.Grounds, DecidedBy = decidedBy, DecidedAt = clock.UtcNow,
        };
        db.SelectionStageRecords.Add(record);
        if (command.Stage == SelectionStage.FinalPublicity) await AwardAsync(round, pool.Where(a => command.Advancing.Contains(a.Id)), cancellationToken);

        var reason = verdict.Shortfall == 0
            ? $"{record.Advanced} of {record.Pool} go on from the {SelectionFunnel.Describe(command.Stage)}"
            : verdict.Target is { } target
                ? $"the {SelectionFunnel.Describe(command.Stage)} asks for {target} but only {record.Advanced} go on: {verdict.Shortfall} short"
                : $"only {record.Advanced} go on from the {SelectionFunnel.Describe(command.Stage)} for {round.Places} places: {verdict.Shortfall} short";
        db.PublishViaOutbox(new SelectionStageCompleted(command.ProcedureId, round.TenantId, round.Id, command.Stage, record.Pool, record.Target,
                record.Advanced, record.Shortfall, SelectionFunnel.OpensPublicity(command.Stage) ? round.PublicityEndsOn : null,
                verdict.Shortfall == 0 ? SelectionOutcomes.Completed : SelectionOutcomes.ShortOfCandidates, "P3", reason),
            partitionKey: round.Id.ToString());
        return (round, record);
    }

    /// <summary>Certificates after the final publicity: each selected principal's institution pay for the round's year.</summary>
    async Task AwardAsync(SelectionRound round, IEnumerable<SelectionApplication> selected, CancellationToken cancellationToken)
    {
        var issued = await db.InstitutionPayAwards.CountAsync(a => a.TenantId == round.TenantId && a.Year == round.Year, cancellationToken);
        foreach (var application in selected.OrderBy(a => a.Township).ThenBy(a => a.Village))
            db.InstitutionPayAwards.Add(new InstitutionPayAward
            {
                Id = Guid.CreateVersion7(), TenantId = round.TenantId, RoundId = round.Id, VillageId = application.VillageId,
                PrincipalName = application.PrincipalName, Year = round.Year, CertificateNumber = $"{round.Year}-{++issued:000}",
            });
    }

    /// <summary>
    /// P3 — the yearly review (一年一评、一年一聘): every award of <see cref="RenewInstitutionPay.Year"/> still running is renewed for
    /// the next year, unless the principal left the post or was graded incompetent; those end on 31 December with the ground.
    /// Refused while an awarded village is not graded for the year.
    /// </summary>
    public async Task<(int Renewed, int Ended)> RenewAsync(RenewInstitutionPay command, CancellationToken cancellationToken)
    {
        var awards = await db.InstitutionPayAwards
            .Where(a => a.TenantId == command.TenantId && a.Year == command.Year && a.EndedOn == null).ToListAsync(cancellationToken);
        var villageIds = awards.Select(a => a.VillageId).ToList();
        var villages = await db.Villages.Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var grades = await db.Grades.Where(g => villageIds.Contains(g.VillageId) && g.Year == command.Year)
            .ToDictionaryAsync(g => g.VillageId, g => g.Grade, cancellationToken);
        var renewedAlready = await db.InstitutionPayAwards.Where(a => villageIds.Contains(a.VillageId) && a.Year == command.Year + 1)
            .Select(a => a.VillageId).ToListAsync(cancellationToken);
        var ungraded = awards.Where(a => villages[a.VillageId].PrincipalName == a.PrincipalName && !grades.ContainsKey(a.VillageId)).ToList();
        if (ungraded.Count > 0)
            throw new RuleViolationException("year", "P3",
                $"{ungraded.Count} awarded principal(s) are not graded for {command.Year} yet (e.g. {ungraded[0].PrincipalName}); the renewal follows the yearly grading.");

        int renewed = 0, ended = 0;
        var endOfYear = new DateOnly(command.Year, 12, 31);
        var issued = await db.InstitutionPayAwards.CountAsync(a => a.TenantId == command.TenantId && a.Year == command.Year + 1, cancellationToken);
        foreach (var award in awards)
        {
            if (villages[award.VillageId].PrincipalName != award.PrincipalName)
            {
                (award.EndedOn, award.EndGround, award.EndNote) = (endOfYear, InstitutionPayEndGround.NoLongerPrincipal, "not renewed: left the principal post");
                ended++;
            }
            else if (grades[award.VillageId] == PrincipalGrade.Incompetent)
            {
                (award.EndedOn, award.EndGround, award.EndNote) = (endOfYear, InstitutionPayEndGround.GradedIncompetent, $"not renewed: graded incompetent for {command.Year}");
                ended++;
            }
            else if (!renewedAlready.Contains(award.VillageId))
            {
                db.InstitutionPayAwards.Add(new InstitutionPayAward
                {
                    Id = Guid.CreateVersion7(), TenantId = award.TenantId, RoundId = award.RoundId, VillageId = award.VillageId,
                    PrincipalName = award.PrincipalName, Year = command.Year + 1, CertificateNumber = $"{command.Year + 1}-{++issued:000}",
                    RenewedFromId = award.Id,
                });
                renewed++;
            }
        }

        db.PublishViaOutbox(new InstitutionPayRenewed(command.ProcedureId, command.TenantId, command.Year, renewed, ended, Outcomes.Done, "P3",
            $"{renewed} renewed for {command.Year + 1}, {ended} ended"), partitionKey: $"{command.TenantId}/awards");
        return (renewed, ended);
    }

    /// <summary>Ends an award during its year on a stated ground; it is then not paid for that year.</summary>
    public async Task<InstitutionPayAward> EndAsync(string tenantId, Guid awardId, InstitutionPayEndGround ground, string? note,
        CancellationToken cancellationToken)
    {
        var award = await db.InstitutionPayAwards.SingleOrDefaultAsync(a => a.Id == awardId && a.TenantId == tenantId, cancellationToken)
                    ?? throw new NotFoundException($"Award {awardId} does not exist.");
        if (award.EndedOn is not null) throw new StateConflictException($"The award ended on {award.EndedOn:yyyy-MM-dd} ({award.EndGround}).", "P3");
        (award.EndedOn, award.EndGround, award.EndNote) = (clock.Today(tenantId), ground, note);
        return award;
    }

    async Task<SelectionRound> Find(string tenantId, Guid roundId, CancellationToken cancellationToken) =>
        await db.SelectionRounds.Include(r => r.Applications)
            .SingleOrDefaultAsync(r => r.Id == roundId && r.TenantId == tenantId, cancellationToken)
        ?? throw new NotFoundException($"Selection round {roundId} does not exist.");
}
