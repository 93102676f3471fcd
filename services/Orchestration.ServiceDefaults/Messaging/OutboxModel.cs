using Microsoft.EntityFrameworkCore;

namespace Orchestration.ServiceDefaults.Messaging;

public static class OutboxModel
{
    /// <summary>Maps the outbox and inbox tables into a service's own DbContext (call from OnModelCreating).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedOnAdd();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(512);
            outbox.Property(m => m.Body).HasColumnName("body");
            outbox.Property(m => m.PartitionKey).HasColumnName("partition_key").HasMaxLength(200);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.DispatchedAt).HasColumnName("dispatched_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            outbox.HasIndex(m => m.MessageId).IsUnique();
            // Only pending rows are ever scanned by the dispatcher: in order, by the first index (without it the claim walks the
            // primary key through every published row still kept, a week's worth); a partition's earlier row, by the second.
            outbox.HasIndex(m => m.Id).HasFilter("dispatched_at IS NULL AND dead_lettered_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_pending_order");
            outbox.HasIndex(m => new { m.PartitionKey, m.Id }).HasFilter("dispatched_at IS NULL AND dead_lettered_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_pending");
            outbox.HasIndex(m => m.DispatchedAt);
            outbox.HasIndex(m => m.DeadLetteredAt).HasFilter("dead_lettered_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_dead_lettered");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(300);
            inbox.Property(m => m.ReceivedAt).HasColumnName("received_at");
            inbox.HasIndex(m => m.ReceivedAt);
        });

        return modelBuilder;
    }
}
