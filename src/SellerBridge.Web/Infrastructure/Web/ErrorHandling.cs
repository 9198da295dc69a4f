using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>API errors as RFC 9457 problem details; portal errors as a friendly page, rendered in place (never a redirect).</summary>
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
        app.UseWhen(c => c.Request.IsApi(), api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,
            SuppressDiagnosticsCallback = IsSendersFault,
            ExceptionHandler = WriteProblemAsync,
        }));

        // The page is rendered for the failed request itself, with its status: a redirect would
        // turn a 400 into a 302 (and into a loop if the error page failed as well; a failing
        // handler path makes the middleware answer the original exception instead).
        app.UseWhen(c => !c.Request.IsApi(), portal => portal.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,
            SuppressDiagnosticsCallback = IsSendersFault,
            ExceptionHandlingPath = "/error",
        }));

        // With problem details registered, the plain status-code page writes one for the API.
        app.UseWhen(c => c.Request.IsApi(), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.IsApi(), portal => portal.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    /// <summary>
    /// A body that cannot be read (not the form or multipart it claims to be, cut short, over a
    /// limit) is the sender's mistake, not ours: 400 or 413, and no error in the log.
    /// </summary>
    public static int StatusFor(Exception error) => error switch
    {
        UnauthorizedAccessException => StatusCodes.Status403Forbidden,
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException or IOException when ThrownByBodyReader(error) => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    // A malformed body is not our error: logging each one would let any sender fill the error log.
    private static bool IsSendersFault(ExceptionHandlerSuppressDiagnosticsContext context) => StatusFor(context.Exception) < 500;

    private static Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = context.Response.StatusCode;
        var detail = status == StatusCodes.Status500InternalServerError
            ? "The error was logged; try again, and tell the operator the trace id if it keeps happening."
            : error is BadHttpRequestException ? error.Message
            : error is null ? null
            : $"The request body is not a well-formed form or multipart/form-data body: {error.Message}";
        return Results.Problem(
            statusCode: status,
            title: status == StatusCodes.Status500InternalServerError ? "Something went wrong on our side" : "The request could not be processed",
            detail: detail)
            .ExecuteAsync(context);
    }

    /// <summary>Whether the exception was thrown by ASP.NET Core's form or multipart readers, i.e. by the request's own bytes.</summary>
    private static bool ThrownByBodyReader(Exception error)
    {
        var type = new StackTrace(error, fNeedFileInfo: false).GetFrame(0)?.GetMethod()?.DeclaringType;
        while (type?.DeclaringType is { } outer)
        {
            // Async methods throw from a compiler-generated state machine nested in the real type.
            type = outer;
        }

        return type?.Namespace == "Microsoft.AspNetCore.WebUtilities" || type == typeof(Microsoft.AspNetCore.Http.Features.FormFeature);
    }
}
