using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary><c>--timeout SECONDS</c> of the live-cluster commands.</summary>
public sealed class TimeoutOptionTests
{
    [Fact]
    public void ReadConfig_Timeout_SetsConnectionSetupAndRequestTimeouts()
    {
        (Confluent.Kafka.AdminClientConfig config, TimeSpan timeout) = AdminConnection.ReadConfig("127.0.0.1:1", null, TimeSpan.FromSeconds(5));
        Assert.Equal((5000, TimeSpan.FromSeconds(5)), (config.SocketConnectionSetupTimeoutMs, timeout));

        (config, timeout) = AdminConnection.ReadConfig("127.0.0.1:1", null);
        Assert.Equal((null, TimeSpan.FromSeconds(30)), (config.SocketConnectionSetupTimeoutMs, timeout));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("export")]
    [InlineData("apply")]
    public async Task Help_StatesTheDefault(string command)
    {
        (_, string stdout, _) = await RunAsync(command, "--help");

        Assert.Contains("--timeout <SECONDS>", stdout, StringComparison.Ordinal);
        Assert.Contains("(default 30, at most 3600;", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3601", "status")]
    [InlineData("2147483647", "export")]
    [InlineData("86400", "apply", "--plan", "none.json")]
    public async Task Timeout_AboveOneHour_IsAUsageErrorBeforeAnyConnection(string seconds, params string[] command)
    {
        // 127.0.0.1:1 refuses connections: an error naming the option (not the cluster) shows nothing was tried
        (int code, string stdout, string stderr) = await RunAsync([.. command, "--bootstrap-servers", "127.0.0.1:1", "--timeout", seconds]);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: --timeout {seconds} is out of range; the value must lie between 1 and 3600 seconds (1 hour).", stderr.Trim());
    }

    [Fact]
    public void TimeoutOf_Bounds_OneSecondToOneHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), AdminConnection.TimeoutOf(1));
        Assert.Equal(TimeSpan.FromHours(1), AdminConnection.TimeoutOf(AdminConnection.MaxTimeoutSeconds));
        Assert.Null(AdminConnection.TimeoutOf(null));
        Assert.Throws<UsageException>(() => AdminConnection.TimeoutOf(AdminConnection.MaxTimeoutSeconds + 1));
        Assert.Throws<UsageException>(() => AdminConnection.TimeoutOf(-1));
    }

    [Fact]
    public async Task Timeout_Zero_IsAUsageError()
    {
        (int code, _, string stderr) = await RunAsync("status", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "0");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("error: --timeout 0 is not a positive number of seconds.", stderr.Trim());
    }

    [Fact(Timeout = 60000)]
    public async Task Timeout_UnreachableCluster_GivesUpInAboutThatTime()
    {
        var watch = Stopwatch.StartNew();
        (int code, _, string stderr) = await RunAsync("export", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2");

        Assert.Equal(ExitCodes.ClusterError, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"took {watch.Elapsed}");
    }
}
