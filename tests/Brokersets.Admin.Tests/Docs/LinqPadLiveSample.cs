using System;
using System.Linq;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests.Docs;

/// <summary>The compiled copy of docs/linqpad/live-cluster.linq (checked by Brokersets.Tests' LinqPadSamples); without KAFKA_BOOTSTRAP it only says so.</summary>
public sealed class LinqPadLiveSample
{
    [Fact]
    public async Task LiveCluster_WithoutBootstrap_StopsAtTheGuard()
    {
        // linq:begin live-cluster.linq
        // read-only: describes the cluster and analyses it; nothing is changed
        string? bootstrap = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        if (string.IsNullOrEmpty(bootstrap))
        {
            "Set KAFKA_BOOTSTRAP (e.g. broker1:9092) to read a cluster.".Dump();
            return;
        }

        using var kafka = ConfluentKafkaAdmin.Create(new AdminClientConfig { BootstrapServers = bootstrap });
        ObservedCluster observed = await new ClusterAdmin(kafka).ReadClusterAsync();
        observed.Cluster.Brokers.Dump("brokers and racks");
        ClusterReport.Create(observed.Assignment, observed.Cluster).Dump("loads per broker and rack");
        FailureImpact.Create(observed.Assignment, observed.Cluster).Dump("what each broker's and AZ's failure does");
        // linq:end
    }
}

/// <summary>LINQPad's <c>Dump()</c>: returns its argument.</summary>
internal static class LinqPadDump
{
    public static T Dump<T>(this T value, string? title = null)
    {
        _ = title;
        return value;
    }
}
