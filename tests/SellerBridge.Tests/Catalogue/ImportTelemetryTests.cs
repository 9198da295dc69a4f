using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Catalogue;

public sealed class ImportTelemetryTests
{
    private const string Rows = "sellerbridge.catalogue.import.rows";

    [Fact]
    public async Task A_finished_import_counts_its_rows_by_outcome()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        using var capture = new TelemetryCapture();

        var result = await Imports.ImportAsync(app, api, Imports.Sample("catalogue-cp949.csv"), "상품목록.csv");

        Assert.Equal("Completed", result.GetProperty("status").GetString());
        Assert.Equal(result.GetProperty("rowsAccepted").GetInt32(), capture.Sum(Rows, ("outcome", "accepted")));
        Assert.Equal(1, capture.Sum(Rows, ("outcome", "rejected")));
        Assert.Equal(result.GetProperty("rowsTotal").GetInt32(), capture.Sum(Rows));
    }
}
