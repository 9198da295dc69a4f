using SellerBridge.Benchmarks;

// dotnet run -c Release --project benchmarks/SellerBridge.Benchmarks -- drafts --products 100000 [--postgres "<connstr>"]
if (args.Length == 0 || args[0] != "drafts")
{
    Console.Error.WriteLine("Usage: drafts --products N [--postgres \"Host=...;Username=...;Password=...\"]");
    return 2;
}

var products = 100_000;
string? postgres = null;
for (var i = 1; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--products":
            products = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--postgres":
            postgres = args[++i];
            break;
    }
}

await DraftsBenchmark.RunSqliteAsync(products);
if (postgres is not null)
{
    await DraftsBenchmark.RunPostgresAsync(products, postgres);
}

return 0;
