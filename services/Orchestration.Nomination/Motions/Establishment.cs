using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.Nomination.Motions;

/// <summary>
/// N9 — a unit's approved leadership posts (核定领导职数) and how many were filled when the count was taken. Each record supersedes
/// the unit's earlier ones; motions raised after it count their posts against the vacancies it leaves.
/// </summary>
public sealed class UnitEstablishment
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Unit { get; set; }

    public int ApprovedPosts { get; set; }

    /// <summary>Posts filled, or already promised to a motion raised before this record, on <see cref="AsOf"/>.</summary>
    public int OccupiedPosts { get; set; }

    public DateOnly AsOf { get; set; }

    /// <summary>The establishment office's document (编办文号).</summary>
    public required string Reference { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Bumped by every motion that claims a post of the unit, so two motions racing for its last vacancy cannot both succeed.</summary>
    public int Version { get; set; }
}

/// <summary>A post a motion fills (N9), in the order the motion lists them.</summary>
public sealed class MotionPostRecord
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid MotionId { get; set; }

    /// <summary>The post's place in the motion's list, from 1.</summary>
    public int Number { get; set; }

    public required string Unit { get; set; }

    public required string Title { get; set; }

    /// <summary>True when the post is filled beyond the unit's approved posts under the motion's <see cref="OverEstablishment"/>.</summary>
    public bool BeyondEstablishment { get; set; }
}

/// <param name="Unit">The unit.</param>
/// <param name="ApprovedPosts">The unit's approved leadership posts (核定职数) (N9).</param>
/// <param name="OccupiedPosts">The posts occupied on the as-of date.</param>
/// <param name="AsOf">The county date the figures were taken on.</param>
/// <param name="Reference">The reference of the establishment document.</param>
public sealed record RecordEstablishmentRequest(string Unit, int ApprovedPosts, int OccupiedPosts, DateOnly AsOf, string Reference);

/// <summary>A unit's establishment as last recorded, with the posts motions raised since then have claimed.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Unit">The unit.</param>
/// <param name="ApprovedPosts">The unit's approved leadership posts (核定职数) (N9).</param>
/// <param name="OccupiedPosts">The posts occupied on the as-of date.</param>
/// <param name="AsOf">The county date the figures were taken on.</param>
/// <param name="Reference">The reference of the establishment document.</param>
/// <param name="ClaimedByMotions">Posts claimed since by motions raised.</param>
/// <param name="Vacancies">Posts still free: approved, less occupied and claimed (N9).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record EstablishmentResponse(
    Guid Id, string Unit, int ApprovedPosts, int OccupiedPosts, DateOnly AsOf, string Reference, int ClaimedByMotions, int Vacancies,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static EstablishmentResponse From(UnitEstablishment e, int claimed) => new(e.Id, e.Unit, e.ApprovedPosts, e.OccupiedPosts, e.AsOf,
        e.Reference, claimed, EstablishmentGate.Vacancies(e.ApprovedPosts, e.OccupiedPosts, claimed), e.RecordedBy, e.RecordedAt);
}

internal sealed class RecordEstablishmentValidator : AbstractValidator<RecordEstablishmentRequest>
{
    public RecordEstablishmentValidator()
    {
        RuleFor(e => e.Unit).NotEmpty().WithErrorCode("N9").MaximumLength(200);
        RuleFor(e => e.ApprovedPosts).GreaterThanOrEqualTo(0).WithErrorCode("N9");
        RuleFor(e => e.OccupiedPosts).GreaterThanOrEqualTo(0).WithErrorCode("N9");
        RuleFor(e => e.Reference).NotEmpty().WithErrorCode("N9")
            .WithMessage("Give the establishment office's document (编办文号) the posts come from.").MaximumLength(200);
    }
}

/// <summary>
/// N9 — 严把编制职数关口 (seed 004: the first of the six gates, before the motion): a motion's posts fit the vacancies of their units.
/// A unit's vacancies are its approved posts less those filled when last counted and those claimed by motions raised since.
/// A post beyond them (超职数配备) needs the superior department's review (seed 002), given as the motion's
/// <see cref="OverEstablishment"/>. A motion on the vacancy ground (N1 领导岗位出现空缺) lists the posts it fills.
/// </summary>
public static class EstablishmentGate
{
    public static int Vacancies(int approved, int occupied, int claimed) => Math.Max(0, approved - occupied - claimed);

