using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Payments;

public sealed class ProcessorClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_answer_is_believed_when_its_signature_verifies_over_the_raw_text()
    {
        await using var processor = await ProcessorServer.StartAsync();
        processor.PaidTrade("8800123", 179.80m);

        var byOurs = await processor.CreateClient().QueryAsync(new TradeQuery("8800123"), Token);
        var byTheirs = await processor.CreateClient().QueryAsync(new TradeQuery(null, "20250314220018800123"), Token);

        Assert.Equal((ProcessorOutcome.Success, "TRADE_SUCCESS", 179.80m, "20250314220018800123"), (byOurs.Outcome, byOurs.TradeStatus, byOurs.TotalAmount, byOurs.TradeNo));
        Assert.Equal((ProcessorOutcome.Success, "8800123"), (byTheirs.Outcome, byTheirs.OutTradeNo));
    }

    [Fact]
    public async Task Query_answer_tampered_on_the_way_is_untrusted_and_carries_no_status()
    {
        await using var processor = await ProcessorServer.StartAsync();
        processor.PaidTrade("8800124", 50.00m);
        var client = processor.CreateClient(body => body.Replace("\"total_amount\":\"50.00\"", "\"total_amount\":\"0.01\"", StringComparison.Ordinal));

        var answer = await client.QueryAsync(new TradeQuery("8800124"), Token);

        Assert.Equal((ProcessorOutcome.Untrusted, null, null), (answer.Outcome, answer.TradeStatus, answer.TotalAmount));
    }

    [Fact]
    public async Task Query_answer_reformatted_but_equal_as_json_is_untrusted_because_the_signature_covers_the_text()
    {
        await using var processor = await ProcessorServer.StartAsync();
        processor.PaidTrade("8800125", 50.00m);
        var client = processor.CreateClient(body => body.Replace("\"code\":\"10000\"", "\"code\": \"10000\"", StringComparison.Ordinal));

        Assert.Equal(ProcessorOutcome.Untrusted, (await client.QueryAsync(new TradeQuery("8800125"), Token)).Outcome);
    }

    [Fact]
    public async Task Platform_fault_means_retry_later_and_an_unknown_trade_is_a_business_failure()
    {
        await using var faulty = await ProcessorServer.StartAsync(o => o.IspFaultRate = 1);
        await using var healthy = await ProcessorServer.StartAsync();

        var fault = await faulty.CreateClient().QueryAsync(new TradeQuery("1"), Token);
        var unknown = await healthy.CreateClient().QueryAsync(new TradeQuery("404404"), Token);

        Assert.Equal((ProcessorOutcome.RetryLater, "20000", "isp.unknow-error"), (fault.Outcome, fault.Error?.Code, fault.Error?.SubCode));
        Assert.Equal((ProcessorOutcome.Failed, "40004", "ACQ.TRADE_NOT_EXIST"), (unknown.Outcome, unknown.Error?.Code, unknown.Error?.SubCode));
    }

    [Fact]
    public async Task Refund_retried_with_the_same_request_number_pays_once_and_partial_refunds_add_up()
    {
        await using var processor = await ProcessorServer.StartAsync();
        processor.PaidTrade("8800126", 100.00m);
        var client = processor.CreateClient();

        var first = await client.RefundAsync(new TradeRefund("8800126", 30.00m, "R-1"), Token);
        var retried = await client.RefundAsync(new TradeRefund("8800126", 30.00m, "R-1"), Token);
        var second = await client.RefundAsync(new TradeRefund("8800126", 20.00m, "R-2"), Token);
        var tooMuch = await client.RefundAsync(new TradeRefund("8800126", 50.01m, "R-3"), Token);

        Assert.Equal((ProcessorOutcome.Success, 30.00m, "Y"), (first.Outcome, first.RefundFee, first.FundChange));
        Assert.Equal((ProcessorOutcome.Success, 30.00m, "N"), (retried.Outcome, retried.RefundFee, retried.FundChange));
        Assert.Equal((ProcessorOutcome.Success, 50.00m), (second.Outcome, second.RefundFee));
        Assert.Equal(ProcessorOutcome.Failed, tooMuch.Outcome);
        Assert.Equal([30.00m, 20.00m], processor.Ledger.Refunds("8800126").Select(r => r.Amount));
    }
}
