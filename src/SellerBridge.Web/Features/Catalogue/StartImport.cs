using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Stores an uploaded catalogue file durably in the database, in pieces, so that any node can
/// import it, then queues the import. The file is streamed: memory does not grow with it.
/// </summary>
public sealed class StartImport(Db db, TimeProvider clock, IOptions<CatalogueOptions> options, ImportQueue queue, ILogger<StartImport> logger)
{
    public sealed record Result(long? ImportId, string? ErrorCode, IReadOnlyList<string> ErrorArgs);

    public async Task<Result> StartAsync(SellerScope scope, string fileName, Stream content, string source, CancellationToken cancellationToken)
    {
        var o = options.Value;
        fileName = CleanFileName(fileName);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var importId = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId(
                "INSERT INTO imports (seller_id, file_name, size_bytes, sha256, source, status, created_at) VALUES (@SellerId, @fileName, 0, '', @source, 'Queued', @now)"),
            new { scope.SellerId, fileName, source, now = clock.GetUtcNow() },
            tx);

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[o.ChunkBytes];
        long total = 0;
        var chunk = 0;
        while (true)
        {
            var filled = await FillAsync(content, buffer, cancellationToken);
            if (filled == 0)
            {
                break;
            }

            total += filled;
            if (total > o.MaxUploadBytes)
            {
                // Rolling back leaves no trace of the file: nothing changed.
                await tx.RollbackAsync(cancellationToken);
                return new Result(null, "file.too_large", [o.MaxUploadMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            sha.AppendData(buffer, 0, filled);
            await connection.ExecuteAsync(
                new CommandDefinition(
                    "INSERT INTO import_files (import_id, chunk_no, data) VALUES (@importId, @chunk, @data)",
                    new { importId, chunk, data = filled == buffer.Length ? buffer : buffer[..filled] },
                    tx,
                    cancellationToken: cancellationToken));
            chunk++;
        }

        if (total == 0)
        {
            await tx.RollbackAsync(cancellationToken);
            return new Result(null, "file.empty", []);
        }

        await connection.ExecuteAsync(
            "UPDATE imports SET size_bytes = @total, sha256 = @hash WHERE id = @importId",
            new { total, hash = Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), importId },
            tx);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Stored import {ImportId} for seller {SellerId}: {Bytes} bytes in {Chunks} pieces", importId, scope.SellerId, total, chunk);
        await queue.EnqueueAsync(importId, cancellationToken);
        return new Result(importId, null, []);
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static string CleanFileName(string? name)
    {
        name = Path.GetFileName((name ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "catalogue.csv" : name.Length > 200 ? name[..200] : name;
    }
}
