using System.Text.Json;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>One call's outcome: the <c>&lt;method&gt;_response</c> element, or a classified error.</summary>
public sealed record TopResponse
{
    /// <summary>The parsed <c>&lt;method_with_underscores&gt;_response</c> object (a detached clone) when the call succeeded.</summary>
    public JsonElement? Body { get; init; }

    public TopError? Error { get; init; }

    public TopErrorKind? Kind { get; init; }

    /// <summary>For <see cref="TopErrorKind.Throttled"/>: the earliest time this method may be called again.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>How many HTTP attempts were made (0 when a ban kept the call from leaving).</summary>
    public int Attempts { get; init; }

    public bool IsSuccess => Body is not null;

    public static TopResponse Success(JsonElement body, int attempts) => new() { Body = body, Attempts = attempts };

    public static TopResponse Failure(TopError error, TopErrorKind kind, int attempts, DateTimeOffset? retryAt = null) =>
        new() { Error = error, Kind = kind, Attempts = attempts, RetryAt = retryAt };

    /// <summary>Maps a successful body to <typeparamref name="T"/> and carries an error through unchanged.</summary>
    public TopResult<T> Map<T>(Func<JsonElement, T> map) =>
        Body is { } body ? new TopResult<T>(map(body), null, null, null) : new TopResult<T>(default, Error, Kind, RetryAt);
}

/// <summary>A typed call result: <see cref="Value"/> on success, otherwise the error and what to do about it.</summary>
public sealed record TopResult<T>(T? Value, TopError? Error, TopErrorKind? Kind, DateTimeOffset? RetryAt)
{
    public bool IsSuccess => Error is null;
}
