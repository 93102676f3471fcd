using Orchestration.Testing;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>One audit service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class AuditHostFixture() : ServiceHostFixture<Program>("Audit");

[CollectionDefinition(Name)]
public sealed class AuditCollection : ICollectionFixture<AuditHostFixture>
{
    public const string Name = "audit service";
}
