using System.Collections.Concurrent;
using MassTransit;

namespace Orchestration.Testing;

/// <summary>
/// A bus of the test's own on the real RabbitMQ: it publishes what a workflow or another service would, and captures the
/// events of the types it listens for, on a queue of its own that is deleted when the test ends.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    readonly IBusControl bus;
    readonly ConcurrentQueue<object> received = new();
    readonly ConcurrentDictionary<object, Dictionary<string, string?>> headers = new(ReferenceEqualityComparer.Instance);

    BusProbe(IBusControl bus) => this.bus = bus;

    public static async Task<BusProbe> StartAsync(string amqpUri, params Type[] listenFor)
    {
        BusProbe? probe = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(amqpUri));
            cfg.ReceiveEndpoint($"test-probe-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var type in listenFor)
                    typeof(BusProbe).GetMethod(nameof(Listen), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type).Invoke(null, [endpoint, (Func<BusProbe>)(() => probe!)]);
            });
        });
        probe = new BusProbe(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return probe;
    }

    static void Listen<T>(IReceiveEndpointConfigurator endpoint, Func<BusProbe> probe) where T : class =>
        endpoint.Handler<T>(context =>
        {
            probe().headers[context.Message] = context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value?.ToString());
            probe().received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    /// <summary>The value of header <paramref name="name"/> that <paramref name="message"/> (one this probe received) arrived with.</summary>
    public string? HeaderOf(object message, string name) => headers.TryGetValue(message, out var all) ? all.GetValueOrDefault(name) : null;

    public Task Publish<T>(T message) where T : class => bus.Publish(message);

    /// <summary>Publishes with a chosen message id, as a broker redelivery or an outbox re-dispatch would.</summary>
    public Task Publish<T>(T message, Guid messageId) where T : class => bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>Publishes with a header, as a service answering a procedure's command echoes its step token.</summary>
    public Task Publish<T>(T message, string header, string value) where T : class => bus.Publish(message, context => context.Headers.Set(header, value));

    /// <summary>Publishes with a chosen message id and a header: a redelivered answer that echoes its step token.</summary>
    public Task Publish<T>(T message, Guid messageId, string header, string value) where T : class =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(header, value);
        });

    public IReadOnlyList<T> Received<T>(Func<T, bool>? match = null) => received.OfType<T>().Where(m => match?.Invoke(m) ?? true).ToList();

    /// <summary>Waits for the first <typeparamref name="T"/> that matches.</summary>
    public Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : class =>
        Eventually.Get(() => Task.FromResult(received.OfType<T>().FirstOrDefault(match)), $"a {typeof(T).Name}", timeout);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
