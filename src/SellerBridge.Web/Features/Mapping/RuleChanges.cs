using System.Data.Common;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The trail of the operator's rule changes: who, when, what, and the value before and after. Written
/// in the same transaction as the change, so a change is never without its record.
/// </summary>
public sealed class RuleChanges(Db db)
{
    public const string Mapping = "mapping";
    public const string Rate = "rate";
    public const string Pricing = "pricing";
    public const string Commission = "commission";

    public sealed class Entry
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public long? ActorUserId { get; init; }
        public string? ActorEmail { get; init; }
        public string Kind { get; init; } = "";
        public string Action { get; init; } = "";
        public string Subject { get; init; } = "";
        public string? BeforeText { get; init; }
        public string? AfterText { get; init; }
    }

    public static Task RecordAsync(
        DbConnection connection,
        DbTransaction tx,
        DateTimeOffset at,
        long actorUserId,
        string kind,
        string action,
        string subject,
        string? before,
        string? after) =>
        connection.ExecuteAsync(
            """
            INSERT INTO rule_changes (at, actor_user_id, kind, action, subject, before_text, after_text)
            VALUES (@at, @actorUserId, @kind, @action, @subject, @before, @after)
            """,
            new { at, actorUserId, kind, action, subject, before, after },
            tx);

    /// <summary>The newest changes of one kind, with the operator's e-mail.</summary>
    public async Task<IReadOnlyList<Entry>> RecentAsync(string kind, int limit = 50)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<Entry>(
            """
            SELECT c.id AS Id, c.at AS At, c.actor_user_id AS ActorUserId, u.email AS ActorEmail, c.kind AS Kind,
                   c.action AS Action, c.subject AS Subject, c.before_text AS BeforeText, c.after_text AS AfterText
            FROM rule_changes c LEFT JOIN users u ON u.id = c.actor_user_id
            WHERE c.kind = @kind
            ORDER BY c.id DESC
            """ + db.Dialect.Limit("limit"),
            new { kind, limit });
        return rows.AsList();
    }
}
