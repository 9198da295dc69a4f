using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Hands the one file of a multipart upload to a consumer as a stream, straight from the request
/// body, so a 200 MB catalogue is never held in memory or copied to a temporary file first. If
/// something already read the form (a plain HTML form post checking its antiforgery field), the
/// buffered file is used instead.
/// </summary>
public static class MultipartUpload
{
    public sealed record Upload<T>(bool Found, T? Result);

    public static async Task<Upload<T>> ReadFileAsync<T>(HttpRequest request, string field, Func<string, Stream, Task<T>> consume)
    {
        if (request.HttpContext.Features.Get<IFormFeature>()?.Form is { } form)
        {
            var file = form.Files.GetFile(field);
            if (file is null)
            {
                return new Upload<T>(false, default);
            }

            await using var buffered = file.OpenReadStream();
            return new Upload<T>(true, await consume(file.FileName, buffered));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new Upload<T>(false, default);
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                disposition.IsFileDisposition() &&
                string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, field, StringComparison.Ordinal))
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                return new Upload<T>(true, await consume(fileName, section.Body));
            }
        }

        return new Upload<T>(false, default);
    }
}
