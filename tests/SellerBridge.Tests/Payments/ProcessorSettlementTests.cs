using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Payments;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Payments;

/// <summary>
/// The won settlement from the processor's own figures: the app on each database, its real client
/// over HTTP to the sandbox processor on Kestrel, the job's handler called as the job calls it.
/// </summary>
public sealed class ProcessorSettlementTests
{
    // Paid 2025-03-14 09:31 GMT+8, as the notifications of Notifications.Form say.
    private static readonly DateTimeOffset s_paid = new(2025, 3, 14, 9, 31, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Row
    {
        public long LineId { get; init; }

        public long SellerId { get; init; }

        public decimal CnyAmount { get; init; }

        public decimal Rate { get; init; }

        public string RateSource { get; init; } = "";

        public long KrwGross { get; init; }

        public long ProcessorFeeKrw { get; init; }

        public decimal CommissionPercent { get; init; }

        public long CommissionKrw { get; init; }

        public long KrwNet { get; init; }

        public decimal? EstimateRate { get; init; }

        public long? EstimateKrwGross { get; init; }

        public long? EstimateKrwNet { get; init; }
    }

    [Fact]
    public void Split_adds_up_exactly_and_the_remainder_goes_to_the_largest_line()
    {
        // 1,000 won over three equal lines: 333.33 → 333 each, the one won left goes to the first of the largest.
        Assert.Equal([334L, 333L, 333L], SettlementCalculator.Split(1_000, [10.00m, 10.00m, 10.00m]));
        // 2 won over 0.50 + 0.50 + 1.00: 0.5 → 1, 0.5 → 1, 1 → 1 is 3; the largest line gives one back.
        Assert.Equal([1L, 1L, 0L], SettlementCalculator.Split(2, [0.50m, 0.50m, 1.00m]));
        var shares = SettlementCalculator.Split(44_009, [179.80m, 45.50m, 99.99m]);
        Assert.Equal(44_009L, shares.Sum());
        // Refunding a whole processor-settled line takes back exactly its gross.
        Assert.Equal(shares[0], SettlementCalculator.RefundOfLine(179.80m, 179.80m, shares[0], 1.0m, 8.0m).KrwGross);
    }

    [Theory]
    [AllProviders]
    public async Task Paid_order_shows_an_estimate_then_the_processors_rate_and_amount_split_exactly_over_its_sellers(string provider)
    {
        await using var processor = await ProcessorServer.StartAsync(o => o.LateSettlementRate = 0);
        await using var app = AppFactory.For(provider, Settings(processor));
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var ginseng = await OrderBuilder.ProductAsync(app.Db, a.Id, "RG-100", "식품>건강식품>홍삼");
        await using var connection = await app.Db.OpenAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO commissions (category_prefix, percent) VALUES ('식품>', 8.00)");
        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m, 2, ginseng).Line(b.Id, "MASK-1", 45.50m).Line(b.Id, "MASK-2", 33.33m, 3);
        var orderId = await order.InsertAsync(app.Db);
        processor.Ledger.Save(Trade(order, s_paid));

        Assert.Equal("success", await Notifications.PostAsync(app.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(processor.Keys.Processor)));

        // First an estimate at the configured 190.50, labelled so on the page and in the API.
        var estimate = await RowsAsync(connection, orderId);
        Assert.All(estimate, r => Assert.Equal(("estimate", 190.50m), (r.RateSource, r.Rate)));
        using var portalA = await SignedInAsync(app, a.Email);
        var page = await portalA.GetPageAsync($"/orders/{orderId}");
        Assert.Contains("예상(설정 환율 기준)", page);
        Assert.DoesNotContain("결제사 정산<", page);
        Assert.Equal("estimate", (await ApiLineAsync(app, b, orderId))["rateSource"]!.GetValue<string>());

        // A line refunded while still an estimate is taken out at the estimate...
        var ginsengLine = estimate.Single(r => r.SellerId == a.Id).LineId;
        Assert.Equal("Succeeded", (await app.Services.GetRequiredService<RefundOrderLine>().RequestAsync(new(a.Id, ginsengLine, 10.00m, null), Ct)).Status);
        Assert.Equal(1, await app.Services.GetRequiredService<RefundSettlements>().RecordAsync(Ct));
        Assert.Equal(1_905L, await connection.ExecuteScalarAsync<long>("SELECT krw_gross FROM settlement_refunds WHERE order_line_id = @ginsengLine", new { ginsengLine }));

        var run = await app.Services.GetRequiredService<SettleFromProcessor>().RunAsync(Ct);
        Assert.Equal((1, 1, 0), (run.Asked, run.Settled, run.Postponed));

        // ...then the processor's figures: its own daily rate, its settle_amount split exactly over the lines.
        var rate = SandboxFx.DailyRate(192.00m, new DateOnly(2025, 3, 14));
        var settleAmount = SandboxFx.SettleAmount(order.Payment, rate);
        Assert.NotEqual(190.50m, rate);
        var settled = await RowsAsync(connection, orderId);
        Assert.All(settled, r => Assert.Equal(("processor", rate), (r.RateSource, r.Rate)));
        Assert.Equal(settleAmount, settled.Sum(r => r.KrwGross));
        Assert.Equal(SettlementCalculator.Split(settleAmount, settled.Select(r => r.CnyAmount).ToList()), settled.Select(r => r.KrwGross));
        Assert.All(settled, r => Assert.Equal(SettlementCalculator.FromGross(r.KrwGross, 1.0m, r.CommissionPercent), new SettlementFigures(r.KrwGross, r.ProcessorFeeKrw, r.CommissionKrw, r.KrwNet)));
        // The estimate is kept beside it.
        Assert.Equal(
            estimate.Select(r => ((decimal?)r.Rate, (long?)r.KrwGross, (long?)r.KrwNet)),
            settled.Select(r => (r.EstimateRate, r.EstimateKrwGross, r.EstimateKrwNet)));

        // The refund taken at the estimate is now the same share of the line's settled gross.
        var ginsengSettled = settled.Single(r => r.LineId == ginsengLine);
        Assert.Equal(
            SettlementCalculator.RefundOfLine(10.00m, 179.80m, ginsengSettled.KrwGross, 1.0m, 8.0m).KrwNet,
            await connection.ExecuteScalarAsync<long>("SELECT krw_net FROM settlement_refunds WHERE order_line_id = @ginsengLine", new { ginsengLine }));

        page = await portalA.GetPageAsync($"/orders/{orderId}");
        Assert.Contains("결제사 정산", page);
        Assert.Contains(rate.ToString("0.00####", CultureInfo.InvariantCulture), page);
        Assert.Contains("data-source=\"processor\"", page);
        Assert.DoesNotContain("data-source=\"estimate\"", page);
        Assert.DoesNotContain("MASK-1", page); // seller B's line, and B's share of the trade
        var apiLine = await ApiLineAsync(app, b, orderId);
        Assert.Equal(("processor", rate), (apiLine["rateSource"]!.GetValue<string>(), apiLine["rate"]!.GetValue<decimal>()));

        var statement = await app.Services.GetRequiredService<SettlementStatement>().ForSellerAsync(new(b.Id), new DateOnly(2025, 3, 1));
        Assert.All(statement.Rows, r => Assert.False(r.IsEstimate));

        // Asked once: a settled trade is not asked about again.
        Assert.Equal(0, (await app.Services.GetRequiredService<SettleFromProcessor>().RunAsync(Ct)).Asked);
    }

