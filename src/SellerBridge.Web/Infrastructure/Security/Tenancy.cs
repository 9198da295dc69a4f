using System.Security.Claims;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>Claim names and role names shared by the cookie and API-key sign-ins.</summary>
public static class SellerClaims
{
    public const string SellerId = "seller_id";
    public const string SellerRole = "Seller";
    public const string OperatorRole = "Operator";
    public const string SellerPolicy = "Seller";
    public const string OperatorPolicy = "Operator";
    public const string ApiKeyScheme = "ApiKey";

    public static long? FindSellerId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(SellerId), out var id) ? id : null;

    public static long? FindUserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>
/// The signed-in seller, taken from the principal and nowhere else. Every seller-facing handler
/// takes one and filters its SQL on <see cref="SellerId"/>; a route, form or body id never
/// decides whose data is read.
/// </summary>
public sealed record SellerScope(long SellerId)
{
    public static SellerScope From(ClaimsPrincipal principal) =>
        principal.FindSellerId() is { } id && principal.IsInRole(SellerClaims.SellerRole)
            ? new SellerScope(id)
            : throw new UnauthorizedAccessException("The request is not signed in as a seller.");
}

public static class TenancyExtensions
{
    /// <summary>Registers <see cref="SellerScope"/> per request, built from the signed-in principal.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => SellerScope.From(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User
            ?? throw new UnauthorizedAccessException("No request in progress.")));
        return services;
    }
}
