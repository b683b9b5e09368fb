using System;
using System.IO;

namespace Brokersets.Tests.Cli;

/// <summary>A temporary directory for the input files of a CLI test.</summary>
public sealed class CliFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-cli-tests").FullName;

    public string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