    [Theory]
    [AllProviders]
    public async Task An_isp_error_or_an_answer_without_the_settle_fields_leaves_the_estimate_and_is_asked_again_later(string provider)
    {
        await using var processor = await ProcessorServer.StartAsync(o =>
        {
            o.LateSettlementRate = 1;
            o.TimeCompression = 1;
            o.SettleAfterMinutes = 600;
            o.IspFaultRate = 1;
        });
        await using var app = AppFactory.For(provider, Settings(processor));
        var a = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        var paidNow = DateTimeOffset.UtcNow;
        var trade = processor.Ledger.Save(Trade(order, paidNow));
        Assert.Equal("success", await Notifications.PostAsync(app.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(processor.Keys.Processor)));
        var settle = app.Services.GetRequiredService<SettleFromProcessor>();
        await using var connection = await app.Db.OpenAsync(Ct);

        // 20000 isp.unknow-error: postponed a minute.
        Assert.Equal((1, 0, 1), Counts(await settle.RunAsync(Ct)));
        var pending = await PendingAsync(connection, orderId);
        Assert.Equal(1, pending.Checks);
        Assert.Contains("20000", pending.LastError);
        Assert.True(pending.NextCheckAt > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal(0, (await settle.RunAsync(Ct)).Asked); // not due again yet

        // Answered, but not settled yet (no settle_amount): still the estimate, asked again later and later.
        processor.Options.IspFaultRate = 0;
        await MakeDueAsync(connection, orderId);
        Assert.Equal((1, 0, 1), Counts(await settle.RunAsync(Ct)));
        pending = await PendingAsync(connection, orderId);
        Assert.Equal((2, "not settled yet"), (pending.Checks, pending.LastError));
        Assert.True(pending.NextCheckAt > DateTimeOffset.UtcNow.AddSeconds(90));
        Assert.All(await RowsAsync(connection, orderId), r => Assert.Equal(("estimate", 190.50m, (long?)null), (r.RateSource, r.Rate, r.EstimateKrwNet)));

        // Once the processor has settled, the next due run takes its figures.
        processor.Ledger.Save(trade with { GmtPayment = paidNow.AddHours(-11) });
        await MakeDueAsync(connection, orderId);
        Assert.Equal((1, 1, 0), Counts(await settle.RunAsync(Ct)));
        var rate = SandboxFx.DailyRate(192.00m, SandboxFx.SettlementDay(paidNow.AddHours(-11)));
        var row = Assert.Single(await RowsAsync(connection, orderId));
        Assert.Equal(("processor", rate, SandboxFx.SettleAmount(89.90m, rate)), (row.RateSource, row.Rate, row.KrwGross));
    }

    [Theory]
    [AllProviders]
    public async Task A_badly_signed_query_answer_changes_nothing(string provider)
    {
        await using var processor = await ProcessorServer.StartAsync(o => o.LateSettlementRate = 0);
        await using var app = AppFactory.For(provider, Settings(processor));
        // The answer's settle_amount is raised on the way back: its signature no longer verifies.
        await using var forged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddHttpClient<IPaymentProcessor, AlipayClient>().AddHttpMessageHandler(() => new Rewrite(text =>
                System.Text.RegularExpressions.Regex.Replace(text, "\"settle_amount\":\"[0-9]+\"", "\"settle_amount\":\"99999999\"")))));
        var a = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        processor.Ledger.Save(Trade(order, s_paid));
        Assert.Equal("success", await Notifications.PostAsync(forged.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(processor.Keys.Processor)));
        await using var connection = await app.Db.OpenAsync(Ct);
        var before = await RowsAsync(connection, orderId);

