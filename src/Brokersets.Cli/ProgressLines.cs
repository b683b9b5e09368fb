using System;
using System.Globalization;
using System.IO;
using Brokersets.Admin;

namespace Brokersets.Cli;

/// <summary>
/// <c>apply</c>'s progress: one line per change of phase, wave or partitions left, with the time of day, the wave's
/// bytes, throttle and ETA from the plan; on a terminal the polls of a running wave rewrite one line with a bar,
/// redirected output gets plain lines.
/// </summary>
/// <param name="stdout">Where the lines go.</param>
/// <param name="plan">The plan being applied (its waves give bytes, throttle and ETA).</param>
/// <param name="terminal">Whether <paramref name="stdout"/> is a terminal (then a bar rewrites one line).</param>
/// <param name="clock">The time of day shown (UTC by default).</param>
internal sealed class ProgressLines(TextWriter stdout, ExecutionPlan plan, bool terminal, Func<DateTimeOffset>? clock = null) : IProgress<ReassignmentProgress>
{
    private const int BarWidth = 20;
    private readonly Func<DateTimeOffset> _clock = clock ?? (() => DateTimeOffset.UtcNow);
    private ReassignmentProgress? _last;
    private bool _barOpen;

    /// <inheritdoc/>
    public void Report(ReassignmentProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == _last)
        {
            return;
        }

        bool redraw = terminal && value.Phase == ReassignmentPhase.Moving && _last is { Phase: ReassignmentPhase.Moving } l && l.Wave == value.Wave;
        _last = value;
        string line = Line(value);
        if (terminal && value.Phase == ReassignmentPhase.Moving)
        {
            stdout.Write((redraw ? "\r" : string.Empty) + line + "   ");
            _barOpen = true;
            return;
        }

        if (_barOpen)
        {
            stdout.WriteLine();
            _barOpen = false;
        }

        stdout.WriteLine(line);
    }

    /// <summary>The text of one report.</summary>
    internal string Line(ReassignmentProgress p)
    {
        string time = _clock().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        string wave = p.Wave <= 0 ? string.Empty
            : p.Wave <= plan.Waves.Length ? $"wave {Str(p.Wave)} of {Str(plan.Waves.Length)}: "
            : "final step (no data moves): ";
        string left = $"{Str(p.PartitionsInWave - p.PartitionsRemaining)} of {Count(p.PartitionsInWave, "partition")} done";
        string text = p.Phase switch
        {
            ReassignmentPhase.Starting => "reading the cluster and the moves in flight",
            ReassignmentPhase.WaitingForInFlight => $"waiting for moves already in flight ({Count(p.PartitionsRemaining, "partition")} left)",
            ReassignmentPhase.Throttling => $"setting throttles for {Count(p.PartitionsRemaining, "partition")}",
            ReassignmentPhase.Submitted => $"submitted {Count(p.PartitionsRemaining, "partition")}{Figures(p.Wave)}",
            ReassignmentPhase.Moving => terminal ? $"moving [{Bar(p)}] {left}" : $"moving, {left}",
            ReassignmentPhase.WaveCompleted => $"done, {Count(p.PartitionsInWave, "partition")} at target",
            ReassignmentPhase.RemovingThrottles => "leaving the throttles as found",
            ReassignmentPhase.ElectingLeaders => "electing preferred leaders",
            ReassignmentPhase.Cancelling => "cancelling the moves in flight",
            ReassignmentPhase.Completed => "completed",
            _ => p.Phase.ToString(),
        };
        return $"{time} {(p.Phase is ReassignmentPhase.RemovingThrottles or ReassignmentPhase.ElectingLeaders or ReassignmentPhase.Completed ? string.Empty : wave)}{text}";
    }

    private string Figures(int wave)
    {
        if (wave <= 0 || wave > plan.Waves.Length)
        {
            return string.Empty;
        }

        Wave w = plan.Waves[wave - 1];
        string bytes = w.Bytes is { } b ? Bytes(b) : "size unknown";
        string rate = w.ThrottleBytesPerSecond > 0 ? $", throttle {Rate(w.ThrottleBytesPerSecond)}" : ", no throttle";
        string eta = w.Eta is { } e ? $", eta {(long)e.TotalHours}:{e.Minutes:00}:{e.Seconds:00}" : string.Empty;
        return $" ({bytes}{rate}{eta})";
    }

    /// <summary>Bytes in decimal units (kB, MB, GB, TB: powers of 10^3, as the MB/s of the rates).</summary>
    internal static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.Length - 1)
        {
            v /= 1000;
            u++;
        }

        return v.ToString(u == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + " " + units[u];
    }

    /// <summary>A rate in MB/s (10^6 bytes/s, what --throttle-mbps takes).</summary>
    internal static string Rate(long bytesPerSecond) => (bytesPerSecond / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MB/s";

    private static string Bar(ReassignmentProgress p)
    {
        int done = p.PartitionsInWave <= 0 ? BarWidth : (int)((long)(p.PartitionsInWave - p.PartitionsRemaining) * BarWidth / p.PartitionsInWave);
        return new string('#', done) + new string('.', BarWidth - done);
    }

    private static string Count(int n, string noun) => $"{Str(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
