using System.Globalization;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// The marketplace <c>outer_id</c> we give an item, and that comes back on each order line as
/// <c>outer_iid</c>: <c>"{sellerId}-{sellerSku}"</c>. The seller id comes first and holds no dash,
/// so the first dash splits it even though SKUs may contain dashes; this is how an order with
/// several sellers' items is split into each seller's lines.
/// </summary>
public static class OuterId
{
    public static string Format(long sellerId, string sellerSku) =>
        sellerId.ToString(CultureInfo.InvariantCulture) + "-" + sellerSku;

    public static bool TryParse(string? outerId, out long sellerId, out string sellerSku)
    {
        sellerId = 0;
        sellerSku = "";
        var dash = outerId?.IndexOf('-') ?? -1;
        if (dash <= 0 || dash == outerId!.Length - 1
            || !long.TryParse(outerId.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out sellerId)
            || sellerId <= 0)
        {
            sellerId = 0;
            return false;
        }

        sellerSku = outerId[(dash + 1)..];
        return true;
    }
}
