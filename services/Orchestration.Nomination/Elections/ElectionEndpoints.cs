using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Nomination.Elections;

/// <param name="Name">The election's name.</param>
/// <param name="StartsOn">The county date the election work starts.</param>
/// <param name="EndsOn">The county date the election work ends.</param>
public sealed record RegisterElectionRequest(string Name, DateOnly StartsOn, DateOnly EndsOn);

/// <param name="CadreId">The cadre who signs the election pledge (承诺书, seed 000).</param>
/// <param name="SignedOn">The county date the pledge was signed.</param>
/// <param name="DocumentReference">The reference of the signed document, if filed.</param>
public sealed record SignPledgeRequest(Guid CadreId, DateOnly SignedOn, string? DocumentReference = null);

/// <param name="HolderId">The holder's id (the person's id in the county's directory).</param>
/// <param name="HolderName">The holder's name.</param>
/// <param name="HolderRole">Who holds the card: CountyLeader (县级领导) or OrganizationCadre (组工干部).</param>
/// <param name="IssuedOn">The county date the card was issued.</param>
public sealed record IssueWarningCardRequest(string HolderId, string HolderName, WarningCardHolder HolderRole, DateOnly IssuedOn);

/// <param name="AcknowledgedOn">The county date the holder acknowledged the warning card (提醒卡).</param>
public sealed record AcknowledgeWarningCardRequest(DateOnly AcknowledgedOn);

/// <param name="Id">The pledge's id.</param>
/// <param name="ElectionId">The election the pledge is for.</param>
/// <param name="CadreId">The cadre who signed.</param>
/// <param name="SignedOn">The county date the pledge was signed.</param>
/// <param name="Late">Signed on or after the day the election work started (N10).</param>
/// <param name="DocumentReference">The reference of the signed document, if filed.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
public sealed record PledgeResponse(Guid Id, Guid ElectionId, Guid CadreId, DateOnly SignedOn, bool Late, string? DocumentReference, string RecordedBy)
{
    public static PledgeResponse From(ElectionPledge p) => new(p.Id, p.ElectionId, p.CadreId, p.SignedOn, p.Late, p.DocumentReference, p.RecordedBy);
}

/// <param name="Id">The card's id.</param>
/// <param name="ElectionId">The election the card is for.</param>
/// <param name="HolderId">The holder's id.</param>
/// <param name="HolderName">The holder's name.</param>
/// <param name="HolderRole">Who holds the card: CountyLeader (县级领导) or OrganizationCadre (组工干部).</param>
/// <param name="IssuedOn">The county date the card was issued.</param>
/// <param name="AcknowledgedOn">The county date the holder acknowledged it; empty until then.</param>
/// <param name="IssuedBy">Who issued the card: the signed-in person's id.</param>
public sealed record WarningCardResponse(Guid Id, Guid ElectionId, string HolderId, string HolderName, WarningCardHolder HolderRole, DateOnly IssuedOn,
    DateOnly? AcknowledgedOn, string IssuedBy)
{
    public static WarningCardResponse From(WarningCard c) => new(c.Id, c.ElectionId, c.HolderId, c.HolderName, c.HolderRole, c.IssuedOn, c.AcknowledgedOn, c.IssuedBy);
}

/// <summary>An election with its discipline ledger: pledges signed (and how many late), warning cards issued and not yet acknowledged.</summary>
/// <param name="Id">The election's id.</param>
/// <param name="Name">The election's name, e.g. the county's general election (换届) of a year.</param>
/// <param name="StartsOn">The county date the election work starts; a pledge signed on or after it is late (N10).</param>
/// <param name="EndsOn">The county date the election work ends.</param>
/// <param name="Pledges">How many election pledges (承诺书) were signed.</param>
/// <param name="LatePledges">How many of them were signed late, after the work started (N10).</param>
/// <param name="WarningCards">How many warning cards (提醒卡) were issued.</param>
/// <param name="UnacknowledgedCards">The warning cards whose holders have not acknowledged them yet.</param>
public sealed record ElectionResponse(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, int Pledges, int LatePledges, int WarningCards,
    IReadOnlyList<WarningCardResponse> UnacknowledgedCards)
{
    public static ElectionResponse From(Election e, IReadOnlyList<ElectionPledge> pledges, IReadOnlyList<WarningCard> cards) =>
        new(e.Id, e.Name, e.StartsOn, e.EndsOn, pledges.Count, pledges.Count(p => p.Late), cards.Count,
            [.. cards.Where(c => c.AcknowledgedOn is null).OrderBy(c => c.HolderName, StringComparer.Ordinal).Select(WarningCardResponse.From)]);
}

