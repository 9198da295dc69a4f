using Hangfire.Dashboard;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>Hangfire's dashboard is for signed-in operators only; its actions also need the antiforgery token.</summary>
internal sealed class OperatorDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(SellerClaims.OperatorRole);
    }
}
