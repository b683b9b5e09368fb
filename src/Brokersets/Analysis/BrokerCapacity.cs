using System;
using System.Diagnostics;
using System.Globalization;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// What one broker can carry, for the <see cref="SizingAdvisor"/>: network in and out (MB/s), disk (GB), and the
/// share of each that placement may use (the rest is headroom for failover, catch-up and spikes).
/// </summary>
/// <remarks>
/// <para><b>Defaults.</b> A property left at 0 (as in <c>default(BrokerCapacity)</c>, which is valid) reads as its
/// default: <see cref="DefaultNetworkInMBps"/>, <see cref="DefaultNetworkOutMBps"/>, <see cref="DefaultDiskGB"/>
/// and <see cref="DefaultMaxUtilization"/>. They describe a conservative mid-size cloud broker (a 10 Gbit/s link
/// moves about 1,250 MB/s each way, but sustained broker throughput is far lower once TLS, compression and page
/// cache misses count); measure your own brokers and set the values.</para>
/// <para>1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes. Immutable.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct BrokerCapacity
{
    /// <summary>Default network in: 250 MB/s (produce plus replication fetched from leaders).</summary>
    public const double DefaultNetworkInMBps = 250;

    /// <summary>Default network out: 500 MB/s (consumer fetches plus replication sent to followers).</summary>
    public const double DefaultNetworkOutMBps = 500;

    /// <summary>Default disk: 4,000 GB.</summary>
    public const double DefaultDiskGB = 4000;

    /// <summary>Default usable share of each resource: 0.75 (a quarter left as headroom).</summary>
    public const double DefaultMaxUtilization = 0.75;

    private readonly double _networkIn;
    private readonly double _networkOut;
    private readonly double _disk;
    private readonly double _maxUtilization;

    /// <summary>Bytes per second a broker can take in (MB/s); 0 reads as <see cref="DefaultNetworkInMBps"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative or non-finite value.</exception>
    public double NetworkInMBps
    {
        get => _networkIn > 0 ? _networkIn : DefaultNetworkInMBps;
        init => _networkIn = Check(value, nameof(NetworkInMBps));
    }

    /// <summary>Bytes per second a broker can send (MB/s); 0 reads as <see cref="DefaultNetworkOutMBps"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative or non-finite value.</exception>
    public double NetworkOutMBps
    {
        get => _networkOut > 0 ? _networkOut : DefaultNetworkOutMBps;
        init => _networkOut = Check(value, nameof(NetworkOutMBps));
    }

    /// <summary>Disk a broker holds (GB); 0 reads as <see cref="DefaultDiskGB"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative or non-finite value.</exception>
    public double DiskGB
    {
        get => _disk > 0 ? _disk : DefaultDiskGB;
        init => _disk = Check(value, nameof(DiskGB));
    }

    /// <summary>The share (0 &lt; u ≤ 1) of each resource placement may use; 0 reads as <see cref="DefaultMaxUtilization"/>.</summary>
    /// <exception cref="ArgumentException">Set to a value outside [0, 1].</exception>
    public double MaxUtilization
    {
        get => _maxUtilization > 0 ? _maxUtilization : DefaultMaxUtilization;
        init => _maxUtilization = value is >= 0 and <= 1
            ? value
            : ThrowHelper.Argument<double>(string.Create(CultureInfo.InvariantCulture, $"MaxUtilization {value} must be in [0, 1] (0 for the default {DefaultMaxUtilization})."), nameof(MaxUtilization));
    }

    /// <summary>The usable network in per broker: <see cref="NetworkInMBps"/> × <see cref="MaxUtilization"/>.</summary>
    public double UsableInMBps => NetworkInMBps * MaxUtilization;

    /// <summary>The usable network out per broker: <see cref="NetworkOutMBps"/> × <see cref="MaxUtilization"/>.</summary>
    public double UsableOutMBps => NetworkOutMBps * MaxUtilization;

    /// <summary>The usable disk per broker: <see cref="DiskGB"/> × <see cref="MaxUtilization"/>.</summary>
    public double UsableDiskGB => DiskGB * MaxUtilization;

    /// <summary>Renders <c>"in 250 MB/s, out 500 MB/s, disk 4000 GB, usable 75%"</c>.</summary>
    public override string ToString() =>
        $"in {Format.Rate(NetworkInMBps)} MB/s, out {Format.Rate(NetworkOutMBps)} MB/s, disk {Format.Rate(DiskGB)} GB, usable {Format.Percent(MaxUtilization)}";

    private static double Check(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : ThrowHelper.Argument<double>(string.Create(CultureInfo.InvariantCulture, $"{name} {value} must be a finite number ≥ 0 (0 for the default)."), name);
}
