using System.Collections.Concurrent;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// How far the imports running in this process have got. Kept in memory because on SQLite the
/// import's own transaction holds the write lock; the status endpoint reads it from here and
/// falls back to the database for imports running elsewhere.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<long, Snapshot> _running = new();

    public sealed record Snapshot(int RowsDone, long BytesDone, long BytesTotal);

    public void Start(long importId, long bytesTotal) => _running[importId] = new Snapshot(0, 0, bytesTotal);

    public void Report(long importId, int rowsDone, long bytesDone) =>
        _running.AddOrUpdate(importId, _ => new Snapshot(rowsDone, bytesDone, 0), (_, old) => old with { RowsDone = rowsDone, BytesDone = bytesDone });

    public void Finish(long importId) => _running.TryRemove(importId, out _);

    public Snapshot? Find(long importId) => _running.TryGetValue(importId, out var s) ? s : null;
}
