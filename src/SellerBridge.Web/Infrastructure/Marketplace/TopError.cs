using System.Globalization;
using System.Text.RegularExpressions;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>An <c>error_response</c> from the gateway, or a transport fault described in the same shape.</summary>
public sealed record TopError(int Code, string Msg, string? SubCode, string? SubMsg, string? RequestId)
{
    /// <summary>Code 7 (and its access-control sub codes): the platform banned calls for a while.</summary>
    public const int AppCallLimited = 7;
    public const int InvalidSignature = 25;
    public const int InvalidSession = 27;

    public override string ToString() =>
        SubCode is null ? $"{Code} {Msg}" : $"{Code} {Msg} ({SubCode}: {SubMsg})";
}

/// <summary>What the caller should do about an error.</summary>
public enum TopErrorKind
{
    /// <summary>A platform or network fault: the client already retried, a later run may try again.</summary>
    Transient,

    /// <summary>The platform banned this API for a while: come back at <see cref="TopResponse.RetryAt"/>, not before.</summary>
    Throttled,

    /// <summary>Our data or credentials are wrong: keep the reason, do not retry until something changes.</summary>
    Permanent,
}

/// <summary>Sorts TOP errors by what PROTOCOLS.md says to do with them.</summary>
public static partial class TopErrorClassifier
{
    /// <summary>Used when a ban's length cannot be read: long enough never to hammer the gateway.</summary>
    public static readonly TimeSpan UnknownBanLength = TimeSpan.FromSeconds(60);

    public static TopErrorKind Classify(TopError error)
    {
        var subCode = error.SubCode ?? "";
        if (error.Code == TopError.AppCallLimited || subCode.StartsWith("accesscontrol.limited-by-", StringComparison.Ordinal))
        {
            return TopErrorKind.Throttled;
        }

        if (subCode.StartsWith("isp.", StringComparison.Ordinal))
        {
            return TopErrorKind.Transient;
        }

        // isv.*, 25 (signature), 27 (session) and anything we do not know are never retried blindly.
        return TopErrorKind.Permanent;
    }

    /// <summary>The N of "This ban will last for N more seconds", or null when the text does not say.</summary>
    public static int? BanSeconds(TopError error)
    {
        var match = BanPattern().Match(error.SubMsg ?? error.Msg);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>How long to leave the API alone: the announced ban plus one second, as PROTOCOLS.md asks.</summary>
    public static TimeSpan BanLength(TopError error) =>
        BanSeconds(error) is { } seconds ? TimeSpan.FromSeconds(seconds + 1) : UnknownBanLength;

    [GeneratedRegex(@"ban will last for (\d+) more seconds", RegexOptions.IgnoreCase)]
    private static partial Regex BanPattern();
}
