using Orchestration.Testing;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>One disposition service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class DispositionHostFixture() : ServiceHostFixture<Program>("Disposition");

[CollectionDefinition(Name)]
public sealed class DispositionCollection : ICollectionFixture<DispositionHostFixture>
{
    public const string Name = "disposition service";
}
