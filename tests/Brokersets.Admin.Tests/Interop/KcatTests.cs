using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests.Interop;

/// <summary>
/// kcat (librdkafka, Debian package <c>kcat</c>) against the test broker: what an operator's everyday tool reads from
/// it. Skipped with the reason when kcat is not installed (outside CI).
/// </summary>
public sealed class KcatTests
{
    private static string Kcat()
    {
        string? kcat = ExternalTool.Find("kcat");
        ExternalTool.SkipUnlessPresent(kcat is null ? "kcat is not installed (apt-get install kcat)." : null);
        return kcat!;
    }

    private static async Task<TestKafkaCluster> StartAsync()
    {
        TestKafkaCluster c = await TestKafkaCluster.StartSixBrokersAsync();
        AdminHarness.AddOrdersAndEvents(c);
        return c;
    }

    [SkippableFact(Timeout = 60000)]
    public async Task KcatL_Json_ListsBrokersTopicsReplicasAndIsrOfTheTestBroker()
    {
        string kcat = Kcat();
        await using TestKafkaCluster c = await StartAsync();
        c.MoveTicks = 1_000_000;
        c.StartMove("events", 1, 6, 1); // in flight: replicas 6,1,5, ISR 5,6

        (int code, string stdout, string stderr) = await ExternalTool.RunAsync(kcat, new[] { "-b", c.BootstrapServers, "-L", "-J", "-m", "10" });

        Assert.True(code == 0, $"kcat -L exited {code}: {stderr}");
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, root.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()).Order());
        Assert.All(root.GetProperty("brokers").EnumerateArray(), b =>
            Assert.Equal($"127.0.0.1:{c.PortOf(b.GetProperty("id").GetInt32())}", b.GetProperty("name").GetString()));
        JsonElement[] topics = root.GetProperty("topics").EnumerateArray().ToArray();
        Assert.Equal(new[] { "events", "orders" }, topics.Select(t => t.GetProperty("topic").GetString()).Order(StringComparer.Ordinal));
        foreach (JsonElement t in topics)
        {
            string name = t.GetProperty("topic").GetString()!;
            JsonElement[] partitions = t.GetProperty("partitions").EnumerateArray().OrderBy(p => p.GetProperty("partition").GetInt32()).ToArray();
            int[][] expected = c.ReplicasOf(name);
            Assert.Equal(expected.Length, partitions.Length);
            for (int p = 0; p < partitions.Length; p++)
            {
                Assert.Equal(expected[p], partitions[p].GetProperty("replicas").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
                Assert.Equal(c.LeaderOf(name, p), partitions[p].GetProperty("leader").GetInt32());
            }
        }

        JsonElement moving = topics.Single(t => t.GetProperty("topic").GetString() == "events").GetProperty("partitions").EnumerateArray()
            .Single(p => p.GetProperty("partition").GetInt32() == 1);
        Assert.Equal(new[] { 6, 1, 5 }, moving.GetProperty("replicas").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal(new[] { 5, 6 }, moving.GetProperty("isrs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
    }

    [SkippableFact(Timeout = 60000)]
    public async Task KcatProduceConsume_TestBrokerHoldsNoRecords_BothRefusedByLibrdkafkaNothingSent()
    {
        string kcat = Kcat();
        await using TestKafkaCluster c = await StartAsync();

        (int code, string stdout, string stderr) = await ExternalTool.RunAsync(kcat,
            new[] { "-b", c.BootstrapServers, "-P", "-t", "orders", "-p", "0", "-X", "message.timeout.ms=5000" }, stdin: "hello\n");

        // The test broker serves no Produce (key 0) or Fetch (key 1): it does not advertise them, so librdkafka refuses
        // to produce instead of sending a request the broker would drop, and the message times out undelivered.
        Assert.True(code == 1, $"kcat -P exited {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("No viable ProduceRequest ApiVersions", stderr, StringComparison.Ordinal);
        Assert.Contains("Delivery failed for message", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(c.Requests, r => r.ApiKey is 0 or 1);

        (code, stdout, stderr) = await ExternalTool.RunAsync(kcat,
            new[] { "-b", c.BootstrapServers, "-C", "-t", "orders", "-p", "0", "-o", "beginning", "-e", "-X", "fetch.wait.max.ms=100" }, timeout: TimeSpan.FromSeconds(20));
        // Consuming needs ListOffsets (key 2) first, which the test broker does not advertise either.
        Assert.True(code == 1, $"kcat -C exited {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Empty(stdout);
        Assert.Contains("Failed to query logical offset", stderr, StringComparison.Ordinal);
        Assert.Contains("Required feature not supported by broker", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(c.Requests, r => r.ApiKey is 0 or 1 or 2);
    }
}
