using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.ServiceDefaults.Tests.Sample;

// A minimal service built the way every real one is: it records entries and announces each one.

public sealed record EntryRecorded(Guid EntryId, string Name, string TenantId, int FailFirstAttempts);

public sealed class Entry
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string TenantId { get; set; }
}

public sealed class LedgerDb(DbContextOptions<LedgerDb> options) : DbContext(options)
{
    public DbSet<Entry> Entries => Set<Entry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Entry>().Property(e => e.Name).HasMaxLength(100);
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>What a partner department's service sends through Dapr pub/sub.</summary>
public sealed record PartnerEntryFiled(Guid EntryId, string Name, string TenantId);

public sealed class PartnerEntryFiledValidator : AbstractValidator<PartnerEntryFiled>
{
    public PartnerEntryFiledValidator()
    {
        RuleFor(e => e.EntryId).NotEmpty();
        RuleFor(e => e.Name).NotEmpty();
        RuleFor(e => e.TenantId).NotEmpty();
    }
}

public sealed record RecordEntry(string Name, int FailFirstAttempts = 0);

public sealed class RecordEntryValidator : AbstractValidator<RecordEntry>
{
    public RecordEntryValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.FailFirstAttempts).InclusiveBetween(0, 3).WithErrorCode("C1");
    }
}

public static class LedgerModule
{
    public static void AddLedger(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LedgerDb>("Ledger", useMigrations: false);
        builder.Services.AddScoped<IValidator<RecordEntry>, RecordEntryValidator>();
        builder.Services.AddScoped<IValidator<PartnerEntryFiled>, PartnerEntryFiledValidator>();
    }

    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/ledger").AllowOutsideTable(Roles.OrganizationDepartment, Roles.Administrator);

        app.MapPartnerEvent<PartnerEntryFiled, LedgerDb>("partner-entries",
            filed => new EntryRecorded(filed.EntryId, filed.Name, filed.TenantId, 0), filed => filed.EntryId.ToString());

        ledger.MapPost("/entries", async (RecordEntry request, LedgerDb db, HttpContext http, CancellationToken ct) =>
        {
            var entry = new Entry { Id = Guid.NewGuid(), Name = request.Name, TenantId = http.User.TenantId() };
            db.Entries.Add(entry);
            db.PublishViaOutbox(new EntryRecorded(entry.Id, entry.Name, entry.TenantId, request.FailFirstAttempts), entry.Id.ToString());
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/ledger/entries/{entry.Id}", entry);
        }).WithValidation<RecordEntry>();

        // Writes the entry and its message, then fails before the transaction commits.
        ledger.MapPost("/entries/abandoned", async (RecordEntry request, LedgerDb db, HttpContext http, CancellationToken ct) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var entry = new Entry { Id = Guid.NewGuid(), Name = request.Name, TenantId = http.User.TenantId() };
            db.Entries.Add(entry);
            db.PublishViaOutbox(new EntryRecorded(entry.Id, entry.Name, entry.TenantId, 0), entry.Id.ToString());
            await db.SaveChangesAsync(ct);
            throw new StateConflictException($"Entry {entry.Id} was abandoned before commit.");
        });
    }
}
