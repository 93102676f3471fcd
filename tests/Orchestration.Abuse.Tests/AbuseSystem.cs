extern alias workflows;
extern alias nomination;
extern alias vetting;
extern alias audit;
extern alias disposition;
extern alias villagepay;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// The workflow server and the five services, each its own host with its own PostgreSQL database, on a RabbitMQ virtual host of
/// their own, in the Production environment (tokens signed with a key of this run, as a deployment without an OIDC authority).
/// </summary>
public sealed class AbuseSystem : IAsyncLifetime
{
    public static readonly string SigningKey = $"abuse-tests-{Guid.NewGuid():N}-{Guid.NewGuid():N}";

    public ServersFixture Servers { get; } = new();

    VirtualHost broker = null!;
    readonly string definitions = Directory.CreateTempSubdirectory("abuse-definitions").FullName;

    public ServiceHost<workflows::Program> Workflows { get; private set; } = null!;
    public ServiceHost<nomination::Program> Nomination { get; private set; } = null!;
    public ServiceHost<vetting::Program> Vetting { get; private set; } = null!;
    public ServiceHost<audit::Program> Audit { get; private set; } = null!;
    public ServiceHost<disposition::Program> Disposition { get; private set; } = null!;
    public ServiceHost<villagepay::Program> VillagePay { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        broker = await VirtualHost.CreateAsync(Servers.RabbitMq.AmqpUri);
        Nomination = Host<nomination::Program>("Nomination");
        Vetting = Host<vetting::Program>("Vetting");
        Audit = Host<audit::Program>("Audit");
        Disposition = Host<disposition::Program>("Disposition");
        VillagePay = Host<villagepay::Program>("VillagePay");
        Workflows = Host<workflows::Program>("Workflows", builder => builder.UseSetting("Workflows:DefinitionsDirectory", definitions));
        await Task.WhenAll(Workflows.StartedAsync(), Nomination.StartedAsync(), Vetting.StartedAsync(), Audit.StartedAsync(),
            Disposition.StartedAsync(), VillagePay.StartedAsync());
    }

    ServiceHost<TProgram> Host<TProgram>(string name, Action<IWebHostBuilder>? configure = null) where TProgram : class =>
        new(Servers, name, $"abuse_{name.ToLowerInvariant()}")
        {
            Configure = builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseSetting("Auth:SigningKey", SigningKey);
                builder.UseSetting("ConnectionStrings:RabbitMq", broker.AmqpUri);
                configure?.Invoke(builder);
            },
        };

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable[] { Workflows, Nomination, Vetting, Audit, Disposition, VillagePay })
            await host.DisposeAsync();
        await broker.DisposeAsync();
        await Servers.DisposeAsync();
        Directory.Delete(definitions, recursive: true);
    }

    /// <summary>A tenant no other test uses, so "nothing stored" is a count of its rows.</summary>
    public static string NewTenant(string area) => $"abuse-{area}-{Guid.NewGuid():N}"[..40];

    /// <summary>A client of <paramref name="tenant"/> holding every role the write endpoints ask for.</summary>
    public static HttpClient Client<TProgram>(ServiceHost<TProgram> host, string tenant) where TProgram : class
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Issue($"abuser-{tenant}", tenant,
            [Roles.OrganizationDepartment, Roles.Administrator, Roles.Auditor, Roles.Township, Roles.CommitteeSecretary], SigningKey));
        return client;
    }

    /// <summary>Rows of <paramref name="tenant"/> in every table of the host's database that has a tenant column.</summary>
    public static async Task<long> StoredRows<TProgram, TContext>(ServiceHost<TProgram> host, string tenant)
        where TProgram : class where TContext : DbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        long total = 0;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                var tenantColumn = entity.GetProperties().FirstOrDefault(p => p.Name == "TenantId")?.GetColumnName();
                if (tenantColumn is null) continue;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{entity.GetTableName()}\" WHERE \"{tenantColumn}\" = @tenant";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "tenant";
                parameter.Value = tenant;
                command.Parameters.Add(parameter);
                total += Convert.ToInt64(await command.ExecuteScalarAsync());
            }
        }
        finally
        {
            await connection.CloseAsync();
        }
        return total;
    }
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseSystem>
{
    public const string Name = "abuse";
}

public static class Answers
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, string json) => client.PostAsync(path, Json(json));

    /// <summary>
    /// The answer is the 4xx problem <paramref name="expected"/> (never a 500) with content type problem+json and, when
    /// <paramref name="field"/> is given, an error naming that field.
    /// </summary>
    public static async Task<JsonObject> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeLessThan(500, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        response.StatusCode.ShouldBe(expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonNode.Parse(body)!.AsObject();
        if (field is not null)
        {
            var errors = problem["errors"] as JsonObject;
            errors.ShouldNotBeNull($"no errors in {body}");
            errors.Select(e => e.Key).ShouldContain(key => key.Equals(field, StringComparison.OrdinalIgnoreCase), $"{field} is not named in {body}");
        }
        return problem;
    }
}
