namespace SellerBridge.Web.Infrastructure.Persistence.Dialects;

/// <summary>One row of a bulk write (<see cref="SqlDialect.WriteRowsAsync"/>).</summary>
public interface IBulkRow
{
    /// <summary>The row's values, in the order of the write's columns.</summary>
    object?[] Values();
}

/// <summary>
/// New rows streamed into one table in the database's binary bulk format (<see cref="SqlDialect.BeginBinaryInsertAsync"/>):
/// each row started, then every column's value written in the order the columns were named.
/// Disposing it before <see cref="CompleteAsync"/> abandons the rows.
/// </summary>
public abstract class BinaryInsert : IAsyncDisposable
{
    public abstract Task StartRowAsync(CancellationToken cancellationToken);

    public abstract Task WriteAsync(long value, CancellationToken cancellationToken);

    public abstract Task WriteAsync(int value, CancellationToken cancellationToken);

    /// <summary>Text; null writes NULL.</summary>
    public abstract Task WriteAsync(string? value, CancellationToken cancellationToken);

    /// <summary>A UTC time.</summary>
    public abstract Task WriteAsync(DateTimeOffset value, CancellationToken cancellationToken);

    public abstract Task WriteNullAsync(CancellationToken cancellationToken);

    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
