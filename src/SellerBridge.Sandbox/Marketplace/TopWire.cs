using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The gateway's side of the TOP wire format. Written apart from the Web app's client on purpose:
/// the two meet only on the wire, so a mistake in one is caught by the other.
/// </summary>
public static class TopWire
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset instant) =>
        instant.ToOffset(s_gmt8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, s_gmt8)
            : null;

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The expected signature, or null for a sign method TOP does not know.</summary>
    public static string? ExpectedSign(IReadOnlyDictionary<string, string> parameters, string secret, string? signMethod)
    {
        var content = new StringBuilder();
        foreach (var key in parameters.Keys.Where(k => k != "sign" && parameters[k].Length > 0).Order(StringComparer.Ordinal))
        {
            content.Append(key).Append(parameters[key]);
        }

        var text = content.ToString();
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        byte[]? digest = signMethod switch
        {
            // TOP treats a missing sign_method as md5.
            null or "" or "md5" => MD5.HashData(Encoding.UTF8.GetBytes(secret + text + secret)),
            "hmac" => HMACMD5.HashData(secretBytes, Encoding.UTF8.GetBytes(text)),
            "hmac-sha256" => HMACSHA256.HashData(secretBytes, Encoding.UTF8.GetBytes(text)),
            _ => null,
        };
        return digest is null ? null : Convert.ToHexString(digest);
    }

    public static JsonObject Error(SandboxError error, string requestId)
    {
        var body = new JsonObject { ["code"] = error.Code, ["msg"] = error.Msg };
        if (error.SubCode is not null)
        {
            body["sub_code"] = error.SubCode;
            body["sub_msg"] = error.SubMsg;
        }

        body["request_id"] = requestId;
        return new JsonObject { ["error_response"] = body };
    }

    public static JsonObject Success(string method, JsonObject body, string requestId)
    {
        body["request_id"] = requestId;
        // As the real gateway: taobao.item.add answers in item_add_response (the taobao. prefix goes).
        var name = method.StartsWith("taobao.", StringComparison.Ordinal) ? method["taobao.".Length..] : method;
        return new JsonObject { [name.Replace('.', '_') + "_response"] = body };
    }

    /// <summary>TOP wraps lists: <c>"items": { "item": [ ... ] }</c>.</summary>
    public static JsonObject Wrap(string inner, IEnumerable<JsonNode> nodes) => new() { [inner] = new JsonArray([.. nodes]) };
}

/// <summary>An <c>error_response</c> the sandbox answers with; thrown by method handlers.</summary>
public sealed class SandboxError(int code, string msg, string? subCode = null, string? subMsg = null) : Exception($"{code} {msg} {subCode} {subMsg}")
{
    public int Code { get; } = code;
    public string Msg { get; } = msg;
    public string? SubCode { get; } = subCode;
    public string? SubMsg { get; } = subMsg;

    public static SandboxError Missing(string name) =>
        new(40, $"Missing required arguments:{name}", $"isv.missing-parameter:{name}", $"{name} is required");

    public static SandboxError Invalid(string name, string why) =>
        new(41, $"Invalid arguments:{name}", $"isv.invalid-parameter:{name}", why);

    /// <summary>A business refusal: code 15 with an <c>isv.</c> sub code.</summary>
    public static SandboxError Isv(string subCode, string subMsg) => new(15, "Remote service error", subCode, subMsg);
}

/// <summary>The decoded parameters of one call, system and application alike.</summary>
public sealed class TopRequest(IReadOnlyDictionary<string, string> parameters, SandboxShop? shop, DateTimeOffset now)
{
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    /// <summary>The shop the session belongs to; null only for APIs that need no session.</summary>
    public SandboxShop Shop => shop ?? throw new InvalidOperationException("This API needs a session.");

    public DateTimeOffset Now { get; } = now;

    public string? Optional(string name) => Parameters.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string Required(string name) => Optional(name) ?? throw SandboxError.Missing(name);

    public long RequiredLong(string name) =>
        long.TryParse(Required(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw SandboxError.Invalid(name, $"{name} must be a whole number");

    public int? OptionalInt(string name) =>
        Optional(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw SandboxError.Invalid(name, $"{name} must be a whole number");
}
