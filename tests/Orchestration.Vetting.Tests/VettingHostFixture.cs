using Orchestration.Testing;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>One vetting service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class VettingHostFixture() : ServiceHostFixture<Program>("Vetting");

[CollectionDefinition(Name)]
public sealed class VettingCollection : ICollectionFixture<VettingHostFixture>
{
    public const string Name = "vetting service";
}
