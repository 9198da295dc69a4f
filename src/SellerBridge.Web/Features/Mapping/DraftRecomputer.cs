using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// Keeps every product's listing draft current: re-evaluates products against the rules in force and
/// writes what changed (the draft, the listing status, an update owed to a live listing). Reads by id
/// in pages and writes each page in one transaction, so 100,000 products take seconds, not minutes.
/// </summary>
public sealed class DraftRecomputer(Db db, RulesInForce rules, DraftWriter writer, TimeProvider clock, ILogger<DraftRecomputer> logger)
{
    public const int PageSize = 2_000;

    // Kept below SQL Server's 2,100 parameters per command.
    private const int IdsPerQuery = 1_000;

    public sealed record Result(int Evaluated, int DraftsWritten, int StatusesChanged, int UpdatesQueued)
    {
        public static Result operator +(Result a, Result b) =>
            new(a.Evaluated + b.Evaluated, a.DraftsWritten + b.DraftsWritten, a.StatusesChanged + b.StatusesChanged, a.UpdatesQueued + b.UpdatesQueued);
    }

    /// <summary>After a product edit or an import: the given products of one seller (ids of other sellers are ignored).</summary>
    public async Task<Result> ForProductsAsync(long sellerId, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken = default)
    {
        var total = new Result(0, 0, 0, 0);
        await using var connection = await db.OpenAsync(cancellationToken);
        var context = await rules.LoadAsync(connection, cancellationToken);
        foreach (var chunk in productIds.Distinct().Order().Chunk(IdsPerQuery))
        {
            var rows = await connection.QueryAsync<DraftProductRow>(new CommandDefinition(
                SelectProducts + " WHERE p.seller_id = @sellerId AND " + db.Dialect.InList("p.id", "ids") + " ORDER BY p.id",
                new { sellerId, ids = db.Dialect.ListValue(chunk) },
                cancellationToken: cancellationToken));
            total += await EvaluateAndWriteAsync(connection, rows.AsList(), context, cancellationToken);
        }

        return total;
    }

    /// <summary>After an import completed: every product the file touched (new, changed or unchanged).</summary>
    public async Task<Result> ForImportAsync(long importId, CancellationToken cancellationToken = default)
    {
        List<(long SellerId, long Id)> touched;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            touched = (await connection.QueryAsync<(long SellerId, long Id)>(new CommandDefinition(
                "SELECT seller_id, id FROM products WHERE last_import_id = @importId",
                new { importId },
                cancellationToken: cancellationToken))).AsList();
        }

        var total = new Result(0, 0, 0, 0);
        foreach (var seller in touched.GroupBy(t => t.SellerId))
        {
            total += await ForProductsAsync(seller.Key, seller.Select(t => t.Id).ToList(), cancellationToken);
        }

