using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Payments;

namespace SellerBridge.Tests.Payments;

public sealed class SettlementTests
{
    private sealed class Row
    {
        public long SellerId { get; init; }

        public decimal CnyAmount { get; init; }

        public decimal Rate { get; init; }

        public string RateSource { get; init; } = "";

        public long KrwGross { get; init; }

        public long ProcessorFeeKrw { get; init; }

        public decimal CommissionPercent { get; init; }

        public long CommissionKrw { get; init; }

        public long KrwNet { get; init; }

        public string SettlementDate { get; init; } = "";
    }

    [Fact]
    public void Half_a_won_rounds_away_from_zero_and_the_parts_add_up_to_the_gross()
    {
        // 10.01 × 150.00 = 1,501.50 → 1,502; fee 1% = 15.02 → 15; commission 5% = 75.10 → 75; net 1,502 − 15 − 75 = 1,412.
        Assert.Equal(new SettlementFigures(1_502, 15, 75, 1_412), SettlementCalculator.Compute(10.01m, 150.00m, 1.0m, 5.0m));
    }

    [Theory]
    [AllProviders]
    public async Task Paid_order_estimates_each_sellers_line_at_the_processors_daily_rate_less_fee_and_commission(string provider)
    {
        var keys = new TestKeys();
        var settings = keys.Settings();
        settings["Payments:DefaultKrwPerCny"] = "100"; // must not be used: a daily rate from the processor is stored
        await using var app = AppFactory.For(provider, settings);
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var ginseng = await OrderBuilder.ProductAsync(app.Db, a.Id, "RG-100", "식품>건강식품>홍삼");
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO commissions (category_prefix, percent) VALUES ('식품>', 8.00), ('식품>음료', 3.00)");
            await connection.ExecuteAsync(
                "INSERT INTO processor_fx_rates (currency, rate_date, rate, source, recorded_at) VALUES ('KRW', '2025-03-13', 190.50, 'test', @at), ('KRW', '2025-03-15', 999, 'test', @at)",
                new { at = DateTimeOffset.UtcNow });
        }

        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m, 2, ginseng).Line(b.Id, "MASK-1", 45.50m);
        await order.InsertAsync(app.Db);

        // Paid 2025-03-14 09:31 GMT+8: the latest rate on or before that day is 190.50 (the 15th is later).
        Assert.Equal("success", await Notifications.PostAsync(app.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor)));

        await using var read = await app.Db.OpenAsync();
        var rows = (await read.QueryAsync<Row>("""
            SELECT s.seller_id AS SellerId, cny_amount AS CnyAmount, rate AS Rate, rate_source AS RateSource, krw_gross AS KrwGross,
                   processor_fee_krw AS ProcessorFeeKrw, commission_percent AS CommissionPercent, commission_krw AS CommissionKrw,
                   krw_net AS KrwNet, settlement_date AS SettlementDate
            FROM settlements s ORDER BY s.order_line_id
            """)).ToList();

        // Seller A, ginseng (식품> → 8%): 2 × 89.90 = 179.80 yuan × 190.50 = 34,251.90 → 34,252 won;
        //   fee 1% = 342.52 → 343; commission 8% = 2,740.16 → 2,740; net 34,252 − 343 − 2,740 = 31,169.
        // Seller B, no product (default 5%): 45.50 × 190.50 = 8,667.75 → 8,668;
        //   fee 1% = 86.68 → 87; commission 5% = 433.40 → 433; net 8,668 − 87 − 433 = 8,148.
        Assert.Equal(
            [(a.Id, 179.80m, 34_252L, 343L, 8.00m, 2_740L, 31_169L), (b.Id, 45.50m, 8_668L, 87L, 5.00m, 433L, 8_148L)],
            rows.Select(r => (r.SellerId, r.CnyAmount, r.KrwGross, r.ProcessorFeeKrw, r.CommissionPercent, r.CommissionKrw, r.KrwNet)));
        Assert.All(rows, r => Assert.Equal((190.50m, "estimate", "2025-03-14"), (r.Rate, r.RateSource, r.SettlementDate)));
    }
}
