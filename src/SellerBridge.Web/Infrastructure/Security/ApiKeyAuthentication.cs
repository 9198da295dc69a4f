using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Features.Sellers;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>Signs in an integrator from the <c>X-Api-Key</c> header, with the same claims a portal login carries.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys apiKeys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var holder = await apiKeys.AuthenticateAsync(values.ToString());
        if (holder is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked, or its seller is suspended.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(SellerClaims.SellerId, holder.SellerId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Role, SellerClaims.SellerRole),
                new Claim(ClaimTypes.Name, holder.CompanyName),
                new Claim("seller_status", holder.SellerStatus),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            title: "API key required",
            detail: "Send a valid seller API key in the X-Api-Key header. Keys are made on the portal's API keys page.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            title: "Not allowed",
            detail: "This API key may not do that.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
