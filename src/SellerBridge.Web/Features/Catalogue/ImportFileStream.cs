using System.Data.Common;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Reads a stored upload back piece by piece, on its own connection, so only one piece is in
/// memory at a time and the import's write transaction is not involved.
/// </summary>
public sealed class ImportFileStream(DbConnection connection, long importId, long length) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _nextChunk;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _chunk.Length && !LoadNext())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        _position += n;
        return n;
    }

    private bool LoadNext()
    {
        var data = connection.QuerySingleOrDefault<byte[]>(
            "SELECT data FROM import_files WHERE import_id = @importId AND chunk_no = @chunk",
            new { importId, chunk = _nextChunk });
        if (data is null)
        {
            return false;
        }

        _nextChunk++;
        _chunk = data;
        _offset = 0;
        return data.Length > 0 || LoadNext();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
