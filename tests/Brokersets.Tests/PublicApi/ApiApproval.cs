using System;
using System.IO;
using System.Reflection;
using PublicApiGenerator;
using Xunit;

namespace Brokersets.Tests.PublicApi;

/// <summary>
/// Compares an assembly's public surface with <c>&lt;Assembly&gt;.approved.txt</c> in the calling test project's
/// <c>PublicApi</c> folder. On a change it writes <c>&lt;Assembly&gt;.received.txt</c> beside it and fails: review the diff,
/// then copy received over approved. CI never rewrites tracked files. (Shared by the test projects as a linked file.)
/// </summary>
internal static class ApiApproval
{
    public static void Approve(Assembly assembly, string testProject)
    {
        string api = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        string dir = Path.Combine(RepositoryRoot(), "tests", testProject, "PublicApi");
        string name = assembly.GetName().Name!;
        string approvedPath = Path.Combine(dir, name + ".approved.txt");
        string receivedPath = Path.Combine(dir, name + ".received.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == api)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(receivedPath, api);
        Assert.Fail($"The public API of {name} changed. Review the difference between {approvedPath} and {receivedPath}; if it is intended, copy the received file over the approved one.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Brokersets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Brokersets.sln not found above " + AppContext.BaseDirectory);
    }
}
