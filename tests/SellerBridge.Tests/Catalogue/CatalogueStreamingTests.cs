using System.Text;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueStreamingTests
{
    [Fact]
    public void Large_upload_is_read_in_one_pass_without_holding_it_in_memory()
    {
        const int Rows = 150_000;
        using var upload = new GeneratedUpload(Rows);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long retainedMidway = 0;
        var progress = new List<long>();

        using var reader = CatalogueReader.Open(upload);
        var count = 0;
        foreach (var row in reader.ReadRows())
        {
            Assert.True(row.Accepted);
            if (++count % 10_000 == 0)
            {
                progress.Add(reader.BytesConsumed);
            }

            if (count == Rows / 2)
            {
                retainedMidway = GC.GetTotalMemory(forceFullCollection: true) - before;
            }
        }

        Assert.Equal(Rows, count);
        Assert.True(upload.Produced > 40_000_000, $"the upload is {upload.Produced} bytes");
        Assert.True(retainedMidway < 8_000_000, $"{retainedMidway} bytes retained half-way through a {upload.Produced}-byte upload");
        Assert.Equal(upload.Produced, reader.BytesConsumed);
        Assert.Equal(progress.Order(), progress);
        Assert.True(progress[0] < upload.Produced / 4);
    }

    [Fact]
    public void Rows_are_read_once()
    {
        using var reader = CatalogueReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(CatalogueCsv.Csv([CatalogueCsv.EnglishHeader, CatalogueCsv.ValidRow()]))));
        _ = reader.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    /// <summary>A non-seekable upload whose rows are made as they are read, so the test itself holds no file.</summary>
    private sealed class GeneratedUpload(int rows) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes(CatalogueCsv.Csv([CatalogueCsv.KoreanHeader], newline: "\r\n"));
        private int _offset;
        private int _row;

        public long Produced { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row == rows)
                {
                    return 0;
                }

                _row++;
                var row = CatalogueCsv.ValidRow($"SKU-{_row}");
                row[12] = $"{_row}번 상품 설명, \"따옴표\"와\n줄바꿈이 있는 {new string('긴', 60)} 설명";
                _pending = Encoding.UTF8.GetBytes(CatalogueCsv.Csv([row], newline: "\r\n"));
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            Produced += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
