using System.Diagnostics;
using System.Globalization;
using SellerBridge.Benchmarks;

// Figures for the README, measured on this machine; each command runs in a fresh process so the
// peak working set belongs to that run alone.
//   import  --file F [--provider Sqlite|Postgres] [--connection CS] [--fresh-database] [--cold] [--once]
//   drafts  --products N [--postgres CS]   (recompute of every draft after a rate change)
//   orders  [--provider Sqlite|Postgres] [--connection CS] [--orders 200000] [--notifications 5000] [--rate 200]
//   listings --listings N [--limit 20] [--latency 50] [--workers 2] [--provider Sqlite|Postgres] [--connection CS]
var command = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1).ToArray());
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
switch (command)
{
    case "import":
        await ImportBenchmark.RunAsync(options);
        break;
    case "drafts":
        var products = int.Parse(options["products"] ?? "100000", CultureInfo.InvariantCulture);
        await DraftsBenchmark.RunSqliteAsync(products);
        if (options["postgres"] is { } postgres)
        {
            await DraftsBenchmark.RunPostgresAsync(products, postgres);
        }

        break;
    case "orders":
        await OrdersBenchmark.RunAsync(options);
        break;
    case "listings":
        await ListingsBenchmark.RunAsync(options);
        break;
    default:
        Console.WriteLine("usage: import --file FILE [--provider Sqlite|Postgres] [--connection CONNSTR] [--fresh-database] [--cold] [--once]");
        Console.WriteLine("       orders [--provider Sqlite|Postgres] [--connection CONNSTR] [--orders 200000] [--notifications 5000] [--rate 200]");
        Console.WriteLine("       drafts --products N [--postgres CONNSTR]");
        Console.WriteLine("       listings --listings N [--limit 20] [--latency 50] [--workers 2] [--provider Sqlite|Postgres] [--connection CONNSTR]");
        return 2;
}

return 0;

namespace SellerBridge.Benchmarks
{
    internal sealed record Options(IReadOnlyDictionary<string, string> Values)
    {
        public string? this[string key] => Values.GetValueOrDefault(key);

        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
                }
            }

            return new Options(values);
        }
    }

    internal static class Measure
    {
        public static async Task<(T Result, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> work)
        {
            var watch = Stopwatch.StartNew();
            var result = await work();
            return (result, watch.Elapsed);
        }

        public static double PeakMegabytes()
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64 / 1024.0 / 1024.0;
        }
    }
}
