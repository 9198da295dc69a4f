using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Base of every <c>/api/v1</c> controller: API-key authentication only (a portal cookie is not
/// enough, so there is no cross-site request to forge), the seller policy, problem-details errors.
/// </summary>
[ApiController]
[Route("api/v1")]
[IgnoreAntiforgeryToken]
[Authorize(AuthenticationSchemes = SellerClaims.ApiKeyScheme, Policy = SellerClaims.SellerPolicy)]
public abstract class ApiControllerBase : ControllerBase
{
    protected SellerScope Scope => SellerScope.From(User);

    protected ObjectResult NotFoundProblem(string detail) =>
        Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
