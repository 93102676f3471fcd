using Orchestration.Testing;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>One village-pay service for the whole test project, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class VillagePayHostFixture() : ServiceHostFixture<Program>("VillagePay");

[CollectionDefinition(Name)]
public sealed class VillagePayCollection : ICollectionFixture<VillagePayHostFixture>
{
    public const string Name = "village-pay service";
}
