using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.IO;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets advise --brokersets FILE --topics FILE --cluster FILE --new-topic NAME --produce-mbps X
/// [--consume-mbps Y] [--replication-factor N] [--partition-mbps T] [--retention-hours H] [--round-to-brokerset]
/// [--broker-in-mbps A] [--broker-out-mbps B] [--broker-disk-gb D] [--max-utilization U] [--usage FILE]
/// [strategy options] [--format table|json]</c>: the sizing advice (partition count, brokerset with room, stride)
/// of <see cref="SizingAdvisor"/>.
/// </summary>
/// <remarks>
/// The options take decimal MB/s and GB (1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes); the library's sizing types take bytes
/// per second and bytes, so this command converts at the edge (<see cref="BytesPerSecond"/>, <see cref="Bytes"/>).
/// </remarks>
internal static class AdviseCommand
{
    /// <summary>Builds the <c>advise</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("advise",
            "Size a new topic: the partition count for a per-partition target, the brokerset with the most headroom after placing and the stride there, or the size of a new brokerset.");
        InputOptions input = InputOptions.AddTo(command);
        StrategyChoice.Options strategy = StrategyChoice.AddOptions(command, kafkaPartitions: false, seed: false);
        var topic = new Option<string>("--new-topic") { Description = "The new topic's name", HelpName = "NAME", Required = true };
        var produce = new Option<double>("--produce-mbps") { Description = "Projected produce rate, MB/s", HelpName = "X", Required = true };
        var consume = new Option<double>("--consume-mbps") { Description = "Projected consume rate over all consumer groups, MB/s (default: the produce rate, one group)", HelpName = "Y" };
        var rf = new Option<int>("--replication-factor") { Description = "Replication factor (default 3)", HelpName = "N", DefaultValueFactory = _ => 3 };
        var target = new Option<double>("--partition-mbps") { Description = $"Per-partition produce target, MB/s (default {SizingRequest.DefaultPartitionTargetBytesPerSecond / BytesPerMB})", HelpName = "T", DefaultValueFactory = _ => SizingRequest.DefaultPartitionTargetBytesPerSecond / BytesPerMB };
        var retention = new Option<double>("--retention-hours") { Description = "Retention in hours; 0 (the default) leaves disk out", HelpName = "H" };
        var round = new Option<bool>("--round-to-brokerset") { Description = "Round the partition count up to a multiple of the brokerset size" };
        var inCap = new Option<double>("--broker-in-mbps") { Description = $"Network in per broker, MB/s (default {BrokerCapacity.DefaultNetworkInBytesPerSecond / BytesPerMB})", HelpName = "A" };
        var outCap = new Option<double>("--broker-out-mbps") { Description = $"Network out per broker, MB/s (default {BrokerCapacity.DefaultNetworkOutBytesPerSecond / BytesPerMB})", HelpName = "B" };
        var diskCap = new Option<double>("--broker-disk-gb") { Description = $"Disk per broker, GB (default {BrokerCapacity.DefaultDiskBytes / BytesPerGB})", HelpName = "D" };
        var util = new Option<double>("--max-utilization") { Description = $"Usable share of each resource, 0-1 (default {BrokerCapacity.DefaultMaxUtilization})", HelpName = "U" };
        var usage = new Option<string>("--usage") { Description = "Current usage per broker ({brokers: [{id, inMBps, outMBps, diskGB}]}); brokers not listed are idle", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, AnalyzeCommand.Json);
        foreach (Option o in new Option[] { topic, produce, consume, rf, target, retention, round, inCap, outCap, diskCap, util, usage, format })
        {
            command.Options.Add(o);
        }

        command.SetAction(parseResult =>
        {
            double produced = parseResult.GetValue(produce);
            var request = new SizingRequest(parseResult.GetValue(topic)!, BytesPerSecond(produced), BytesPerSecond(StrategyChoice.ValueOf(parseResult, consume) ?? produced),
                parseResult.GetValue(rf), BytesPerSecond(parseResult.GetValue(target)), parseResult.GetValue(retention), parseResult.GetValue(round));
            BrokerCapacity capacity;
            try
            {
                capacity = new BrokerCapacity
                {
                    NetworkInBytesPerSecond = BytesPerSecond(parseResult.GetValue(inCap)),
                    NetworkOutBytesPerSecond = BytesPerSecond(parseResult.GetValue(outCap)),
                    DiskBytes = Bytes(parseResult.GetValue(diskCap)),
                    MaxUtilization = parseResult.GetValue(util),
                };
            }
            catch (ArgumentException e)
            {
                throw new UsageException("capacity: " + ErrorMessages.OneLine(e), e);
            }

            return Execute(input.Load(parseResult), strategy.Resolve(parseResult), request, capacity, parseResult.GetValue(usage),
                parseResult.GetValue(format) ?? PlaceOptions.Table, parseResult.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <summary>Bytes in a decimal MB (the unit of the <c>--…-mbps</c> options).</summary>
    internal const double BytesPerMB = 1e6;

    /// <summary>Bytes in a decimal GB (the unit of <c>--broker-disk-gb</c>).</summary>
    internal const double BytesPerGB = 1e9;

    /// <summary>A rate option in decimal MB/s as bytes per second (the options are checked to be ≤ 10^9, so this is ≤ 10^15).</summary>
    internal static double BytesPerSecond(double mbps) => mbps * BytesPerMB;

    /// <summary>A size option in decimal GB as whole bytes (≤ 10^18, within a long).</summary>
    internal static long Bytes(double gb) => (long)Math.Round(gb * BytesPerGB);

    /// <summary>Runs <c>advise</c>.</summary>
    /// <returns>The exit code.</returns>
    public static int Execute(SpecFiles files, StrategyChoice strategy, SizingRequest request, BrokerCapacity capacity, string? usageFile, string format, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(stdout);
        ImmutableArray<BrokerUsage> usage = usageFile is null ? ImmutableArray<BrokerUsage>.Empty : InputFiles.Read(usageFile, BrokerUsageJson.Read);
        SizingAdvice advice;
        try
        {
            advice = new SizingAdvisor(strategy.Strategy, capacity).Advise(files.Spec, request, usage);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(ErrorMessages.OneLine(e), e);
        }

        if (format == AnalyzeCommand.Json)
        {
            stdout.WriteLine(CliJson.Write(advice));
            return ExitCodes.Success;
        }

        PlaceCommand.WriteHeader(strategy, files, stdout);
        stdout.WriteLine(usageFile is null ? "usage: all brokers idle (pass --usage FILE for current load)" : $"usage: {usageFile} ({usage.Length} broker{(usage.Length == 1 ? string.Empty : "s")}; others idle)");
        stdout.Write(advice.ToString());
        return ExitCodes.Success;
    }
}
