using System;
using System.Diagnostics;
using System.Globalization;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// What one broker can carry, for the <see cref="SizingAdvisor"/>: network in and out (bytes per second), disk
/// (bytes), and the share of each that placement may use (the rest is headroom for failover, catch-up and spikes).
/// </summary>
/// <remarks>
/// <para><b>Defaults.</b> A property left at 0 (as in <c>default(BrokerCapacity)</c>, which is valid) reads as its
/// default: <see cref="DefaultNetworkInBytesPerSecond"/>, <see cref="DefaultNetworkOutBytesPerSecond"/>,
/// <see cref="DefaultDiskBytes"/> and <see cref="DefaultMaxUtilization"/>. They describe a conservative mid-size cloud
/// broker (a 10 Gbit/s link moves about 1,250 MB/s each way, but sustained broker throughput is far lower once TLS,
/// compression and page cache misses count); measure your own brokers and set the values.</para>
/// <para>Rates are bytes per second, disk is bytes; <see cref="ToString"/> prints them in decimal MB/s and GB
/// (1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes). Immutable.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct BrokerCapacity
{
    /// <summary>Default network in: 250,000,000 bytes/s (250 MB/s: produce plus replication fetched from leaders).</summary>
    public const double DefaultNetworkInBytesPerSecond = 250_000_000;

    /// <summary>Default network out: 500,000,000 bytes/s (500 MB/s: consumer fetches plus replication sent to followers).</summary>
    public const double DefaultNetworkOutBytesPerSecond = 500_000_000;

    /// <summary>Default disk: 4,000,000,000,000 bytes (4,000 GB).</summary>
    public const long DefaultDiskBytes = 4_000_000_000_000;

    /// <summary>Default usable share of each resource: 0.75 (a quarter left as headroom).</summary>
    public const double DefaultMaxUtilization = 0.75;

    private readonly double _networkIn;
    private readonly double _networkOut;
    private readonly long _disk;
    private readonly double _maxUtilization;

    /// <summary>Bytes per second a broker can take in; 0 reads as <see cref="DefaultNetworkInBytesPerSecond"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative or non-finite value.</exception>
    public double NetworkInBytesPerSecond
    {
        get => _networkIn > 0 ? _networkIn : DefaultNetworkInBytesPerSecond;
        init => _networkIn = Check(value, nameof(NetworkInBytesPerSecond));
    }

    /// <summary>Bytes per second a broker can send; 0 reads as <see cref="DefaultNetworkOutBytesPerSecond"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative or non-finite value.</exception>
    public double NetworkOutBytesPerSecond
    {
        get => _networkOut > 0 ? _networkOut : DefaultNetworkOutBytesPerSecond;
        init => _networkOut = Check(value, nameof(NetworkOutBytesPerSecond));
    }

    /// <summary>Bytes of disk a broker holds; 0 reads as <see cref="DefaultDiskBytes"/>.</summary>
    /// <exception cref="ArgumentException">Set to a negative value.</exception>
    public long DiskBytes
    {
        get => _disk > 0 ? _disk : DefaultDiskBytes;
        init => _disk = value >= 0
            ? value
            : ThrowHelper.Argument<long>(string.Create(CultureInfo.InvariantCulture, $"DiskBytes {value} must be ≥ 0 (0 for the default)."), nameof(DiskBytes));
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

    /// <summary>The usable network in per broker, bytes per second: <see cref="NetworkInBytesPerSecond"/> × <see cref="MaxUtilization"/>.</summary>
    public double UsableInBytesPerSecond => NetworkInBytesPerSecond * MaxUtilization;

    /// <summary>The usable network out per broker, bytes per second: <see cref="NetworkOutBytesPerSecond"/> × <see cref="MaxUtilization"/>.</summary>
    public double UsableOutBytesPerSecond => NetworkOutBytesPerSecond * MaxUtilization;

    /// <summary>The usable disk per broker, bytes: <see cref="DiskBytes"/> × <see cref="MaxUtilization"/>, rounded down to a whole byte.</summary>
    public long UsableDiskBytes => (long)Math.Floor(DiskBytes * MaxUtilization);

    /// <summary>Renders <c>"in 250 MB/s, out 500 MB/s, disk 4000 GB, usable 75%"</c> (decimal MB and GB).</summary>
    public override string ToString() =>
        $"in {Format.MBps(NetworkInBytesPerSecond)} MB/s, out {Format.MBps(NetworkOutBytesPerSecond)} MB/s, disk {Format.GB(DiskBytes)} GB, usable {Format.Percent(MaxUtilization)}";

    private static double Check(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : ThrowHelper.Argument<double>(string.Create(CultureInfo.InvariantCulture, $"{name} {value} must be a finite number ≥ 0 (0 for the default)."), name);
}
