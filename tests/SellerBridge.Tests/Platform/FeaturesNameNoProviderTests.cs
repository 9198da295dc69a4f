using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

/// <summary>
/// Features speak to every database through the dialect (Infrastructure/Persistence/Dialects):
/// none of them may name a provider or a driver.
/// </summary>
public sealed class FeaturesNameNoProviderTests
{
    private static readonly string[] Forbidden = ["DatabaseProvider", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient"];

    [Fact]
    public void No_file_under_Features_names_a_database_provider_or_driver()
    {
        var features = Path.Combine(Repo.WebProject, "Features");
        var files = Directory.EnumerateFiles(features, "*", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 50, $"Expected the feature sources under {features}, found {files.Count} files.");

        var mentions = files.SelectMany(Mentions).ToList();

        Assert.True(mentions.Count == 0, "Features name a provider; move this behind the dialect:\n" + string.Join("\n", mentions));
    }

    [Fact]
    public void The_check_finds_a_provider_named_in_a_file()
    {
        // The dialects do name their drivers, so the same scan must report them.
        var dialects = Path.Combine(Repo.WebProject, "Infrastructure", "Persistence", "Dialects");

        Assert.Contains(Mentions(Path.Combine(dialects, "PostgresDialect.cs")), m => m.Contains("Npgsql", StringComparison.Ordinal));
        Assert.Contains(Mentions(Path.Combine(dialects, "SqliteDialect.cs")), m => m.Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal));
        Assert.Contains(Mentions(Path.Combine(dialects, "SqlDialect.cs")), m => m.Contains("DatabaseProvider", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Mentions(string file) =>
        File.ReadLines(file)
            .Select((line, index) => (line, number: index + 1))
            .Where(l => Forbidden.Any(f => l.line.Contains(f, StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, file)}:{l.number}: {l.line.Trim()}");
}
