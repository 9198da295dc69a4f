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
    // Real notifications are a few kilobytes; more is not from the processor and is not worth keeping.
    private const int MaxBodyBytes = 64 * 1024;

    [HttpPost("/payments/notify")]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<ContentResult> Notify()
    {
        // No parameters on purpose: binding any (even a CancellationToken) makes MVC read the form
        // first, and the raw body would be gone.
        var cancellationToken = HttpContext.RequestAborted;
        try
        {
            // Read as received, so that the stored raw_form is what came, and the signature is checked over exactly it.
            using var reader = new StreamReader(Request.Body, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync(cancellationToken);
            var form = QueryHelpers.ParseQuery(raw).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            var result = await handler.HandleAsync(new HandlePaymentNotification.Input(raw, form), cancellationToken);
            return Answer(result.Acknowledge);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing was committed; "fail" makes the processor send it again later.
            logger.LogError(exception, "Payment notification could not be recorded");
            return Answer(false);
        }
    }

    private static ContentResult Answer(bool success) =>
        new() { Content = success ? "success" : "fail", ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
