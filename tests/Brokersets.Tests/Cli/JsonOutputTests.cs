using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Brokersets.Cli;
using Json.Schema;

namespace Brokersets.Tests.Cli;

/// <summary><c>diff</c> and <c>audit --format json</c> from files: the real output matches the schema shown in docs/json-output.md.</summary>
public sealed class JsonOutputTests
{
    /// <summary>The JSON Schema block under the heading <c>## `{command} --format json`</c> of docs/json-output.md.</summary>
    internal static JsonSchema DocumentedSchema(string command)
    {
        string doc = File.ReadAllText(TestData.RepositoryFile("docs", "json-output.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        string section = doc[doc.IndexOf($"## `{command} --format json`", StringComparison.Ordinal)..];
        int start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        return JsonSchema.FromText(section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)]);
    }

    private static void AssertValid(JsonSchema schema, string json)
    {
        EvaluationResults result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, json);
    }

    [Fact]
    public void Diff_ExecuteExample_ValidAgainstTheDocumentedSchema()
    {
        // orders is 0:[1,2,3] 1:[2,3,1] 2:[3,1,2]; the target asks 0:[4,2,3] 1:[2,3,4] 2:[3,1,2].
        CliRun run = CliRun.Of("diff", "--current", TestData.PathOf(Path.Combine("kafka", "execute-current.json")),
            "--target", TestData.PathOf(Path.Combine("kafka", "reassignment-v1-minimal.json")), "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        JsonSchema schema = DocumentedSchema("diff");
        AssertValid(schema, run.Stdout);
        JsonNode node = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(3, (int)node["partitionsCompared"]!);
        Assert.Equal(2, (int)node["partitionsTouched"]!);
        Assert.Equal(2, (int)node["replicasAdded"]!);
        Assert.Equal("[4,2,3]", node["changes"]![0]!["target"]!.ToJsonString());
        Assert.Equal("[4]", node["changes"]![0]!["added"]!.ToJsonString());
        Assert.Equal("[1]", node["changes"]![0]!["removed"]!.ToJsonString());
        Assert.True((bool)node["changes"]![0]!["leaderChanged"]!);

        // The schema is strict: a renamed field fails it.
        Assert.False(schema.Evaluate(JsonDocument.Parse(run.Stdout.Replace("\"replicasAdded\"", "\"replicasMoved\"", StringComparison.Ordinal)).RootElement).IsValid);
    }

    [Fact]
    public void Audit_DriftedExample_ValidAgainstTheDocumentedSchemaExitCodeThree()
    {
        CliRun run = CliRun.Of("audit", "--current", CliRun.Example("current.json"), "--brokersets", CliRun.Example("brokersets.json"),
            "--topics", CliRun.Example("topics.json"), "--cluster", CliRun.Example("cluster.json"), "--format", "json");

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        JsonSchema schema = DocumentedSchema("audit");
        AssertValid(schema, run.Stdout);
        JsonNode node = JsonNode.Parse(run.Stdout)!;
        Assert.False((bool)node["clean"]!);
        // the same 6 findings as the table (AuditCommandTests), cheapest first
        JsonArray findings = node["findings"]!.AsArray();
        Assert.Equal(6, findings.Count);
        Assert.Equal("wrongOrder", (string?)findings[0]!["kind"]);
        Assert.Equal("rackCollision", (string?)findings[5]!["kind"]);
        Assert.Equal(5, (int)node["repair"]!["partitionsTouched"]!);
        Assert.Equal(5, node["repair"]!["changes"]!.AsArray().Count);

        Assert.False(schema.Evaluate(JsonDocument.Parse(run.Stdout.Replace("\"findings\"", "\"finding\"", StringComparison.Ordinal)).RootElement).IsValid);
    }

    [Fact]
    public void Audit_UnreadableCurrent_OneLineErrorWithJson()
    {
        CliRun run = CliRun.Of("audit", "--current", "/nonexistent/current.json", "--brokersets", CliRun.Example("brokersets.json"),
            "--topics", CliRun.Example("topics.json"), "--cluster", CliRun.Example("cluster.json"), "--format", "json");

        run.AssertOneLineError(ExitCodes.InputError);
    }
}
