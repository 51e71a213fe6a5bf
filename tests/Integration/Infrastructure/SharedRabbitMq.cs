namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// The tests that share one RabbitMQ node. They run one after another, so a test may stop and
/// start the broker without disturbing the others.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRabbitMq : ICollectionFixture<RabbitMqServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "RabbitMQ";
}
