using System.Diagnostics;
using MassTransit;
using Npgsql;

namespace Orchestration.Bench;

/// <summary>A step of the raw-bus peer's chain.</summary>
public sealed record RawStep(Guid ChainId, int Step);

/// <summary>The answer to a <see cref="RawStep"/>.</summary>
public sealed record RawStepDone(Guid ChainId, int Step);

/// <summary>A command of the durable-minimal peer, published from its outbox.</summary>
public sealed record DurableStep(Guid ChainId, int Step);

/// <summary>The durable-minimal peer's service answer.</summary>
public sealed record DurableStepDone(Guid ChainId, int Step);

/// <summary>
/// The peers the runtime is measured against, on the same RabbitMQ and PostgreSQL and with the bus settings the product uses
/// (publisher confirms, quorum queues, prefetch 32, 8 messages at once per endpoint).
/// </summary>
public static class Peers
{
    const int Steps = 5;

    /// <summary>A bus of its own, hosted as the product hosts its bus (MassTransit's hosted service over RabbitMQ).</summary>
    static async Task<IHost> BusAsync(BenchEnvironment environment, Action<IRabbitMqBusFactoryConfigurator> endpoints)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMassTransit(bus => bus.UsingRabbitMq((_, cfg) =>
        {
            cfg.Host(new Uri(environment.RabbitMq), host =>
            {
                host.PublisherConfirmation = true;
                host.Heartbeat(TimeSpan.FromSeconds(10));
            });
            endpoints(cfg);
        }));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options => options.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    static void Like(IRabbitMqReceiveEndpointConfigurator endpoint)
    {
        endpoint.SetQuorumQueue();
        endpoint.PrefetchCount = 32;
        endpoint.ConcurrentMessageLimit = 8;
    }

