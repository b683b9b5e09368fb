using System;
using System.IO;

namespace Brokersets.Tests;

/// <summary>Reads files under <c>TestData/</c> (copied next to the test assembly) and files of the repository.</summary>
internal static class TestData
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The repository root: the first directory above the test assembly holding <c>Brokersets.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Brokersets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Brokersets.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The path of a repository file, e.g. <c>RepositoryFile("docs", "examples", "cluster.json")</c>.</summary>
    public static string RepositoryFile(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);
}
