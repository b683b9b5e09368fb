using System.Diagnostics;

namespace Brokersets;

/// <summary>How a new topic would fit on one brokerset (one row of <see cref="SizingAdvice.Brokersets"/>).</summary>
/// <remarks><c>default(BrokersetFit)</c> is an unnamed brokerset that was not evaluated. Immutable.</remarks>
/// <param name="Brokerset">The brokerset's name.</param>
/// <param name="Brokers">Its size.</param>
/// <param name="Partitions">The partition count the topic would get there (rounded or fixed by the brokerset), 0 when it cannot be placed.</param>
/// <param name="Stride">The stride the <see cref="StrideAdvisor"/> recommends there (placement and loads use it).</param>
/// <param name="Placed">Whether the topic could be placed there at all (see <paramref name="Reason"/> when not).</param>
/// <param name="Fits">Whether every broker stays within its usable capacity after placing.</param>
/// <param name="Headroom">1 − the highest load ÷ usable capacity over its brokers and resources after placing (negative when over; 0 when not placed).</param>
/// <param name="TightestBrokerId">The broker reaching that highest ratio, or -1 when not placed.</param>
/// <param name="Resource">The resource of that ratio: <c>network in</c>, <c>network out</c> or <c>disk</c> (empty when not placed).</param>
/// <param name="PeakInBytesPerSecond">The highest network in of one of its brokers after placing, bytes per second.</param>
/// <param name="PeakOutBytesPerSecond">The highest network out of one of its brokers after placing, bytes per second.</param>
/// <param name="PeakDiskBytes">The highest disk use of one of its brokers after placing, bytes (rounded to a whole byte).</param>
/// <param name="Reason">Why it fits or not, in words.</param>
[DebuggerDisplay("{Brokerset,nq}: fits {Fits}, headroom {Headroom}, {Reason,nq}")]
public readonly record struct BrokersetFit(string Brokerset, int Brokers, int Partitions, int Stride, bool Placed, bool Fits, double Headroom,
    int TightestBrokerId, string Resource, double PeakInBytesPerSecond, double PeakOutBytesPerSecond, long PeakDiskBytes, string Reason);
