using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>Where a process tells the others about a ban, and learns of theirs.</summary>
public interface ISharedBans
{
    Task RecordAsync(string method, DateTimeOffset until, TopError error, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string Method, DateTimeOffset Until, TopError Error)>> ActiveAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The shared ban book in the app's database (<c>marketplace_bans</c>), one row per method holding its latest ban.</summary>
public sealed class DbSharedBans(Db db) : ISharedBans
{
    public async Task RecordAsync(string method, DateTimeOffset until, TopError error, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        // A later end wins; a shorter ban arriving late does not shorten a running one.
        await connection.ExecuteAsync(new CommandDefinition(
            db.Dialect.Upsert(
                "marketplace_bans",
                "method, banned_until, code, msg, sub_code, sub_msg",
                "@method, @until, @Code, @Msg, @SubCode, @SubMsg",
                "method",
                "marketplace_bans.banned_until < excluded.banned_until"),
            new { method, until, error.Code, error.Msg, error.SubCode, error.SubMsg },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<(string Method, DateTimeOffset Until, TopError Error)>> ActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT method AS Method, banned_until AS Until, code AS Code, msg AS Msg, sub_code AS SubCode, sub_msg AS SubMsg FROM marketplace_bans WHERE banned_until > @now",
            new { now },
            cancellationToken: cancellationToken));
        return rows.Select(r => (r.Method, r.Until, new TopError((int)r.Code, r.Msg, r.SubCode, r.SubMsg, null))).ToList();
    }

    private sealed class Row
    {
        public string Method { get; init; } = "";

        public DateTimeOffset Until { get; init; }

        public long Code { get; init; }

        public string Msg { get; init; } = "";

        public string? SubCode { get; init; }

        public string? SubMsg { get; init; }
    }
}