        return total;
    }

    /// <summary>After a mapping rule for <paramref name="kmallPrefix"/> changed: every product at or below that category path.</summary>
    public Task<Result> ForCategoryPrefixAsync(string kmallPrefix, CancellationToken cancellationToken = default) =>
        ForCategoryPrefixAsync(kmallPrefix, null, cancellationToken);

    /// <param name="progress">Told after each page is written: the products looked at so far and the total so far.</param>
    public Task<Result> ForCategoryPrefixAsync(string kmallPrefix, Func<int, Result, Task>? progress, CancellationToken cancellationToken = default)
    {
        var prefix = CategoryMapper.Segments(kmallPrefix);
        // Matched here with the mapper's own rule (whole segments, trimmed, any case), which SQL LIKE cannot express.
        return AllAsync(path => IsUnder(CategoryMapper.Segments(path), prefix), progress, cancellationToken);
    }

    /// <summary>After a rate or pricing rule change: every product.</summary>
    public Task<Result> ForAllAsync(CancellationToken cancellationToken = default) => AllAsync(null, null, cancellationToken);

    /// <inheritdoc cref="ForAllAsync(CancellationToken)"/>
    /// <param name="progress">Told after each page is written: the products looked at so far and the total so far.</param>
    public Task<Result> ForAllAsync(Func<int, Result, Task>? progress, CancellationToken cancellationToken = default) => AllAsync(null, progress, cancellationToken);

    /// <summary>How many products have no draft, or one made from an older product version, rate or pricing rule.</summary>
    public async Task<int> CountStaleAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var context = await rules.LoadAsync(connection, cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM products p LEFT JOIN product_drafts d ON d.product_id = p.id
            WHERE d.product_id IS NULL OR d.product_version <> p.version
               OR COALESCE(d.rate_id, 0) <> @rateId OR COALESCE(d.pricing_rule_id, 0) <> @ruleId
            """,
            new { rateId = context.Rate?.Id ?? 0, ruleId = context.Rule?.Id ?? 0 },
            cancellationToken: cancellationToken));
    }

    private async Task<Result> AllAsync(Func<string, bool>? categoryFilter, Func<int, Result, Task>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var total = new Result(0, 0, 0, 0);
        // Reading and evaluating the next page overlaps with writing this one: two connections, a
        // reader and a writer (SQLite's WAL lets the reader go on while the writer commits).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var readConnection = await db.OpenAsync(cancellationToken);
        await using var writeConnection = await db.OpenAsync(cancellationToken);
        var context = await rules.LoadAsync(readConnection, cancellationToken);
        var pages = Channel.CreateBounded<(List<DraftWriter.Change> Changes, int Seen)>(2);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var seen = 0;
                    for (long after = 0; ;)
                    {
                        var page = (await readConnection.QueryAsync<DraftProductRow>(new CommandDefinition(
                            SelectProducts + " WHERE p.id > @after ORDER BY p.id" + db.Dialect.Limit("limit"),
                            new { after, limit = PageSize },
                            cancellationToken: stop.Token))).AsList();
                        if (page.Count == 0)
                        {
                            break;
                        }

                        after = page[^1].Id;
                        var chosen = categoryFilter is null ? page : page.Where(p => categoryFilter(p.Category)).ToList();
                        seen += page.Count;
                        await pages.Writer.WriteAsync((Evaluate(chosen, context), seen), stop.Token);
                    }

                    pages.Writer.Complete();
                }
                catch (Exception e)
                {
                    pages.Writer.Complete(e);
                }
            },
            stop.Token);

        try
        {
            await foreach (var (changes, seen) in pages.Reader.ReadAllAsync(cancellationToken))
            {
                total += await writer.WriteAsync(writeConnection, changes, cancellationToken);
                if (progress is not null)
                {
                    await progress(seen, total);
                }
            }
        }
        finally
        {
            // A failed write must not leave the reader waiting on a full channel.
            await stop.CancelAsync();
            await producer;
        }

        logger.LogInformation(
            "Recomputed {Evaluated} drafts in {Elapsed} ms: {Written} written, {Statuses} statuses changed, {Updates} live updates queued",
            total.Evaluated, watch.ElapsedMilliseconds, total.DraftsWritten, total.StatusesChanged, total.UpdatesQueued);
        return total;
    }

    private async Task<Result> EvaluateAndWriteAsync(DbConnection connection, IReadOnlyList<DraftProductRow> rows, MappingContext context, CancellationToken cancellationToken) =>
        rows.Count == 0
            ? new Result(0, 0, 0, 0)
            : await writer.WriteAsync(connection, Evaluate(rows, context), cancellationToken);

    /// <summary>Each product's new draft beside its stored fingerprints; the evaluation is pure, so it runs on every core.</summary>
    private List<DraftWriter.Change> Evaluate(IReadOnlyList<DraftProductRow> rows, MappingContext context)
    {
        var now = clock.GetUtcNow();
        return rows
            .AsParallel()
            .AsOrdered()
            .Select(r => new DraftWriter.Change(
                StoredDraft.From(ReadinessEvaluator.Evaluate(r.Id, r.ToProduct(), context), r.SellerId, r.Version, now),
                r.ListingStatus,
                r.DraftHash,
                r.PayloadHash))
            .ToList();
    }

    private static bool IsUnder(string[] path, string[] prefix) =>
        prefix.Length > 0 && path.Length >= prefix.Length
        && prefix.Select((segment, i) => string.Equals(segment, path[i], StringComparison.OrdinalIgnoreCase)).All(same => same);

    private const string SelectProducts =
        """
        SELECT p.id AS Id, p.seller_id AS SellerId, p.seller_sku AS SellerSku, p.name_ko AS NameKo, p.price_krw AS PriceKrw,
               p.stock AS Stock, p.category AS Category, p.name_zh AS NameZh, p.brand AS Brand, p.weight_g AS WeightG,
               p.origin AS Origin, p.hs_code AS HsCode, p.barcode AS Barcode, p.image_urls AS ImageUrls,
               p.description AS Description, p.extra_json AS ExtraJson, p.listing_status AS ListingStatus, p.version AS Version,
               d.draft_hash AS DraftHash, d.payload_hash AS PayloadHash
        FROM products p LEFT JOIN product_drafts d ON d.product_id = p.id
        """;
}