    /// <summary>MassTransit request/response chains of five, no database: what the bus alone allows.</summary>
    public static async Task<Measurement[]> RawBusAsync(BenchEnvironment environment, int chains)
    {
        var queue = $"{environment.Prefix}-raw-step";
        using var host = await BusAsync(environment, cfg => cfg.ReceiveEndpoint(queue, endpoint =>
        {
            Like(endpoint);
            endpoint.Handler<RawStep>(context => context.RespondAsync(new RawStepDone(context.Message.ChainId, context.Message.Step)));
        }));
        try
        {
            var client = host.Services.GetRequiredService<IBus>().CreateRequestClient<RawStep>(new Uri($"exchange:{queue}"), RequestTimeout.After(m: 5));
            async Task<TimeSpan> PassAsync()
            {
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, chains).Select(async _ =>
                {
                    var chain = Guid.NewGuid();
                    for (var step = 1; step <= Steps; step++) await client.GetResponse<RawStepDone>(new RawStep(chain, step));
                }));
                return watch.Elapsed;
            }
            await PassAsync(); // warm-up: the same chains first, unmeasured, as the runtime is measured
            var elapsed = await PassAsync();
            var rate = chains / elapsed.TotalSeconds;
            Console.WriteLine($"raw-bus: {chains} request/response chains of 5 in {elapsed.TotalSeconds:F1} s = {rate:F1} chains/s (after as many to warm up)");
            return [new("raw-bus", "MassTransit request/response chains of 5, no database", rate, "chains/s", $"{chains} chains")];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// A minimal durable orchestrator written by hand with Npgsql: per step one transaction updating the chain's state row and inserting
    /// an outbox row, the command published after the commit and its row marked sent; a consumer answers; the answer runs the next step.
    /// </summary>
    public static async Task<Measurement[]> DurableMinimalAsync(BenchEnvironment environment, int chains)
    {
        var database = new NpgsqlConnectionStringBuilder(environment.Database("durable")) { MaxPoolSize = 40, NoResetOnClose = true }.ConnectionString;
        await WorkflowServer.CreateAsync(database);
        await using var data = NpgsqlDataSource.Create(database);
        try
        {
            await using (var create = data.CreateCommand("""
                CREATE TABLE chains (id uuid PRIMARY KEY, step int NOT NULL, updated_at timestamptz NOT NULL);
                CREATE TABLE outbox (id bigserial PRIMARY KEY, chain_id uuid NOT NULL, step int NOT NULL, body text NOT NULL,
                                     created_at timestamptz NOT NULL DEFAULT now(), dispatched_at timestamptz);
                CREATE INDEX ix_outbox_pending ON outbox (id) WHERE dispatched_at IS NULL;
                """))
                await create.ExecuteNonQueryAsync();

            var finished = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // this pass's chains all finished
            IBus? publisher = null;

            async Task StepAsync(Guid chain, int completed)
            {
                long outboxId = 0;
                await using (var connection = await data.OpenConnectionAsync())
                await using (var transaction = await connection.BeginTransactionAsync())
                {
                    await using var update = new NpgsqlCommand(completed == 0
                        ? "INSERT INTO chains (id, step, updated_at) VALUES (@id, 0, now())"
                        : "UPDATE chains SET step = @step, updated_at = now() WHERE id = @id AND step = @step - 1", connection, transaction);
                    update.Parameters.AddWithValue("id", chain);
                    update.Parameters.AddWithValue("step", completed);
                    if (await update.ExecuteNonQueryAsync() == 0) return; // a redelivered answer
                    if (completed < Steps)
                    {
                        await using var outbox = new NpgsqlCommand("INSERT INTO outbox (chain_id, step, body) VALUES (@id, @step, @body) RETURNING id", connection, transaction);
                        outbox.Parameters.AddWithValue("id", chain);
                        outbox.Parameters.AddWithValue("step", completed + 1);
                        outbox.Parameters.AddWithValue("body", System.Text.Json.JsonSerializer.Serialize(new DurableStep(chain, completed + 1)));
                        outboxId = (long)(await outbox.ExecuteScalarAsync())!;
                    }
                    await transaction.CommitAsync();
                }
                if (completed == Steps)
                {
                    if (Interlocked.Increment(ref finished) == chains) done.TrySetResult();
                    return;
                }
                await publisher!.Publish(new DurableStep(chain, completed + 1));
                await using var sent = data.CreateCommand("UPDATE outbox SET dispatched_at = now() WHERE id = @id");
                sent.Parameters.AddWithValue("id", outboxId);
                await sent.ExecuteNonQueryAsync();
            }

            using var host = await BusAsync(environment, cfg =>
            {
                cfg.ReceiveEndpoint($"{environment.Prefix}-durable-service", endpoint =>
                {
                    Like(endpoint);
                    endpoint.Handler<DurableStep>(context => context.Publish(new DurableStepDone(context.Message.ChainId, context.Message.Step)));
                });
                cfg.ReceiveEndpoint($"{environment.Prefix}-durable-orchestrator", endpoint =>
                {
                    Like(endpoint);
                    endpoint.Handler<DurableStepDone>(context => StepAsync(context.Message.ChainId, context.Message.Step));
                });
            });
            publisher = host.Services.GetRequiredService<IBus>();
            async Task<TimeSpan> PassAsync()
            {
                finished = 0;
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, chains).Select(_ => StepAsync(Guid.NewGuid(), 0)));
                var all = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMinutes(10)));
                if (all != done.Task) throw new BenchFailure($"durable-minimal: {finished} of {chains} chains finished after 10 minutes.");
                return watch.Elapsed;
            }
            try
            {
                await PassAsync(); // warm-up: the same chains first, unmeasured, as the runtime is measured
                var elapsed = await PassAsync();
                var rate = chains / elapsed.TotalSeconds;
                Console.WriteLine($"durable-minimal: {chains} chains of 5 in {elapsed.TotalSeconds:F1} s = {rate:F1} chains/s (after as many to warm up)");
                await host.StopAsync();
                await data.DisposeAsync();
                var work = await DatabaseWork.ReadAsync(database);
                var steps = 2L * chains * Steps;
                Console.WriteLine($"  database work per step: {work.PerStep(steps)} (both passes, {steps} steps)");
                return [new("durable-minimal", "hand-written durable orchestrator (Npgsql: state row + outbox row per step)", rate, "chains/s", $"{chains} chains")
                    { Database = (work, steps) }];
            }
            finally
            {
                await host.StopAsync();
            }
        }
        finally
        {
            await WorkflowServer.DropAsync(database);
        }
    }
}
