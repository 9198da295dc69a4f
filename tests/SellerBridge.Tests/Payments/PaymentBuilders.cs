using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Payments;

/// <summary>Both sides' key pairs for one test, made in the test; and the app settings that use them.</summary>
public sealed class TestKeys
{
    public const string AppId = "2021000000000042";
    public const string SellerId = "2088000000000042";

    public RSA App { get; } = RSA.Create(2048);

    public RSA Processor { get; } = RSA.Create(2048);

    /// <summary>The app configured with these keys; <paramref name="pem"/> picks PEM or the console's bare Base64.</summary>
    public Dictionary<string, string?> Settings(bool pem = true) => new()
    {
        ["Payments:AppId"] = AppId,
        ["Payments:SellerId"] = SellerId,
        ["Payments:AppPrivateKey"] = pem ? App.ExportPkcs8PrivateKeyPem() : Convert.ToBase64String(App.ExportPkcs8PrivateKey()),
        ["Payments:ProcessorPublicKey"] = pem ? Processor.ExportSubjectPublicKeyInfoPem() : Convert.ToBase64String(Processor.ExportSubjectPublicKeyInfo()),
        ["Payments:ProcessorFeePercent"] = "1.0",
        ["Payments:DefaultCommissionPercent"] = "5",
        ["Payments:DefaultKrwPerCny"] = "190.50",
        ["Sandbox:Marketplace:Buyers:Enabled"] = "false",
    };
}

/// <summary>A marketplace order as the orders sync would store it, inserted with plain SQL.</summary>
public sealed class OrderBuilder
{
    private readonly List<(long SellerId, string Sku, decimal Price, int Num, long? ProductId)> _lines = [];

    public OrderBuilder(long? tid = null) => Tid = tid ?? Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    public long Tid { get; }

    public decimal Payment => _lines.Sum(l => l.Price * l.Num);

    public string PaymentText => Payment.ToString("0.00", CultureInfo.InvariantCulture);

    public OrderBuilder Line(long sellerId, string sku, decimal price, int num = 1, long? productId = null)
    {
        _lines.Add((sellerId, sku, price, num, productId));
        return this;
    }

    public async Task<long> InsertAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var orderId = await connection.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId("""
            INSERT INTO orders (shop, tid, status, created, modified, pay_time, payment_cny, alipay_no, receiver_state, payment_status, raw_json)
            VALUES ('shop-1', @Tid, 'WAIT_BUYER_PAY', @now, @now, NULL, @Payment, NULL, '上海', NULL, '{}')
            """), new { Tid, now, Payment });
        foreach (var line in _lines)
        {
            await connection.ExecuteAsync("""
                INSERT INTO order_lines (order_id, seller_id, oid, outer_iid, num_iid, product_id, title, price_cny, num, total_fee_cny, status)
                VALUES (@orderId, @SellerId, @oid, @outerIid, 1001, @ProductId, '韩国 红参 礼盒', @Price, @Num, @total, 'WAIT_BUYER_PAY')
                """, new
            {
                orderId,
                line.SellerId,
                oid = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000),
                outerIid = OuterId.Format(line.SellerId, line.Sku),
                line.ProductId,
                line.Price,
                line.Num,
                total = line.Price * line.Num,
            });
        }

        return orderId;
    }

    /// <summary>A product in a Kmall24 category, for lines whose commission depends on it.</summary>
    public static async Task<long> ProductAsync(Db db, long sellerId, string sku, string category)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId("""
            INSERT INTO products (seller_id, seller_sku, name_ko, price_krw, stock, category, origin, image_urls, extra_json, content_hash, created_at, updated_at)
            VALUES (@sellerId, @sku, '홍삼 선물세트', 35000, 10, @category, 'KR', '', '{}', 'x', @now, @now)
            """), new { sellerId, sku, category, now = DateTimeOffset.UtcNow });
    }
}

/// <summary>Notifications as the processor sends them, signed with the test's processor key.</summary>
public static class Notifications
{
    public static Dictionary<string, string> Form(OrderBuilder order, string status, string? notifyId = null) => new(StringComparer.Ordinal)
    {
        ["notify_time"] = "2025-03-14 09:31:02",
        ["notify_type"] = "trade_status_sync",
        ["notify_id"] = notifyId ?? Guid.NewGuid().ToString("N"),
        ["app_id"] = TestKeys.AppId,
        ["charset"] = "utf-8",
        ["version"] = "1.0",
        ["sign_type"] = "RSA2",
        ["trade_no"] = "2025031422001400001" + order.Tid.ToString(CultureInfo.InvariantCulture)[..4],
        ["out_trade_no"] = order.Tid.ToString(CultureInfo.InvariantCulture),
        ["buyer_id"] = "2088102177846880",
        ["seller_id"] = TestKeys.SellerId,
        ["trade_status"] = status,
        ["total_amount"] = order.PaymentText,
        ["subject"] = "韩国 红参 礼盒 & more",
        ["gmt_create"] = "2025-03-14 09:30:10",
        ["gmt_payment"] = "2025-03-14 09:31:00",
    };

    /// <summary>Signs as the processor does (without sign_type), or as some SDKs accept (with it).</summary>
    public static Dictionary<string, string> Signed(this Dictionary<string, string> form, RSA processorKey, bool includeSignType = false)
    {
        var pairs = form.Where(p => p.Key != "sign").Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        var content = includeSignType ? AlipaySignature.Content(pairs, "sign") : AlipaySignature.Content(pairs, "sign", "sign_type");
        form["sign"] = AlipaySignature.Sign(content, processorKey);
        return form;
    }

    public static async Task<string> PostAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var response = await client.PostAsync("/payments/notify", new FormUrlEncodedContent(form));
        return await response.Content.ReadAsStringAsync();
    }
}