        Assert.Equal((1, 0, 1), Counts(await forged.Services.GetRequiredService<SettleFromProcessor>().RunAsync(Ct)));

        var after = await RowsAsync(connection, orderId);
        Assert.Equal(before.Select(r => (r.RateSource, r.Rate, r.KrwGross, r.KrwNet)), after.Select(r => (r.RateSource, r.Rate, r.KrwGross, r.KrwNet)));
        Assert.Equal("estimate", Assert.Single(after).RateSource);
        Assert.Contains("signature", (await PendingAsync(connection, orderId)).LastError);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processor_fx_rates"));
    }

    [Fact]
    public async Task Sandbox_query_answer_holds_only_documented_fields_and_the_settlement_once_made()
    {
        await using var processor = await ProcessorServer.StartAsync(o =>
        {
            o.LateSettlementRate = 0;
            o.KrwPerCny = 195.00m;
        });
        string? raw = null;
        var client = processor.CreateClient(text => raw = text);
        processor.PaidTrade("880001", 135.40m);

        var answer = await client.QueryAsync(new TradeQuery("880001"), Ct);

        // PROTOCOLS.md's alipay.trade.query fields, and three more the public SDK's AlipayTradeQueryResponse names.
        string[] documented =
        [
            "code", "msg", "sub_code", "sub_msg", "out_trade_no", "trade_no", "trade_status", "total_amount", "buyer_pay_amount",
            "trans_currency", "settle_currency", "settle_amount", "settle_trans_rate", "trans_pay_rate",
            "buyer_logon_id", "subject", "send_pay_date",
        ];
        var body = JsonNode.Parse(raw!)!["alipay_trade_query_response"]!.AsObject();
        Assert.All(body.Select(p => p.Key), key => Assert.Contains(key, documented));
        var rate = SandboxFx.DailyRate(195.00m, SandboxFx.SettlementDay(processor.Ledger.Find("880001", null)!.GmtPayment!.Value));
        Assert.Equal(
            ("CNY", "KRW", (decimal?)SandboxFx.SettleAmount(135.40m, rate), (decimal?)rate, (decimal?)1m),
            (answer.TransCurrency, answer.SettleCurrency, answer.SettleAmount, answer.SettleTransRate, answer.TransPayRate));

        // A trade the processor settles later answers without the settle figures until then.
        processor.Options.LateSettlementRate = 1;
        processor.Options.SettleAfterMinutes = 600;
        processor.PaidTrade("880002", 10.00m);
        var late = await client.QueryAsync(new TradeQuery("880002"), Ct);
        Assert.Equal((ProcessorOutcome.Success, "KRW", (decimal?)null, (decimal?)null), (late.Outcome, late.SettleCurrency, late.SettleAmount, late.SettleTransRate));
        Assert.DoesNotContain("settle_amount", raw);
    }

    private static Dictionary<string, string?> Settings(ProcessorServer processor)
    {
        var settings = processor.Keys.Settings();
        settings["Payments:GatewayUrl"] = processor.GatewayUrl;
        return settings;
    }

    private static ProcessorTrade Trade(OrderBuilder order, DateTimeOffset paid) => new(
        order.Tid.ToString(CultureInfo.InvariantCulture), "2025031422001" + order.Tid, order.Payment, "TRADE_SUCCESS", "韩国 红参 礼盒", paid.AddMinutes(-1), paid);

    private static (int, int, int) Counts(SettleFromProcessor.Output run) => (run.Asked, run.Settled, run.Postponed);

    private static async Task<List<Row>> RowsAsync(System.Data.Common.DbConnection connection, long orderId) =>
        (await connection.QueryAsync<Row>("""
            SELECT s.order_line_id AS LineId, s.seller_id AS SellerId, s.cny_amount AS CnyAmount, s.rate AS Rate, s.rate_source AS RateSource,
                   s.krw_gross AS KrwGross, s.processor_fee_krw AS ProcessorFeeKrw, s.commission_percent AS CommissionPercent,
                   s.commission_krw AS CommissionKrw, s.krw_net AS KrwNet, s.estimate_rate AS EstimateRate,
                   s.estimate_krw_gross AS EstimateKrwGross, s.estimate_krw_net AS EstimateKrwNet
            FROM settlements s JOIN order_lines l ON l.id = s.order_line_id WHERE l.order_id = @orderId ORDER BY s.order_line_id
            """, new { orderId })).ToList();

    private sealed class Pending
    {
        public int Checks { get; init; }

        public DateTimeOffset NextCheckAt { get; init; }

        public string LastError { get; init; } = "";
    }

    private static async Task<Pending> PendingAsync(System.Data.Common.DbConnection connection, long orderId) =>
        await connection.QuerySingleAsync<Pending>(
            "SELECT checks AS Checks, next_check_at AS NextCheckAt, last_error AS LastError FROM processor_settlements WHERE order_id = @orderId AND status = 'Pending'",
            new { orderId });

    private static Task MakeDueAsync(System.Data.Common.DbConnection connection, long orderId) =>
        connection.ExecuteAsync("UPDATE processor_settlements SET next_check_at = @past WHERE order_id = @orderId", new { past = DateTimeOffset.UtcNow.AddMinutes(-1), orderId });

    private static async Task<PortalClient> SignedInAsync(AppFactory app, string email)
    {
        var portal = new PortalClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        using var response = await portal.SignInAsync(email, Accounts.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return portal;
    }

    private static async Task<JsonObject> ApiLineAsync(AppFactory app, Accounts.Seller seller, long orderId)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", seller.ApiKey);
        var order = await client.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{orderId}", Ct);
        return order!["lines"]!.AsArray().First()!.AsObject();
    }

    private sealed class Rewrite(Func<string, string> rewrite) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Content = new StringContent(rewrite(text), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}
