using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestration.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect is applied exactly once: the message id is recorded in the service's inbox in the
/// same transaction as the effect and the messages it publishes through the outbox. A redelivered message
/// finds its inbox row and is acknowledged without effect; two concurrent deliveries collide on the inbox key
/// and the loser is retried, then skipped.
/// </summary>
public abstract class InboxConsumer<TMessage, TDbContext>(TDbContext db) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>Applies the message. Change <see cref="Db"/> and publish with <c>Db.PublishViaOutbox</c>; do not save.</summary>
    protected abstract Task ConsumeOnce(ConsumeContext<TMessage> context, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = GetType().FullName ?? GetType().Name;
        var services = context.TryGetPayload<IServiceProvider>(out var provider) ? provider : null;
        var time = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services?.GetService<ILoggerFactory>()?.CreateLogger(GetType()) ?? NullLogger.Instance;
        var cancellationToken = context.CancellationToken;
        using var step = StepToken.Use(context.Headers.Get<string>(StepToken.Header)); // answers published meanwhile carry it back

        var strategy = Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            Db.ChangeTracker.Clear();
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            var seen = await Db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);
            if (seen)
            {
                logger.LogInformation("{Message} {MessageId} was already applied by {Consumer}; skipped", typeof(TMessage).Name, messageId, consumer);
                return;
            }

            await ConsumeOnce(context, cancellationToken);
            Db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ReceivedAt = time.GetUtcNow() });
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
