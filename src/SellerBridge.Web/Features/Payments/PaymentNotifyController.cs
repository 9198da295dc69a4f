using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// <c>POST /payments/notify</c>: the processor's asynchronous notifications. No login and no
/// antiforgery token: the processor has neither, and the RSA2 signature is what authenticates it.
/// The answer is the bare text <c>success</c> or <c>fail</c>; any other answer makes it send again.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class PaymentNotifyController(HandlePaymentNotification handler, ILogger<PaymentNotifyController> logger) : Controller
{
    /// <summary>
    /// A real notification is about 1 KB (its longest fields, subject and body, are at most 256
    /// and 400 characters, tripled by URL-encoding Chinese text: under 4 KB in the worst case).
    /// 16 KB leaves four times that; anything larger is not from the processor.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024;

    [HttpPost("/payments/notify")]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<ContentResult> Notify()
    {
        // No parameters on purpose: binding any (even a CancellationToken) makes MVC read the form
        // first, and the raw body would be gone.
        var cancellationToken = HttpContext.RequestAborted;
        try
        {
            // Read as received, so that the stored raw_form is what came, and the signature is checked
            // over exactly it; never more than the limit, whatever the server enforces.
            var raw = await ReadBoundedAsync(cancellationToken);
            if (raw is null)
            {
                return Answer(false, StatusCodes.Status413PayloadTooLarge);
            }

            var form = QueryHelpers.ParseQuery(raw).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            var result = await handler.HandleAsync(new HandlePaymentNotification.Input(raw, form, HttpContext.Connection.RemoteIpAddress), cancellationToken);
            return Answer(result.Acknowledge, result.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing was committed; "fail" makes the processor send it again later.
            logger.LogError(exception, "Payment notification could not be recorded");
            return Answer(false);
        }
    }

    private async Task<string?> ReadBoundedAsync(CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ContentResult Answer(bool success, int status = StatusCodes.Status200OK) =>
        new() { Content = success ? "success" : "fail", ContentType = "text/plain; charset=utf-8", StatusCode = status };
}
