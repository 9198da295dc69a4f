namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Gives back the bytes read ahead to detect the encoding, then the rest of the source, so that a
/// non-seekable upload is read once; and counts the bytes handed on, for a progress bar.
/// </summary>
internal sealed class SniffedStream(byte[] prefix, int prefixStart, int prefixEnd, Stream source, long alreadyConsumed) : Stream
{
    private int _prefixPosition = prefixStart;

    /// <summary>Bytes of the source handed on so far (a skipped byte order mark included).</summary>
    public long BytesConsumed { get; private set; } = alreadyConsumed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesConsumed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (_prefixPosition < prefixEnd)
        {
            read = Math.Min(buffer.Length, prefixEnd - _prefixPosition);
            prefix.AsSpan(_prefixPosition, read).CopyTo(buffer);
            _prefixPosition += read;
        }
        else
        {
            read = source.Read(buffer);
        }

        BytesConsumed += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixPosition < prefixEnd)
        {
            return Read(buffer.Span);
        }

        var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        BytesConsumed += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
