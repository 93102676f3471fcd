using Orchestration.Testing;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>One nomination service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class NominationHostFixture() : ServiceHostFixture<Program>("Nomination");

[CollectionDefinition(Name)]
public sealed class NominationCollection : ICollectionFixture<NominationHostFixture>
{
    public const string Name = "nomination service";
}
