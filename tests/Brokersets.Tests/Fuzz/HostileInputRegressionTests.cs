using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Brokersets.Cli;
using Brokersets.Serialization;
using Brokersets.Tests.Cli;

namespace Brokersets.Tests.Fuzz;

/// <summary>The named cases of issue 10 (crashes, hangs, wrong figures, vague messages), each pinned to its error.</summary>
public sealed class HostileInputRegressionTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string Brokersets = CliRun.Example("brokersets.json");
    private static readonly string Topics = CliRun.Example("topics.json");
    private static readonly string Cluster = CliRun.Example("cluster.json");
    private static readonly string Current = CliRun.Example("current.json");

    private static string Error(params string[] args) => CliRun.Of(args).AssertOneLineError(ExitCodes.InputError);

    private static string Usage(params string[] args) => CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError);

    private static string[] Plan(params string[] more) =>
        ["plan", "--current", Current, "--brokersets", Brokersets, "--topics", Topics, "--cluster", Cluster, .. more];

    [Fact]
    public void SizesKeyIsALoneSurrogate_RefusedNamingTheFile()
    {
        string sizes = _files.Write("sizes.json", """{"\ud800":[1]}""");
        string line = Error(Plan("--sizes", sizes));
        Assert.Equal($"error: {sizes}: $: key 1 holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text.", line);
    }

    [Fact]
    public void SizesSummingPastLongMax_RefusedWithTheLimit()
    {
        string sizes = _files.Write("sizes.json", """{"orders":[9223372036854775807,9223372036854775807,9223372036854775807,9223372036854775807,9223372036854775807,9223372036854775807]}""");
        Assert.Equal($"error: {sizes}: $.orders[0]: Expected a size in bytes (an integer between 0 and 1125899906842624, 1 PiB), got 9223372036854775807.", Error(Plan("--sizes", sizes)));
    }

    [Fact]
    public void HugePartitionsUnderATinyThrottle_EtaRefusedNotOverflowed()
    {
        string sizes = _files.Write("sizes.json", """{"orders":[1000000000000,1000000000000,1000000000000,1000000000000,1000000000000,1000000000000]}""");
        string line = Error(Plan("--sizes", sizes, "--throttle-mbps", "0.000001"));
        Assert.StartsWith("error: Wave ", line, StringComparison.Ordinal);
        Assert.Contains("beyond what a TimeSpan holds", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_ExecutionPlanWithPetabytePartitionsAt1BytePerSecond_ArgumentException()
    {
        ClusterAssignment current = ReassignmentJson.Read(File.ReadAllText(Current), "current.json");
        ClusterAssignment target = ReassignmentJson.Read(File.ReadAllText(TestData.RepositoryFile("docs", "examples", "layout.json")), "layout.json");
        ReassignmentDiff diff = ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(1_000_000_000_000_000));
        var e = Assert.Throws<ArgumentException>(() => ExecutionPlan.Create(diff, new ExecutionOptions { ThrottleBytesPerSecond = 1 }));
        Assert.Contains("raise the throttle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_DiffOfLongMaxSizes_RefusedInsteadOfNegativeBytes()
    {
        ClusterAssignment current = ReassignmentJson.Read(File.ReadAllText(Current), "current.json");
        ClusterAssignment target = ReassignmentJson.Read(File.ReadAllText(TestData.RepositoryFile("docs", "examples", "layout.json")), "layout.json");
        var e = Assert.Throws<ArgumentException>(() => ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(long.MaxValue)));
        Assert.Contains("exceed 9223372036854775807 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void DeviceAsAFile_RefusedAsNotARegularFile(string device)
    {
        Assert.Equal($"error: {device}: is not a regular file (a device, a pipe or a socket); give a file, or copy the data to one first.",
            Error("place", "--brokersets", device, "--topics", Topics));
    }

    [Fact]
    public void DirectoryAsAFile_CalledADirectory()
    {
        Assert.Equal($"error: {_files.Directory}: is a directory, not a file.", Error("place", "--brokersets", _files.Directory, "--topics", Topics));
    }

    [Fact]
    public void EmptyFileName_NamesTheOption()
    {
        Assert.Equal("error: --brokersets: the file name is empty. (see 'brokersets --help')", Usage("place", "--brokersets", "", "--topics", Topics));
    }

    [Fact]
    public void FileOverTheCap_RefusedNamingTheCapAndTheVariable()
    {
        string path = _files.Write("big.json", new string(' ', 100));
        var e = Assert.Throws<InputException>(() => InputFiles.ReadText(path, 99));
        Assert.Equal($"{path}: the file has 100 bytes, more than the input cap of 99 bytes; set BROKERSETS_MAX_INPUT_BYTES (up to 1073741824) to raise it.", e.Message);
        Assert.Equal(new string(' ', 100), InputFiles.ReadText(path, 100));
    }

    [Theory]
    [InlineData(null, InputFiles.DefaultMaxBytes)]
    [InlineData("", InputFiles.DefaultMaxBytes)]
    [InlineData("1000", 1000L)]
    [InlineData("1073741824", 1073741824L)]
    public void MaxBytesVariable_Parsed(string? value, long expected) => Assert.Equal(expected, InputFiles.ParseMaxBytes(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1073741825")]
    [InlineData("1,000")]
    [InlineData("lots")]
    public void MaxBytesVariable_OutOfRange_UsageError(string value)
    {
        var e = Assert.Throws<UsageException>(() => InputFiles.ParseMaxBytes(value));
        Assert.StartsWith($"BROKERSETS_MAX_INPUT_BYTES='{value}' is not a size in bytes between 1 and 1073741824", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_RefusedWithTheByteOffset()
    {
        string path = Path.Combine(_files.Directory, "bad.json");
        File.WriteAllBytes(path, [(byte)'[', (byte)' ', 0xC3, 0x28, (byte)']']);
        Assert.Equal($"error: {path}: not valid UTF-8: invalid byte 0xC3 at byte offset 2.", Error("place", "--brokersets", path, "--topics", Topics));
    }

    [Fact]
    public void Utf8ByteOrderMark_Accepted()
    {
        string path = Path.Combine(_files.Directory, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(Brokersets)]);
        Assert.Equal(0, CliRun.Of("place", "--brokersets", path, "--topics", Topics, "--cluster", Cluster).ExitCode);
    }

    [Fact]
    public void BrokersetRangeOverAllIds_RefusedUpFront()
    {
        string sets = _files.Write("b.json", """[{"brokersetAlias":"B","entries":[{"startBrokerIdx":0,"endBrokerIdx":2147483647}]}]""");
        Assert.Equal($"error: {sets}: $[0].entries[0].endBrokerIdx: Broker id range 0-2147483647 holds 2147483648 ids, more than the 100000 a brokerset may hold.",
            Error("place", "--brokersets", sets, "--topics", Topics));
    }

    [Fact]
    public void OverridesOverAllIds_RefusedNamingTheOverridesFile()
    {
        string overrides = _files.Write("o.json", """{ "startBrokerIn": 0, "endBrokerIn": 2147483646, "startBrokerOut": 1, "endBrokerOut": 2147483647 }""");
        Assert.Equal($"error: {overrides}: $.endBrokerIn: Broker id range 0-2147483646 holds 2147483647 ids, more than the 100000 a brokerset may hold.",
            Error("place", "--brokersets", Brokersets, "--topics", Topics, "--cluster", Cluster, "--overrides", overrides));
    }

    [Fact]
    public void OverrideCollision_BlamedOnTheOverridesFile()
    {
        string overrides = _files.Write("o.json", """{ "startBrokerIn": 1, "endBrokerIn": 1, "startBrokerOut": 2, "endBrokerOut": 2 }""");
        string line = Error("place", "--brokersets", Brokersets, "--topics", Topics, "--cluster", Cluster, "--overrides", overrides);
        Assert.StartsWith($"error: {overrides}: Brokerset ", line, StringComparison.Ordinal);
        Assert.Contains("override 1 → 2 maps onto broker 2", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeDraws_CappedUpFront()
    {
        Assert.Equal("error: --draws: 2147483647 is out of range; the value must lie between 0 and 10000. (see 'brokersets --help')",
            Usage("analyze", "--strategy", "kafka", "--draws", "2147483647"));
    }

    [Fact]
    public void TenMillionPartitions_RefusedUpFrontWithTheLimit()
    {
        string sets = _files.Write("b.json", """[{"brokersetAlias":"B","partitions":10000000,"entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""");
        string topics = _files.Write("t.json", """[{"topicName":"t","brokerset":"B"}]""");
        Assert.Equal($"error: {sets}: $[0].partitions: brokerset 'B': partition count 10000000 exceeds the limit of 1000000 partitions per topic.",
            Error("place", "--brokersets", sets, "--topics", topics, "--strategy", "orion", "--format", "kafka-json"));
    }

    [Fact]
    public void TooManyReplicasOverAllTopics_RefusedUpFront()
    {
        string sets = _files.Write("b.json", """[{"brokersetAlias":"B","partitions":1000000,"entries":[{"startBrokerIdx":1,"endBrokerIdx":20}]}]""");
        string topics = _files.Write("t.json", """[{"topicName":"t","brokerset":"B","replicationFactor":10},{"topicName":"u","brokerset":"B","replicationFactor":10}]""");
        Assert.Equal($"error: {topics}: Topic 'u': the topics up to this one ask for 20000000 replicas (partitions × replication factor), more than the limit of 10000000.",
            Error("place", "--brokersets", sets, "--topics", topics, "--strategy", "orion"));
    }

    [Fact]
    public void StartPartitionAtIntMax_RefusedInsteadOfWrappingNegative()
    {
        Assert.Equal("error: Topic 'orders': start partition 2147483647 + 6 partitions passes the largest partition id 2147483647.",
            Error("place", "--strategy", "kafka", "--start-partition", "2147483647", "--format", "kafka-json"));
    }

    [Fact]
    public void Library_BrokerIdRangeOverAllIds_RefusedSoCountCannotGoNegative()
    {
        Assert.Throws<ArgumentException>(() => new BrokerIdRange(0, int.MaxValue));
        Assert.Equal(InputLimits.MaxBrokersPerBrokerset, new BrokerIdRange(5, 5 + InputLimits.MaxBrokersPerBrokerset - 1).Count);
    }

    [Theory]
    [InlineData("--throttle-mbps", "1,5")]
    [InlineData("--throttle-mbps", "1,000")]
    public void DecimalWithAComma_Refused(string option, string value)
    {
        Assert.Equal($"error: {option}: '{value}' is not a number; use '.' as the decimal point (e.g. 1.5), without thousands separators. (see 'brokersets --help')",
            Usage(Plan(option, value)));
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void NonFiniteDecimal_Refused(string value)
    {
        Assert.Equal($"error: --retention-hours: '{value}' is not a finite number (e.g. 1.5). (see 'brokersets --help')",
            Usage("advise", "--new-topic", "t", "--produce-mbps", "10", "--retention-hours", value));
    }

    [Fact]
    public void HugeDecimal_RefusedWithTheLimit()
    {
        Assert.Equal("error: --retention-hours: 1e308 is out of range; the value must lie between 0 and 1000000000. (see 'brokersets --help')",
            Usage("advise", "--new-topic", "t", "--produce-mbps", "10", "--retention-hours", "1e308"));
    }

    [Theory]
    [InlineData("--draws", "x", "analyze")]
    [InlineData("--draws", "1.5", "analyze")]
    [InlineData("--seed", "0x10", "analyze --strategy kafka")]
    [InlineData("--max-incoming", "2147483648", "plan")]
    [InlineData("--max-bytes-in-flight", "9223372036854775808", "plan")]
    [InlineData("--replication-factor", "three", "advise --new-topic t --produce-mbps 10")]
    public void ParseErrors_NameTheOptionWithoutDotNetTypeNames(string option, string value, string command)
    {
        string[] args = command == "plan" ? Plan(option, value) : [.. command.Split(' '), option, value];
        string line = CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError);
        Assert.StartsWith("error: " + option + ": ", line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", line, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageFigureOfInfinity_RefusedWithThePath()
    {
        string usage = _files.Write("u.json", """{"brokers":[{"id":1,"inMBps":1e309,"outMBps":1,"diskGB":1}]}""");
        Assert.Equal($"error: {usage}: $.brokers[0].inMBps: number 1e309 is out of range.",
            Error("advise", "--new-topic", "t", "--produce-mbps", "10", "--usage", usage));
    }

    [Theory]
    [InlineData("my topic", "character U+0020 at index 2 is not allowed")]
    [InlineData("..", "a topic name must not be '.' or '..'")]
    [InlineData(".", "a topic name must not be '.' or '..'")]
    [InlineData("a/b", "character '/' (U+002F) at index 1 is not allowed")]
    [InlineData("a\\u0000b", "character U+0000 at index 1 is not allowed")]
    [InlineData("a\\nb", "character U+000A at index 1 is not allowed")]
    [InlineData("\\ud83d\\ude00", "character U+D83D at index 0 is not allowed")]
    public void IllegalTopicName_RefusedInTheTopicsFile(string jsonName, string problem)
    {
        string topics = _files.Write("t.json", $$"""[{"topicName":"{{jsonName}}","brokerset":"Capacity_B6_P6_0"}]""");
        string line = Error("place", "--brokersets", Brokersets, "--topics", topics, "--cluster", Cluster);
        Assert.StartsWith($"error: {topics}: $[0].topicName: topic '", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(249, true)]
    [InlineData(250, false)]
    [InlineData(1_000_000, false)]
    public void TopicNameLength_At249(int length, bool legal)
    {
        Assert.Equal(legal, InputLimits.TopicNameProblem(new string('a', length)) is null);
        if (!legal)
        {
            Assert.Throws<ArgumentException>(() => PlacementSpec.Create([Brokerset.Parse("B", "1-3")], [new TopicSpec(new string('a', length), "B")]));
        }
    }

    [Fact]
    public void IllegalTopicName_RefusedInKafkaJson()
    {
        string current = _files.Write("c.json", """{"version":1,"partitions":[{"topic":"a b","partition":0,"replicas":[1]}]}""");
        Assert.Equal($"error: {current}: $.partitions[0].topic: topic 'a b': character U+0020 at index 1 is not allowed; a topic name uses only ASCII letters, digits, '.', '_' and '-'.",
            Error("diff", "--current", current, "--target", current));
    }

    [Fact]
    public void DuplicateKey_RefusedNamingTheKeyAndPath()
    {
        string sets = _files.Write("b.json", """[{"brokersetAlias":"B","entries":[{"startBrokerIdx":1,"endBrokerIdx":6,"endBrokerIdx":7}]}]""");
        Assert.Equal($"error: {sets}: $[0].entries[0].endBrokerIdx: duplicate key 'endBrokerIdx': a key may appear only once in an object.",
            Error("place", "--brokersets", sets, "--topics", Topics));
    }

    [Fact]
    public void DuplicateKeyInSizes_Refused()
    {
        string sizes = _files.Write("s.json", """{"orders":[1],"orders":[2]}""");
        Assert.Equal($"error: {sizes}: $.orders: duplicate key 'orders': topic 'orders' is listed twice.", Error(Plan("--sizes", sizes)));
    }

    [Fact]
    public void Library_NullElementsAndDefaultArrays_ArgumentExceptions()
    {
        Assert.Throws<ArgumentException>(() => PlacementSpec.Create([null!], []));
        Assert.Throws<ArgumentException>(() => PlacementSpec.Create([], [null!]));
        Assert.Throws<ArgumentException>(() => ClusterAssignment.Create([null!]));
        Assert.Throws<ArgumentException>(() => TopicAssignment.Create("t", [null!]));
        Assert.Throws<ArgumentException>(() => global::Brokersets.Cluster.Create(default(ImmutableArray<Broker>)));
        Assert.Throws<ArgumentException>(() => Brokerset.FromRanges("B", default(ImmutableArray<BrokerIdRange>)));
        Assert.Throws<ArgumentException>(() => Brokerset.Create("B", default(ImmutableArray<int>)));
        Assert.Throws<ArgumentException>(() => PlacementSpec.Create(default(ImmutableArray<Brokerset>), []));
    }

    [Fact]
    public void Library_DiffAccessorsOutOfRange_ArgumentOutOfRange()
    {
        ClusterAssignment current = ReassignmentJson.Read(File.ReadAllText(Current), "current.json");
        ClusterAssignment target = ReassignmentJson.Read(File.ReadAllText(TestData.RepositoryFile("docs", "examples", "layout.json")), "layout.json");
        ReassignmentDiff diff = ReassignmentDiff.Create(current, target);
        Assert.Throws<ArgumentOutOfRangeException>(() => diff.BytesOf(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => diff.TopicOf(999));
        Assert.Throws<ArgumentOutOfRangeException>(() => diff.PartitionOf(diff.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => diff.CurrentReplicas(int.MinValue).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => diff.TargetReplicas(diff.Count).ToArray());
    }

    [Fact]
    public void RefusedPlanOutputDir_LeavesNoFiles()
    {
        string dir = Path.Combine(_files.Directory, "out");
        string sizes = _files.Write("sizes.json", """{"orders":[1000000000000,1000000000000,1000000000000,1000000000000,1000000000000,1000000000000]}""");
        Error(Plan("--sizes", sizes, "--throttle-mbps", "0.000001", "--output-dir", dir));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void PlanOutputDirIsAFile_RefusedAndLeftAlone()
    {
        string file = _files.Write("out", "keep");
        string line = Error(Plan("--output-dir", file));
        Assert.Equal($"error: --output-dir {file}: is a file, not a directory.", line);
        Assert.Equal("keep", File.ReadAllText(file));
    }

    [Fact]
    public void PlanOutputDir_WritesEveryFileAndNoTemporaryOnes()
    {
        string dir = Path.Combine(_files.Directory, "plan");
        Assert.Equal(0, CliRun.Of(Plan("--output-dir", dir)).ExitCode);
        string[] names = Array.ConvertAll(Directory.GetFiles(dir), Path.GetFileName)!;
        Assert.Contains("rollback.json", names);
        Assert.DoesNotContain(names, n => n!.Contains(".tmp-", StringComparison.Ordinal));
    }

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ReadmeLimitsTable_ShowsTheLimitsInForce()
    {
        string readme = File.ReadAllText(TestData.RepositoryFile("README.md"));
        string table = readme[readme.IndexOf("## Limits", StringComparison.Ordinal)..readme.IndexOf("## Packages", StringComparison.Ordinal)];
        Assert.Contains($"{InputFiles.DefaultMaxBytes} bytes", table, StringComparison.Ordinal);
        Assert.Contains($"`{InputFiles.MaxBytesVariable}=<bytes>`, at most 1 GiB ({InputFiles.LargestMaxBytes})", table, StringComparison.Ordinal);
        Assert.Contains($"1–{InputLimits.MaxTopicNameLength} characters", table, StringComparison.Ordinal);
        Assert.Contains($"| {N(InputLimits.MaxBrokersPerBrokerset)} (`InputLimits.MaxBrokersPerBrokerset`)", table, StringComparison.Ordinal);
        Assert.Contains($"| {N(InputLimits.MaxPartitionsPerTopic)} (`InputLimits.MaxPartitionsPerTopic`)", table, StringComparison.Ordinal);
        Assert.Contains($"| {N(InputLimits.MaxReplicas)} partitions", table, StringComparison.Ordinal);
        Assert.Contains($"| `analyze --draws` | {N(OptionValues.MaxDraws)} |", table, StringComparison.Ordinal);
        Assert.Contains($"| `--timeout` | 1 to {AdminConnection.MaxTimeoutSeconds} seconds", table, StringComparison.Ordinal);
        Assert.Equal(1L << 50, PartitionSizesFile.MaxPartitionBytes);
        Assert.Equal(1e9, OptionValues.MaxDecimal);
        Assert.Equal(1e-6, OptionValues.MinDecimal);
    }

    [Fact]
    public void TopicMixingPeriodAndUnderscore_PlacedWithAWarning()
    {
        string topics = _files.Write("t.json", """[{"topicName":"a.b_c","brokerset":"Capacity_B6_P6_0"}]""");
        CliRun run = CliRun.Of("place", "--brokersets", Brokersets, "--topics", topics, "--cluster", Cluster, "--format", "kafka-json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {topics}: topic 'a.b_c' mixes '.' and '_', which collide in Kafka's metric names (as Kafka warns); use one or the other.\n", run.Stderr);
        Assert.Contains("\"a.b_c\"", run.Stdout, StringComparison.Ordinal);
    }
}
