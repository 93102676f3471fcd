using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;

namespace Orchestration.Bench;

/// <summary>What the stand-in service stores for every step it applies: one row, as a domain service records its fact.</summary>
public sealed class ServiceStep
{
    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public required string Step { get; set; }

    public string? CadreId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The stand-in service's own database: its step rows and the product's inbox and outbox tables.</summary>
public sealed class BenchServiceDbContext(DbContextOptions<BenchServiceDbContext> options) : DbContext(options)
{
    public DbSet<ServiceStep> Steps => Set<ServiceStep>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceStep>(step =>
        {
            step.ToTable("service_steps");
            step.HasKey(s => s.Id);
            step.Property(s => s.Step).HasMaxLength(200);
            step.HasIndex(s => s.ProcedureId);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>
/// Stands in for the domain services with the product's own service plumbing: every command is consumed through
/// <see cref="InboxConsumer{TMessage,TDbContext}"/> (inbox row, a step row, the answer through the outbox, one transaction), and the
/// answer leaves through the service's outbox dispatcher, so a hop costs what a real service's hop costs. Facts a person would record
/// at a service are recorded the same way: a step row and the result through the outbox.
/// </summary>
public static class StandInService
{
    /// <summary>The commands the benchmark's procedures send: the five-step chain's and those of <c>workflows/cadre-appointment.json</c>.</summary>
    public static IReadOnlyList<DomainCommandActivity> Commands { get; } = CommandsOf(Appointment.DefinitionJson()).Append(
        ActivityRegistry.CreateDefault().DomainActivities.Single(a => a.CommandType == typeof(Orchestration.Contracts.Nomination.ConcludeRecommendationRound)))
        .DistinctBy(a => a.CommandType).ToList();

    /// <summary>The outcome a stub answers with: the port that moves the procedure forward on its passing path.</summary>
    public static string PassingOutcome(Type resultType) => resultType.Name switch
    {
        "PreFilingChecked" => "NotRequired",
        "DecisionMeetingHeld" => "Approved",
        "ProbationReviewed" => "Confirmed",
        _ => Outcomes.Passed,
    };

    public static void Add(IHostApplicationBuilder builder) => builder.AddServiceDatabase<BenchServiceDbContext>("BenchService", useMigrations: false);

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        foreach (var command in Commands)
            bus.AddConsumer(typeof(StubCommandConsumer<,>).MakeGenericType(command.CommandType, command.ResultType));
    }

    /// <summary>The command activities a definition uses.</summary>
    public static IEnumerable<DomainCommandActivity> CommandsOf(JsonObject definition)
    {
        var types = Flowchart.Parse(definition).Activities.Values.Select(n => n.Type).ToHashSet();
        return ActivityRegistry.CreateDefault().DomainActivities.Where(a => types.Contains(a.TypeName));
    }

    /// <summary>
    /// A result of <paramref name="resultType"/> for the procedure, with the passing outcome and the fields a procedure reads (the cadre,
    /// the proposed post); every other field keeps its default.
    /// </summary>
    public static IDomainResult Result(Type resultType, Guid procedureId, string tenantId, Guid? cadreId)
    {
        var fields = new JsonObject
        {
            ["procedureId"] = procedureId, ["tenantId"] = tenantId, ["outcome"] = PassingOutcome(resultType),
            ["cadreId"] = cadreId, ["proposedPost"] = "副局长",
        };
        return (IDomainResult)(fields.Deserialize(resultType, JsonSerializerOptions.Web)
                               ?? throw new InvalidOperationException($"{resultType.Name} could not be built."));
    }

    /// <summary>Records a fact at the stand-in service, as a person would through its API: a step row and the result through the outbox.</summary>
    public static async Task RecordFactAsync(IServiceProvider services, IEnumerable<(Type ResultType, Guid ProcedureId, Guid? CadreId)> facts)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchServiceDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var (resultType, procedureId, cadreId) in facts)
        {
            db.Steps.Add(new ServiceStep { Id = Guid.CreateVersion7(), ProcedureId = procedureId, Step = resultType.Name, CadreId = cadreId?.ToString(), RecordedAt = now });
            db.PublishViaOutbox(Result(resultType, procedureId, "county-bench", cadreId), cadreId?.ToString() ?? procedureId.ToString());
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>Applies any procedure command the way a domain service does, and answers with its passing outcome.</summary>
public sealed class StubCommandConsumer<TCommand, TResult>(BenchServiceDbContext db, TimeProvider time) : InboxConsumer<TCommand, BenchServiceDbContext>(db)
    where TCommand : class, IDomainCommand<TResult>
    where TResult : IDomainResult
{
    static readonly System.Reflection.PropertyInfo? CadreProperty = typeof(TCommand).GetProperty("CadreId");

    protected override Task ConsumeOnce(ConsumeContext<TCommand> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        var cadre = CadreProperty?.GetValue(command) as Guid?;
        Db.Steps.Add(new ServiceStep
        {
            Id = Guid.CreateVersion7(), ProcedureId = command.ProcedureId, Step = typeof(TCommand).Name, CadreId = cadre?.ToString(), RecordedAt = time.GetUtcNow(),
        });
        Db.PublishViaOutbox(StandInService.Result(typeof(TResult), command.ProcedureId, command.TenantId, cadre), cadre?.ToString() ?? command.ProcedureId.ToString());
        return Task.CompletedTask;
    }
}
