using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public sealed class TopBansTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ban_holds_on_this_node_when_the_shared_book_cannot_be_written_or_read()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var bans = new TopBans(clock, new BrokenBook());
        var error = new TopError(7, "App Call Limited", "accesscontrol.limited-by-app-access-count", "This ban will last for 30 more seconds", null);

        await bans.RecordAsync("taobao.item.add", clock.GetUtcNow().AddSeconds(31), error, Token);

        Assert.Equal(error, (await bans.ActiveAsync("taobao.item.add", Token))?.Error);
        Assert.Null(await bans.ActiveAsync("taobao.item.update", Token));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await bans.ActiveAsync("taobao.item.add", Token));
    }

    private sealed class BrokenBook : ISharedBans
    {
        public Task RecordAsync(string method, DateTimeOffset until, TopError error, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database unreachable");

        public Task<IReadOnlyList<(string Method, DateTimeOffset Until, TopError Error)>> ActiveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database unreachable");
    }
}