internal sealed class RegisterElectionValidator : AbstractValidator<RegisterElectionRequest>
{
    public RegisterElectionValidator()
    {
        RuleFor(e => e.Name).NotEmpty().WithErrorCode("N10").MaximumLength(200);
        RuleFor(e => e.EndsOn).GreaterThanOrEqualTo(e => e.StartsOn).WithErrorCode("N10").WithMessage("An election ends on or after the day it starts.");
    }
}

internal sealed class SignPledgeValidator : AbstractValidator<SignPledgeRequest>
{
    public SignPledgeValidator()
    {
        RuleFor(p => p.CadreId).NotEmpty().WithErrorCode("N10");
        RuleFor(p => p.DocumentReference).MaximumLength(200);
    }
}

internal sealed class IssueWarningCardValidator : AbstractValidator<IssueWarningCardRequest>
{
    public IssueWarningCardValidator()
    {
        RuleFor(c => c.HolderId).NotEmpty().WithErrorCode("N10").MaximumLength(200);
        RuleFor(c => c.HolderName).NotEmpty().WithErrorCode("N10").MaximumLength(100);
        RuleFor(c => c.HolderRole).IsInEnum().WithErrorCode("N10").WithMessage("The card goes to county leaders and organization-department cadres.");
    }
}

/// <summary>
/// N10 — the election's discipline (seed 000): the pledge every cadre eligible for nomination signs before the election's work
/// starts (承诺书), and the warning card every county leader and organization-department cadre receives and acknowledges (警示卡).
/// </summary>
internal static class ElectionEndpoints
{
    public static void MapElections(this RouteGroupBuilder nomination)
    {
        var elections = nomination.MapGroup("/elections");

        elections.MapPost("/", async Task<Created<ElectionResponse>> (RegisterElectionRequest request, CommandPipeline pipeline, NominationDbContext db,
                TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var election = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (command, actor, _) =>
                {
                    var registered = new Election
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, Name = command.Name.Trim(), StartsOn = command.StartsOn, EndsOn = command.EndsOn,
                        RecordedBy = actor, RecordedAt = time.GetUtcNow(),
                    };
                    db.Elections.Add(registered);
                    return Task.FromResult(registered);
                }, ct);
                return TypedResults.Created($"/api/nomination/elections/{election.Id}", ElectionResponse.From(election, [], []));
            })
            .ProducesValidationProblem()
            .WithSummary("Registers a general election (换届) and its period; while it runs a nominee must have signed its pledge (N10).");

        elections.MapGet("/{id:guid}", async Task<Results<Ok<ElectionResponse>, ProblemHttpResult>> ([Description("The election's id.")] Guid id, NominationDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var election = await db.Elections.AsNoTracking().SingleOrDefaultAsync(e => e.TenantId == tenant && e.Id == id, ct);
            if (election is null) return TypedResults.Problem(statusCode: 404, title: "No such election.");
            var pledges = await db.Pledges.AsNoTracking().Where(p => p.ElectionId == id).ToListAsync(ct);
            var cards = await db.WarningCards.AsNoTracking().Where(c => c.ElectionId == id).ToListAsync(ct);
            return TypedResults.Ok(ElectionResponse.From(election, pledges, cards));
        })
            .WithSummary("One election with its pledges and warning cards, listing the cards not yet acknowledged (N10).");

        elections.MapPost("/{id:guid}/pledges", async Task<Created<PledgeResponse>> ([Description("The election's id.")] Guid id, SignPledgeRequest request, CommandPipeline pipeline,
                NominationDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var pledge = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    var election = await Find(db, tenant, id, token);
                    if (command.SignedOn > clock.Today(tenant))
                        throw new RuleViolationException("signedOn", "N10", "A pledge cannot be signed in the future.");
                    if (command.SignedOn > election.EndsOn)
                        throw new RuleViolationException("signedOn", "N10", $"The election ended on {election.EndsOn:yyyy-MM-dd}.");
                    if (await db.Pledges.AnyAsync(p => p.ElectionId == id && p.CadreId == command.CadreId, token))
                        throw new StateConflictException("The cadre has signed this election's pledge already.", "N10");
                    var signed = new ElectionPledge
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, ElectionId = id, CadreId = command.CadreId, SignedOn = command.SignedOn,
                        Late = command.SignedOn >= election.StartsOn, DocumentReference = command.DocumentReference?.Trim(), RecordedBy = actor,
                        RecordedAt = clock.UtcNow,
                    };
                    db.Pledges.Add(signed);
                    return signed;
                }, ct);
                return TypedResults.Created($"/api/nomination/elections/{id}/pledges/{pledge.Id}", PledgeResponse.From(pledge));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a cadre's signed election pledge (承诺书, seed 000); one signed after the work started is marked late (N10).");

        elections.MapPost("/{id:guid}/warning-cards", async Task<Created<WarningCardResponse>> ([Description("The election's id.")] Guid id, IssueWarningCardRequest request,
                CommandPipeline pipeline, NominationDbContext db, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var card = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    await Find(db, tenant, id, token);
                    if (command.IssuedOn > clock.Today(tenant))
                        throw new RuleViolationException("issuedOn", "N10", "A card cannot be issued in the future.");
                    if (await db.WarningCards.AnyAsync(c => c.ElectionId == id && c.HolderId == command.HolderId, token))
                        throw new StateConflictException($"{command.HolderName} holds this election's warning card already.", "N10");
                    var issued = new WarningCard
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, ElectionId = id, HolderId = command.HolderId.Trim(), HolderName = command.HolderName.Trim(),
                        HolderRole = command.HolderRole, IssuedOn = command.IssuedOn, IssuedBy = actor, IssuedAt = clock.UtcNow,
                    };
                    db.WarningCards.Add(issued);
                    return issued;
                }, ct);
                return TypedResults.Created($"/api/nomination/elections/{id}/warning-cards/{card.Id}", WarningCardResponse.From(card));
            })
            .ProducesValidationProblem()
            .WithSummary("Issues the election's warning card (警示卡: 5个严禁、17个不准、5个一律) to a county leader or organization-department cadre (N10).");

        elections.MapPost("/warning-cards/{id:guid}/acknowledgement", async Task<Ok<WarningCardResponse>> ([Description("The warning card's id.")] Guid id,
                AcknowledgeWarningCardRequest request, CommandPipeline pipeline, NominationDbContext db, CountyClock clock, HttpContext http,
                CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var card = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, _, token) =>
                {
                    var held = await db.WarningCards.SingleOrDefaultAsync(c => c.TenantId == tenant && c.Id == id, token)
                               ?? throw new NotFoundException("No such warning card.");
                    if (held.AcknowledgedOn is { } on) throw new StateConflictException($"The card was acknowledged on {on:yyyy-MM-dd}.", "N10");
                    if (command.AcknowledgedOn < held.IssuedOn || command.AcknowledgedOn > clock.Today(tenant))
                        throw new RuleViolationException("acknowledgedOn", "N10",
                            $"The card was issued on {held.IssuedOn:yyyy-MM-dd}: it is acknowledged on or after that day, and not in the future.");
                    held.AcknowledgedOn = command.AcknowledgedOn;
                    return held;
                }, ct);
                return TypedResults.Ok(WarningCardResponse.From(card));
            })
            .ProducesValidationProblem()
            .WithSummary("Records that the holder acknowledged the warning card, to carry and study it (N10).");
    }

    static async Task<Election> Find(NominationDbContext db, string tenant, Guid id, CancellationToken ct) =>
        await db.Elections.SingleOrDefaultAsync(e => e.TenantId == tenant && e.Id == id, ct) ?? throw new NotFoundException("No such election.");
}

/// <summary>N10 — while an election runs, a nominee has signed its pledge (承诺书): 「要求…符合提名条件的领导干部…做出严肃纪律的公开承诺」.</summary>
public static class ElectionPledgeCheck
{
    public static Refusal? Check(Election? running, bool signed) =>
        running is not null && !signed
            ? new("cadreId", "N10", $"{running.Name} runs from {running.StartsOn:yyyy-MM-dd} to {running.EndsOn:yyyy-MM-dd}: a cadre is nominated only after signing its pledge (承诺书).")
            : null;
}
