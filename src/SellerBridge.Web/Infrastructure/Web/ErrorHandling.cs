using Microsoft.AspNetCore.Diagnostics;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>API errors as RFC 9457 problem details; portal errors as a friendly page.</summary>
public static class ErrorHandling
{
    public static bool IsApi(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/payments");

    public static IServiceCollection AddErrorHandling(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = error is UnauthorizedAccessException ? StatusCodes.Status403Forbidden
                    : error is BadHttpRequestException bad ? bad.StatusCode
                    : StatusCodes.Status500InternalServerError;
                context.Response.StatusCode = status;
                if (context.Request.IsApi())
                {
                    await Results.Problem(
                        statusCode: status,
                        title: status == 500 ? "Something went wrong on our side" : "The request could not be processed",
                        detail: status == 500 ? "The error was logged; try again, and tell the operator the trace id if it keeps happening." : error?.Message)
                        .ExecuteAsync(context);
                    return;
                }

                context.Response.Redirect($"/error/{status}?traceId={Uri.EscapeDataString(context.TraceIdentifier)}");
            },
        });
        // With problem details registered, the plain status-code page writes one for the API.
        app.UseWhen(c => c.Request.IsApi(), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.IsApi(), portal => portal.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }
}
