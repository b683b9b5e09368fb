using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace Brokersets.Tests;

/// <summary>Design rules of the core, checked over the whole assembly.</summary>
public class AssemblyGuardTests
{
    private static readonly Assembly Core = typeof(Brokerset).Assembly;

    private static Type[] PublicTypes => Core.GetExportedTypes();

    [Fact]
    public void Core_ReferencesOnlyBclAssemblies()
    {
        string[] foreign = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name != "netstandard" && name != "mscorlib" && name != "System" && !name.StartsWith("System.", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(foreign);
    }

    [Fact]
    public void PublicClasses_AreSealedOrAbstract()
    {
        string[] open = PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName!).ToArray();
        Assert.Empty(open);
    }

    [Fact]
    public void PublicTypes_HaveNoPublicSetters()
    {
        string[] setters = PublicTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToArray();
        Assert.Empty(setters);
    }

    [Fact]
    public void PublicTypes_RenderThemselves()
    {
        string[] silent = PublicTypes
            .Where(t => !t.IsEnum && !(t.IsAbstract && t.IsSealed) && !t.IsInterface && !typeof(Delegate).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttribute<DebuggerDisplayAttribute>() is null
                        && t.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)?.DeclaringType != t)
            .Select(t => t.FullName!)
            .ToArray();
        Assert.Empty(silent);
    }
}
