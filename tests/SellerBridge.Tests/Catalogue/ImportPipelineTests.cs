using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Catalogue;

/// <summary>Uploads through the real API, imports into real databases, and checks what the seller would check.</summary>
public sealed class ImportPipelineTests
{
    private const string Header = "판매자상품코드,상품명,판매가,재고수량,카테고리,중문상품명,중량(g)\r\n";

    [Theory]
    [AllProviders]
    public async Task The_cp949_sample_imports_with_its_one_bad_row_explained_in_korean(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);

        var result = await Imports.ImportAsync(app, api, Imports.Sample("catalogue-cp949.csv"), "상품목록.csv");

        Assert.Equal("Completed", result.GetProperty("status").GetString());
        var total = result.GetProperty("rowsTotal").GetInt32();
        Assert.True(total >= 50, $"rows: {total}");
        Assert.Equal(1, result.GetProperty("rowsRejected").GetInt32());
        Assert.Equal(total - 1, result.GetProperty("rowsAccepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(16, error.GetProperty("row").GetInt32());
        Assert.Equal("판매가", error.GetProperty("column").GetString());
        Assert.Equal("price.format", error.GetProperty("code").GetString());
        Assert.Contains("판매가", error.GetProperty("message").GetString());
        Assert.Equal(total - 1, await Imports.CountAsync(app, "products", seller.Id));

        // Hangul that only CP949 has survives the trip into the database and out of the API.
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products?limit=500")).RootElement.GetProperty("items");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("name_ko").GetString()!.IndexOfAny(['똠', '뷁']) >= 0);
    }

    [Theory]
    [AllProviders]
    public async Task Every_column_of_a_new_product_is_stored_as_the_file_gives_it_and_an_empty_optional_cell_as_nothing(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var file = Imports.Utf8(
            "판매자상품코드,상품명,판매가,재고수량,카테고리,중문상품명,브랜드,중량(g),원산지,HS코드,바코드,이미지URL,상세설명,용량\r\n" +
            "HF-0002,스테인리스 김치통 5L,34400,40,생활용품>주방용품>밀폐용기,不锈钢泡菜桶 5L,살림공방,1300,한국,7323.93,8803714786176," +
            "https://img.example.com/sb/hf-0002/main.jpg|https://img.example.com/sb/hf-0002/detail-1.jpg,\"뚜껑, 본체 분리 세척\",5L\r\n" +
            "HF-0003,유리 계량컵,9900,0,생활용품>주방용품>계량도구,,,,,,,,,\r\n");

        var result = await Imports.ImportAsync(app, api, file);

        Assert.Equal(2, result.GetProperty("rowsCreated").GetInt32());
        var full = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/HF-0002")).RootElement;
        Assert.Equal("스테인리스 김치통 5L", full.GetProperty("name_ko").GetString());
        Assert.Equal(34400, full.GetProperty("price_krw").GetInt64());
        Assert.Equal(40, full.GetProperty("stock").GetInt64());
        Assert.Equal("생활용품>주방용품>밀폐용기", full.GetProperty("category").GetString());
        Assert.Equal("不锈钢泡菜桶 5L", full.GetProperty("name_zh").GetString());
        Assert.Equal("살림공방", full.GetProperty("brand").GetString());
        Assert.Equal(1300, full.GetProperty("weight_g").GetInt64());
        Assert.Equal("KR", full.GetProperty("origin").GetString());
        Assert.Equal("732393", full.GetProperty("hs_code").GetString()); // kept as its digits
        Assert.Equal("8803714786176", full.GetProperty("barcode").GetString());
        Assert.Equal(
            ["https://img.example.com/sb/hf-0002/main.jpg", "https://img.example.com/sb/hf-0002/detail-1.jpg"],
            full.GetProperty("image_urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("뚜껑, 본체 분리 세척", full.GetProperty("description").GetString());
        Assert.Equal("5L", full.GetProperty("extra").GetProperty("용량").GetString());
        Assert.Equal("Draft", full.GetProperty("listing_status").GetString());
        Assert.Equal(1, full.GetProperty("version").GetInt64());

        var bare = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/HF-0003")).RootElement;
        Assert.Equal(0, bare.GetProperty("stock").GetInt64());
        foreach (var absent in new[] { "name_zh", "brand", "weight_g", "hs_code", "barcode", "description" })
        {
            Assert.Equal(JsonValueKind.Null, bare.GetProperty(absent).ValueKind);
        }

        Assert.Equal("KR", bare.GetProperty("origin").GetString());
        Assert.Empty(bare.GetProperty("image_urls").EnumerateArray());

        // What the import keeps about each row: which import made it, and from which row.
        await using var connection = await app.Db.OpenAsync();
        var kept = (await connection.QueryAsync<(string Sku, long Created, long Updated, long Last, long Row)>(
            """
            SELECT seller_sku, created_import_id, updated_import_id, last_import_id, last_import_row
            FROM products WHERE seller_id = @Id ORDER BY seller_sku
            """,
            new { seller.Id })).ToList();
        var importId = result.GetProperty("id").GetInt64();
        Assert.Equal([("HF-0002", importId, importId, importId, 2L), ("HF-0003", importId, importId, importId, 3L)], kept);
    }

    [Theory]
    [AllProviders]
    public async Task The_same_file_twice_changes_nothing_the_second_time(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var file = Imports.Sample("catalogue-utf8.csv");
        var first = await Imports.ImportAsync(app, api, file);
        await using var connection = await app.Db.OpenAsync();
        var before = (await connection.QueryAsync<(string, long, string)>(
            "SELECT seller_sku, version, content_hash FROM products WHERE seller_id = @Id ORDER BY seller_sku", new { seller.Id })).ToList();

        var second = await Imports.ImportAsync(app, api, file);

        Assert.Equal(first.GetProperty("rowsAccepted").GetInt32(), second.GetProperty("rowsUnchanged").GetInt32());
        Assert.Equal(0, second.GetProperty("rowsCreated").GetInt32());
        Assert.Equal(0, second.GetProperty("rowsUpdated").GetInt32());
        var after = (await connection.QueryAsync<(string, long, string)>(
            "SELECT seller_sku, version, content_hash FROM products WHERE seller_id = @Id ORDER BY seller_sku", new { seller.Id })).ToList();
        Assert.Equal(before, after);
        Assert.Equal(0, await Imports.CountAsync(app, "product_history", seller.Id));
    }

    [Theory]
    [AllProviders]
    public async Task A_product_stored_with_an_older_fingerprint_is_unchanged_by_the_same_values_and_gets_the_new_fingerprint(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var file = Imports.Utf8(Header + "F-1,홍삼정 240g,129000,10,식품>건강식품>홍삼,韩国红参,300\r\nF-2,녹차 티백,9900,5,식품>차>녹차,,100\r\n");
        await Imports.ImportAsync(app, api, file);
        await using var connection = await app.Db.OpenAsync();
        var current = await connection.QuerySingleAsync<string>("SELECT content_hash FROM products WHERE seller_id = @Id AND seller_sku = 'F-1'", new { seller.Id });
        // As an earlier release (SHA-256) left it.
        await connection.ExecuteAsync("UPDATE products SET content_hash = 'A1B2C3D4E5F60718293A4B5C6D7E8F90' WHERE seller_id = @Id AND seller_sku = 'F-1'", new { seller.Id });

        var again = await Imports.ImportAsync(app, api, file);

        Assert.Equal(2, again.GetProperty("rowsUnchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("rowsUpdated").GetInt32());
        Assert.Equal(0, await Imports.CountAsync(app, "product_history", seller.Id));
        var product = await connection.QuerySingleAsync<(long Version, string Hash)>(
            "SELECT version, content_hash FROM products WHERE seller_id = @Id AND seller_sku = 'F-1'", new { seller.Id });
        Assert.Equal(1, product.Version);
        Assert.Equal(current, product.Hash);
    }

    [Theory]
    [AllProviders]
    public async Task Re_uploading_the_fixed_file_imports_the_fixed_row_and_leaves_the_rest(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var first = await Imports.ImportAsync(app, api, Imports.Sample("catalogue-cp949.csv"));

        var fixedRun = await Imports.ImportAsync(app, api, Imports.Sample("catalogue-cp949-fixed.csv"));

        Assert.Equal(0, fixedRun.GetProperty("rowsRejected").GetInt32());
        Assert.Equal(1, fixedRun.GetProperty("rowsCreated").GetInt32());
        Assert.Equal(first.GetProperty("rowsAccepted").GetInt32(), fixedRun.GetProperty("rowsUnchanged").GetInt32());
        var product = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/KR-0015")).RootElement;
        Assert.Equal(12900, product.GetProperty("price_krw").GetInt64());
    }

    [Theory]
    [AllProviders]
    public async Task A_changed_row_updates_the_product_and_keeps_what_changed_in_its_history(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        await Imports.ImportAsync(app, api, Imports.Utf8(Header + "A-1,홍삼정 240g,\"₩129,000\",10,식품>건강식품>홍삼,,300\r\nA-2,녹차 티백,9900,5,식품>차>녹차,,100\r\n"));

        var second = await Imports.ImportAsync(app, api, Imports.Utf8(Header + "A-1,홍삼정 240g,\"119,000원\",10,식품>건강식품>홍삼,韩国红参,300\r\n"));

        Assert.Equal(1, second.GetProperty("rowsUpdated").GetInt32());
        var product = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/A-1")).RootElement;
        Assert.Equal(119000, product.GetProperty("price_krw").GetInt64());
        Assert.Equal("韩国红参", product.GetProperty("name_zh").GetString());
        Assert.Equal(2, product.GetProperty("version").GetInt64());
        // Products not in the second file are left alone.
        Assert.Equal(9900, JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/A-2")).RootElement.GetProperty("price_krw").GetInt64());
        await using var connection = await app.Db.OpenAsync();
        var history = await connection.QuerySingleAsync<(long ImportId, string Changes)>(
            "SELECT h.import_id, h.changes_json FROM product_history h JOIN products p ON p.id = h.product_id WHERE p.seller_sku = 'A-1' AND p.seller_id = @Id", new { seller.Id });
        Assert.Equal(second.GetProperty("id").GetInt64(), history.ImportId);
        using var changes = JsonDocument.Parse(history.Changes);
        Assert.Equal(["129000", "119000"], changes.RootElement.GetProperty("price_krw").EnumerateArray().Select(v => v.GetString()));
        Assert.False(changes.RootElement.TryGetProperty("stock", out _));
    }

    [Theory]
    [AllProviders]
    public async Task A_repeated_sku_keeps_the_first_row_and_rejects_the_later_one(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);

        var result = await Imports.ImportAsync(app, api, Imports.Utf8(Header +
            "D-1,첫 번째,1000,1,생활용품>주방용품,,\r\nD-2,다른 상품,2000,1,생활용품>주방용품,,\r\nD-1,두 번째,3000,1,생활용품>주방용품,,\r\n"));

        Assert.Equal(2, result.GetProperty("rowsAccepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Equal("sku.duplicate", error.GetProperty("code").GetString());
        Assert.Contains("2행", error.GetProperty("message").GetString());
        var product = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/D-1")).RootElement;
        Assert.Equal("첫 번째", product.GetProperty("name_ko").GetString());
    }

    [Theory]
    [AllProviders]
    public async Task A_file_missing_a_required_column_fails_whole_and_changes_nothing(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        await Imports.ImportAsync(app, api, Imports.Utf8(Header + "K-1,기존 상품,5000,3,식품>과자,,\r\n"));

        var result = await Imports.ImportAsync(app, api, Imports.Utf8("판매자상품코드,상품명,재고수량,카테고리\r\nK-1,바뀐 이름,3,식품>과자\r\n"));

        Assert.Equal("Failed", result.GetProperty("status").GetString());
        Assert.Equal("file.missing_columns", result.GetProperty("failure").GetProperty("code").GetString());
        Assert.Contains("판매가", result.GetProperty("failure").GetProperty("message").GetString());
        Assert.Equal("기존 상품", JsonDocument.Parse(await api.GetStringAsync("/api/v1/products/K-1")).RootElement.GetProperty("name_ko").GetString());
        Assert.Equal(1, await Imports.CountAsync(app, "products", seller.Id));
    }

    [Fact]
    public async Task A_file_that_is_not_text_fails_with_a_clear_message()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, .. new byte[200]];

        var result = await Imports.ImportAsync(app, api, xlsx, "상품.xlsx");

        Assert.Equal("Failed", result.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("failure").GetProperty("message").GetString()));
        Assert.Equal(0, await Imports.CountAsync(app, "products", seller.Id));
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_and_leaves_no_import()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["Catalogue:MaxUploadMegabytes"] = "1" });
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var big = new StringBuilder(Header);
        for (var i = 0; big.Length < 1_200_000; i++)
        {
            big.Append(CultureInvariant($"B-{i},큰 파일 상품 {i},1000,1,생활용품>주방용품,,\r\n"));
        }

        var response = await Imports.PostAsync(api, Imports.Utf8(big.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1MB", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await Imports.CountAsync(app, "imports", seller.Id));
    }

    [Theory]
    [AllProviders]
    public async Task The_rejected_rows_file_opens_as_csv_with_the_reason_and_defused_formulas(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var result = await Imports.ImportAsync(app, api, Imports.Utf8(Header +
            "F-1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"클릭\"\")\",abc,1,식품>과자,,\r\n" +
            "F-2,정상 상품,1000,1,식품>과자,,\r\n" +
            "F-3,\"여러 줄\n상품명, 쉼표 포함\",-5,x,식품>과자,,\r\n"));
        Assert.Equal(2, result.GetProperty("rowsRejected").GetInt32());

        var response = await api.GetAsync($"/api/v1/catalogue/imports/{result.GetProperty("id").GetInt64()}/errors.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        }

        Assert.Equal("판매자상품코드", records[0][0].TrimStart('\uFEFF'));
        Assert.Equal("오류 사유", records[0][^1]);
        Assert.Equal(3, records.Count);
        Assert.Equal("F-1", records[1][0]);
        Assert.StartsWith("'=HYPERLINK(", records[1][1]);
        Assert.Contains("판매가", records[1][^1]);
        Assert.Equal("여러 줄\n상품명, 쉼표 포함", records[2][1]);
        Assert.Equal("'-5", records[2][2]);
        Assert.Contains("재고수량", records[2][^1]);
    }

    [Fact]
    public async Task An_import_queued_through_quartz_runs_to_completion()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);

        var response = await Imports.PostAsync(api, Imports.Sample("catalogue-utf8.csv"));
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        JsonElement state = default;
        for (var i = 0; i < 120; i++)
        {
            state = await Imports.GetAsync(api, id);
            if (state.GetProperty("status").GetString() is "Completed" or "Failed")
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal("Completed", state.GetProperty("status").GetString());
        Assert.True(state.GetProperty("rowsAccepted").GetInt32() >= 50);
    }

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);
}
