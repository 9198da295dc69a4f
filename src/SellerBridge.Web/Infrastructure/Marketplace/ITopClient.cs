namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// The seam to the TOP-style marketplace gateway. Signs, sends, retries transient faults and honours
/// bans; callers get the parsed response element or a classified error, never an exception for a
/// marketplace answer. Typed wrappers for the methods we use are in <see cref="TopItemCalls"/> and
/// <see cref="TopTradeCalls"/>.
/// </summary>
public interface ITopClient
{
    /// <param name="method">The API name, e.g. <c>taobao.item.add</c>.</param>
    /// <param name="parameters">Application parameters; null or empty values are not sent.</param>
    Task<TopResponse> CallAsync(string method, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken);
}
