using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Bounds on what a request may carry. Every form and JSON body is small; only the catalogue
/// uploads (which say so with <c>[DisableRequestSizeLimit]</c>) and the payment notifications
/// (their own, smaller limit) differ.
/// </summary>
public static class RequestLimits
{
    /// <summary>
    /// The largest body a non-upload request may have: the API's biggest legitimate body, a listing
    /// submission of 10,000 SKUs, is about 0.7 MB as JSON; every portal form is a few kilobytes.
    /// </summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>No form field the portal has holds more than a few hundred characters.</summary>
    public const int MaxFormValueBytes = 64 * 1024;

    /// <summary>The listing page's 100 checkboxes are the most fields any form sends.</summary>
    public const int MaxFormValues = 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = MaxFormValues;
            o.ValueLengthLimit = MaxFormValueBytes;
            o.MultipartBodyLengthLimit = MaxBodyBytes;
            o.BufferBodyLengthLimit = MaxBodyBytes;
        });
        return builder;
    }

    /// <summary>
    /// Refuses a declared body larger than the endpoint allows before anything reads it. Kestrel
    /// enforces the same limit on bodies without a length while they are read; this also holds on
    /// servers that do not (the in-memory test server, a reverse proxy's own host).
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                // The error page, rendered for the refused request itself.
                return next(context);
            }

            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
                ? metadata.MaxRequestBodySize
                : MaxBodyBytes;
            if (context.Request.ContentLength is { } length && length > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than this address accepts ({limit / 1024:N0} KB).", StatusCodes.Status413PayloadTooLarge);
            }

            return next(context);
        });
}
