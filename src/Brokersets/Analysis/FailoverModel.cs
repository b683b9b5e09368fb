using System;

namespace Brokersets;

/// <summary>
/// Single-broker failover of a brokerset's topics as dense arrays (internal): leaders per broker, leaderships gained
/// per (failed, survivor) pair, partitions offline per failed broker. Its skew is <see cref="FailureImpact.FailoverSkew"/>
/// of the same topics.
/// </summary>
internal sealed class FailoverModel
{
    private readonly int _n;
    private readonly int[] _leaders;
    private readonly int[] _gains;
    private readonly int[] _offline;
    private int _partitions;

    public FailoverModel(int brokers)
    {
        _n = brokers;
        _leaders = new int[brokers];
        _gains = new int[brokers * brokers];
        _offline = new int[brokers];
    }

    public void Clear()
    {
        Array.Clear(_leaders);
        Array.Clear(_gains);
        Array.Clear(_offline);
        _partitions = 0;
    }

    public void Add(Contribution c, int sign)
    {
        for (int i = 0; i < c.Leaders.Length; i++)
        {
            int b = c.Leaders[i];
            _leaders[b] += sign;
            if (c.Followers[i] < 0)
            {
                _offline[b] += sign;
            }
            else
            {
                _gains[(b * _n) + c.Followers[i]] += sign;
            }
        }

        _partitions += sign * c.Leaders.Length;
    }

    public double Skew() => Score().Skew;

    /// <summary>The failover skew, and the sum of squared gains (lower = leadership spread over more successors).</summary>
    public (double Skew, long Spread) Score()
    {
        double skew = 1.0;
        long spread = 0;
        for (int b = 0; b < _n; b++)
        {
            int worst = 0;
            int row = b * _n;
            for (int s = 0; s < _n; s++)
            {
                int g = _gains[row + s];
                spread += (long)g * g;
                if (s != b)
                {
                    worst = Math.Max(worst, _leaders[s] + g);
                }
            }

            skew = Math.Max(skew, FailureImpact.SkewOf(worst, _partitions - _offline[b], _n - 1));
        }

        return (skew, spread);
    }

    public int MaxGain()
    {
        int max = 0;
        foreach (int g in _gains)
        {
            max = Math.Max(max, g);
        }

        return max;
    }
}
