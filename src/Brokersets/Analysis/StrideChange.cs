using System.Diagnostics;

namespace Brokersets;

/// <summary>One topic's stride before and after a <see cref="StridePlan"/>.</summary>
/// <remarks><c>default(StrideChange)</c> is an unnamed topic kept at stride 0. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Before">Its current stride.</param>
/// <param name="After">The planned stride.</param>
[DebuggerDisplay("{Topic,nq}: {Before} → {After}")]
public readonly record struct StrideChange(string Topic, int Before, int After)
{
    /// <summary>Whether the plan changes the stride (and so moves the topic's followers).</summary>
    public bool Changed => Before != After;
}