    /// <summary>The first post of <paramref name="posts"/> that does not fit, with the rule's refusal; null when all fit.</summary>
    public static Refusal? Check(IReadOnlyList<MotionPost> posts, IReadOnlyDictionary<string, (int Vacancies, bool Registered)> units,
        bool overEstablishmentReviewed)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            var unit = posts[i].Unit.Trim();
            if (!units.TryGetValue(unit, out var known) || !known.Registered)
                return new($"posts[{i}].unit", "N9", $"{unit} has no recorded establishment (编制职数); record its approved posts first.");
            taken[unit] = taken.GetValueOrDefault(unit) + 1;
            if (taken[unit] > known.Vacancies && !overEstablishmentReviewed)
                return new($"posts[{i}].unit", "N9",
                    $"{unit} has {known.Vacancies} vacant leadership post(s); filling more is 超职数配备 and needs the superior department's review (overEstablishment).");
        }
        return null;
    }
}

/// <summary>The establishment ledger: records counts and answers how many posts each unit has free.</summary>
public sealed class Establishments(NominationDbContext db, TimeProvider time)
{
    public Task<UnitEstablishment> RecordAsync(RecordEstablishmentRequest request, string tenantId, string recordedBy)
    {
        if (request.OccupiedPosts > request.ApprovedPosts)
            throw new RuleViolationException("occupiedPosts", "N9",
                $"{request.OccupiedPosts} filled posts exceed the {request.ApprovedPosts} approved; record the establishment office's approved count.");
        var record = new UnitEstablishment
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, Unit = request.Unit.Trim(), ApprovedPosts = request.ApprovedPosts,
            OccupiedPosts = request.OccupiedPosts, AsOf = request.AsOf, Reference = request.Reference.Trim(), RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.Establishments.Add(record);
        return Task.FromResult(record);
    }

    /// <summary>
    /// N9 at a motion's raising: refuses posts that do not fit their units' vacancies (unless reviewed as 超职数配备), then claims
    /// them: bumps each unit's record so a concurrent claim fails, and adds the motion's post rows. The caller saves.
    /// </summary>
    public async Task ClaimAsync(Motion motion, IReadOnlyList<MotionPost> posts, OverEstablishment? overEstablishment, CancellationToken ct)
    {
        if (posts.Count == 0) return;
        var units = posts.Select(p => p.Unit.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var current = await CurrentAsync(motion.TenantId, units, ct, tracked: true);
        var known = current.ToDictionary(c => c.Record.Unit,
            c => (EstablishmentGate.Vacancies(c.Record.ApprovedPosts, c.Record.OccupiedPosts, c.Claimed), true), StringComparer.Ordinal);
        if (EstablishmentGate.Check(posts, known, overEstablishment is not null) is { } refusal) throw refusal.ToException();

        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            var unit = posts[i].Unit.Trim();
            taken[unit] = taken.GetValueOrDefault(unit) + 1;
            db.MotionPosts.Add(new MotionPostRecord
            {
                Id = Guid.CreateVersion7(), TenantId = motion.TenantId, MotionId = motion.Id, Number = i + 1, Unit = unit,
                Title = posts[i].Title.Trim(), BeyondEstablishment = taken[unit] > known[unit].Item1,
            });
        }
        foreach (var (record, _) in current) record.Version++;
    }

    /// <summary>Each unit's last record and the posts claimed by motions raised after it.</summary>
    public async Task<IReadOnlyList<(UnitEstablishment Record, int Claimed)>> CurrentAsync(string tenantId, IReadOnlyCollection<string>? units,
        CancellationToken ct, bool tracked = false)
    {
        var query = (tracked ? db.Establishments : db.Establishments.AsNoTracking()).Where(e => e.TenantId == tenantId);
        if (units is not null) query = query.Where(e => units.Contains(e.Unit));
        var latest = (await query.ToListAsync(ct)).GroupBy(e => e.Unit).Select(g => g.OrderByDescending(e => e.RecordedAt).First()).ToList();
        // One query for the claims of every unit shown, counted against each unit's own last record.
        var shown = latest.Select(e => e.Unit).ToList();
        var claims = await (from p in db.MotionPosts
                            join m in db.Motions on p.MotionId equals m.Id
                            where p.TenantId == tenantId && shown.Contains(p.Unit)
                            select new { p.Unit, m.RaisedAt }).ToListAsync(ct);
        return [.. latest.OrderBy(e => e.Unit, StringComparer.Ordinal)
            .Select(record => (record, claims.Count(c => c.Unit == record.Unit && c.RaisedAt > record.RecordedAt)))];
    }
}
