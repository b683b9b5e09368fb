namespace Brokersets.Admin.Protocol;

/// <summary>The Kafka API keys this library speaks or serves in tests (Kafka's <c>ApiKeys</c>).</summary>
internal static class ApiKeys
{
    public const short Metadata = 3;
    public const short SaslHandshake = 17;
    public const short ApiVersions = 18;
    public const short CreateTopics = 19;
    public const short DescribeConfigs = 32;
    public const short DescribeLogDirs = 35;
    public const short SaslAuthenticate = 36;
    public const short CreatePartitions = 37;
    public const short ElectLeaders = 43;
    public const short IncrementalAlterConfigs = 44;
    public const short AlterPartitionReassignments = 45;
    public const short ListPartitionReassignments = 46;
    public const short DescribeCluster = 60;

    /// <summary>Kafka's UNSUPPORTED_VERSION error code.</summary>
    public const short UnsupportedVersion = 35;
}
