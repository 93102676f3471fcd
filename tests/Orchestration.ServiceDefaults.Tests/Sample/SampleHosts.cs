using System.Diagnostics;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Orchestration.ServiceDefaults.Dapr;
using Orchestration.Testing;

namespace Orchestration.ServiceDefaults.Tests.Sample;

/// <summary>Starts the sample services in-process against the real servers, each with its own database.</summary>
public static class SampleHosts
{
    /// <summary>The app API token the ledger's Dapr sidecar presents, and the tenant its partner acts for.</summary>
    public const string SidecarToken = "ledger-sidecar-token-0123456789";
    public const string PartnerTenant = "county-dapr";

    public static Task<WebApplication> StartLedgerAsync(ServersFixture servers, SpanCollector? spans = null, string? amqpUri = null,
        Action<WebApplicationBuilder>? configure = null, string environment = "Development", IDictionary<string, string?>? settings = null) =>
        StartAsync("ledger", "Ledger", servers, spans, amqpUri, builder =>
        {
            builder.AddLedger();
            configure?.Invoke(builder);
        }, app => app.MapLedger(), _ => { }, environment,
            settings ?? new Dictionary<string, string?>
            {
                ["Dapr:AppApiToken"] = SidecarToken,
                ["Dapr:Partners:partner-entries:Tenant"] = PartnerTenant,
            });

    public static Task<WebApplication> StartListenerAsync(ServersFixture servers, SpanCollector? spans = null, DeliveryCounter? deliveries = null,
        AttemptLog? attempts = null, IDictionary<string, string?>? settings = null) =>
        StartAsync("listener", "Listener", servers, spans, null, builder =>
        {
            builder.AddListener();
            builder.Services.AddSingleton(attempts ?? new AttemptLog());
            if (deliveries is not null) builder.Services.AddConsumeObserver(_ => deliveries);
        }, _ => { }, bus => bus.AddConsumer<EntryRecordedConsumer>(), settings: settings);

    static async Task<WebApplication> StartAsync(string serviceName, string connectionName, ServersFixture servers, SpanCollector? spans, string? amqpUri,
        Action<WebApplicationBuilder> register, Action<WebApplication> map, Action<IBusRegistrationConfigurator> consumers,
        string environment = "Development", IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration[$"ConnectionStrings:{connectionName}"] = servers.Postgres.NewDatabase(serviceName);
        builder.Configuration["ConnectionStrings:RabbitMq"] = amqpUri ?? servers.RabbitMq.AmqpUri;
        builder.Configuration["Messaging:EndpointPrefix"] = $"test-{serviceName}-{Guid.NewGuid():N}";
        builder.Configuration["Messaging:RetryMinInterval"] = "00:00:00.050";
        builder.Configuration["Outbox:PollInterval"] = "00:00:00.200";

        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(serviceName);
        register(builder);
        builder.AddServiceBus([], consumers);
        if (spans is not null)
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));

        var app = builder.Build();
        app.MapServiceDefaults();
        map(app);
        await app.StartAsync();
        return app;
    }
}

/// <summary>Spans exported by several in-process services into one list.</summary>
public sealed class SpanCollector : ICollection<Activity>
{
    readonly List<Activity> spans = [];

    public Activity[] Snapshot() { lock (spans) return [.. spans]; }

    public void Add(Activity item) { lock (spans) spans.Add(item); }

    public void Clear() { lock (spans) spans.Clear(); }

    public bool Contains(Activity item) { lock (spans) return spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (spans) spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (spans) return spans.Remove(item); }

    public int Count { get { lock (spans) return spans.Count; } }

    public bool IsReadOnly => false;

    public IEnumerator<Activity> GetEnumerator() => ((IEnumerable<Activity>)Snapshot()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
