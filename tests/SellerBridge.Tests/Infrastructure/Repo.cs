using System.Diagnostics;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>Paths in the repository and a way to run the built app as its own process.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "SellerBridge.Web");

    /// <summary>The app's dll as built beside the tests (same configuration).</summary>
    public static string WebDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(WebProject, "bin", configuration, "net10.0", "SellerBridge.Web.dll");
            Assert.True(File.Exists(path), $"Build the solution first: {path} is missing.");
            return path;
        }
    }

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>Starts <c>dotnet SellerBridge.Web.dll args</c> with the given environment, from the project folder.</summary>
    public static Process StartApp(IDictionary<string, string> environment, params string[] args) =>
        StartDll(WebDll, WebProject, environment, args);

    /// <summary>
    /// The folder <c>scripts/test.sh</c> published the app to (<c>SELLERBRIDGE_PUBLISHED_APP</c>),
    /// or null when the tests run without a publish.
    /// </summary>
    public static string? PublishedApp => Environment.GetEnvironmentVariable("SELLERBRIDGE_PUBLISHED_APP") is { Length: > 0 } folder ? folder : null;

    /// <summary>Starts <c>dotnet dll args</c> from <paramref name="workingDirectory"/>, in the Testing environment unless told otherwise.</summary>
    public static Process StartDll(string dll, string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SellerBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SellerBridge.sln not found above the test folder.");
    }
}
